/**
 * The request templates of the `lambda` (non-proxy) integration: they turn the HTTP request into
 * the event v3 documents — `{ body, method, principalId, stage, cognitoPoolClaims, enhancedAuthContext,
 * headers, query, path, identity, stageVariables, requestPath }`. Whitespace is kept exactly as
 * v3 writes it, so templates (and API deployments) compare equal.
 */

/** Copies a map (`$map`) into a JSON object. */
const LOOP = String.raw`
  #define( $loop )
    {
    #foreach($key in $map.keySet())
        #set( $k = $util.escapeJavaScript($key) )
        #set( $v = $util.escapeJavaScript($map.get($key)).replaceAll("\\'", "'") )
        "$k":
          "$v"
          #if( $foreach.hasNext ) , #end
    #end
    }
  #end
`;

function eventBody(claims: string): string {
  return String.raw`
  {
    "body": $body,
    "method": "$context.httpMethod",
    "principalId": "$context.authorizer.principalId",
    "stage": "$context.stage",

    "cognitoPoolClaims" : {
       ${claims}
       "sub": "$context.authorizer.claims.sub"
    },

    #set( $map = $context.authorizer )
    "enhancedAuthContext": $loop,

    #set( $map = $input.params().header )
    "headers": $loop,

    #set( $map = $input.params().querystring )
    "query": $loop,

    #set( $map = $input.params().path )
    "path": $loop,

    #set( $map = $context.identity )
    "identity": $loop,

    #set( $map = $stageVariables )
    "stageVariables": $loop,

    "requestPath": "$context.resourcePath"
  }
`;
}

const JSON_BODY = String.raw`
    #set( $body = $input.json("$") )

    `;

const FORM_BODY = String.raw`
    #define( $body )
      {
      #foreach( $token in $input.path('$').split('&') )
        #set( $keyVal = $token.split('=') )
        #set( $keyValSize = $keyVal.size() )
        #if( $keyValSize >= 1 )
          #set( $key = $util.escapeJavaScript($util.urlDecode($keyVal[0])) )
          #if( $keyValSize >= 2 )
            #set($val = $util.escapeJavaScript($util.urlDecode($keyVal[1])).replaceAll("\\'","'"))
          #else
            #set( $val = '' )
          #end
          "$key": "$val"#if($foreach.hasNext),#end
        #end
      #end
      }
    #end

    `;

/**
 * Extra `cognitoPoolClaims` entries for the authorizer's `claims`: `email` →
 * `"email": "$context.authorizer.claims.email"`, a namespaced `custom:role` →
 * `"role": "$context.authorizer.claims['custom:role']"`; comma-terminated, as they precede `sub`.
 */
export function cognitoClaimsEntries(claims: readonly string[]): string {
  if (claims.length === 0) return '';
  const entries = claims.map((claim) => {
    const colon = claim.indexOf(':');
    if (colon !== -1) return `"${claim.slice(colon + 1)}": "$context.authorizer.claims['${claim}']"`;
    return `"${claim}": "$context.authorizer.claims.${claim}"`;
  });
  return `${entries.join(',')},`;
}

/** The default templates, for `application/json` and `application/x-www-form-urlencoded` bodies. */
export function defaultLambdaRequestTemplates(claims: readonly string[] = []): Record<string, string> {
  const common = `${LOOP}${eventBody(cognitoClaimsEntries(claims))}\n  `;
  return {
    'application/json': `${JSON_BODY}${common}`,
    'application/x-www-form-urlencoded': `${FORM_BODY}${common}`,
  };
}

/** Placeholder a custom request template may contain to receive the claims entries (as in v3). */
export const CLAIMS_PLACEHOLDER = 'extraCognitoPoolClaims';
