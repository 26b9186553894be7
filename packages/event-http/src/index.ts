// The public API of @stratus/event-http.
import { httpEventPlugin } from './http-event-plugin';

export default httpEventPlugin;
export { httpEventPlugin };
export { normalizeHttpEvent, type NormalizeHttpEventOptions } from './normalize';
export { createHttpEventSchema, httpEventSchema } from './schema';
export {
  HTTP_METHODS,
  type HttpAuthorizer,
  type HttpCognitoAuthorizer,
  type HttpCors,
  type HttpEvent,
  type HttpExistingAuthorizer,
  type HttpIamAuthorizer,
  type HttpIntegration,
  type HttpLambdaAuthorizer,
  type HttpMethod,
  type HttpRequest,
  type HttpRequestParameter,
  type HttpRequestParameters,
  type HttpRequestSchema,
  type HttpResponse,
  type HttpStatusCode,
} from './http-event';
