/**
 * The request templates a `lambda` integration gets when none is configured: they make the event
 * Serverless v3 documents — `{ body, method, principalId, stage, cognitoPoolClaims, enhancedAuthContext,
 * headers, query, path, identity, stageVariables, requestPath }` — from a JSON body or a form body.
 * Written for API Gateway's engine (Java semantics), so they behave the same when deployed.
 */

/** `#stringMap($map)`: a map as a JSON object of strings. `escapeJavaScript` escapes `'`, which JSON does not allow: undone. */
const STRING_MAP_MACRO = String.raw`#macro( stringMap $map )
{#foreach( $name in $map.keySet() )"$util.escapeJavaScript($name).replaceAll("\\'", "'")": "$util.escapeJavaScript($map.get($name)).replaceAll("\\'", "'")"#if( $foreach.hasNext ), #end#end}#end
`;

const JSON_BODY_MACRO = String.raw`#macro( requestBody )$input.json('$')#end
`;

/** `a=1&b=x%20y` → `{"a": "1", "b": "x y"}`; a key without `=` gets an empty value. */
const FORM_BODY_MACRO = String.raw`#macro( requestBody )
#set( $form = {} )
#foreach( $pair in $input.body.split('&') )
#if( $pair != '' )
#set( $at = $pair.indexOf('=') )
#if( $at < 0 )
#set( $discard = $form.put($util.urlDecode($pair), '') )
#else
#set( $valueAt = $at + 1 )
#set( $discard = $form.put($util.urlDecode($pair.substring(0, $at)), $util.urlDecode($pair.substring($valueAt))) )
#end
#end
#end
#stringMap($form)#end
`;

/** One Cognito claim in `cognitoPoolClaims` (`sub`, and each of the authorizer's `claims`, as v3 writes them). */
const claim = (name: string): string => String.raw`"${name}": "$util.escapeJavaScript($context.authorizer.claims.get('${name}')).replaceAll("\'", "'")"`;

const event = (extraClaims: readonly string[]): string => String.raw`#set( $params = $input.params() )
{
  "body": #requestBody(),
  "method": "$context.httpMethod",
  "principalId": "$util.escapeJavaScript($context.authorizer.principalId).replaceAll("\\'", "'")",
  "stage": "$context.stage",
  "cognitoPoolClaims": {${['sub', ...extraClaims.filter((name) => name !== 'sub')].map(claim).join(', ')}},
  "enhancedAuthContext": #stringMap($context.authorizer),
  "headers": #stringMap($params.header),
  "query": #stringMap($params.querystring),
  "path": #stringMap($params.path),
  "identity": #stringMap($context.identity),
  "stageVariables": #stringMap($stageVariables),
  "requestPath": "$context.resourcePath"
}
`;

/** Content type → the default template's source; `extraClaims`: the authorizer's `claims` (v3's extra Cognito pool claims). */
export function defaultRequestTemplates(extraClaims: readonly string[] = []): Readonly<Record<string, string>> {
  return {
    'application/json': `${STRING_MAP_MACRO}${JSON_BODY_MACRO}${event(extraClaims)}`,
    'application/x-www-form-urlencoded': `${STRING_MAP_MACRO}${FORM_BODY_MACRO}${event(extraClaims)}`,
  };
}
