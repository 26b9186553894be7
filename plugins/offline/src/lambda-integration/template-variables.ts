/** The variables a mapping template sees, for one request and one payload. */
import type { ProxyEvent } from '../event-builder';
import { contextVariable } from '../vtl/context-variable';
import { inputVariable, type RequestParams } from '../vtl/input-variable';
import type { TemplateVariables } from '../vtl/mapping-template';
import { stageVariables } from '../vtl/stage-variables';
import { utilVariable } from '../vtl/util-variable';

/** `$input.params()`: the request's path parameters, query string (last values) and headers. */
export function requestParams(event: ProxyEvent): RequestParams {
  return { path: event.pathParameters ?? {}, querystring: event.queryStringParameters ?? {}, header: event.headers };
}

/** `$input` over `payload` (the request body, or the function's result as JSON), the rest from the request. */
export function templateVariables(event: ProxyEvent, payload: string, onUnsupportedPath: (path: string) => void): TemplateVariables {
  return {
    input: inputVariable(payload, requestParams(event), onUnsupportedPath),
    context: contextVariable(event.requestContext),
    util: utilVariable,
    stageVariables,
  };
}
