// The lambda-proxy event codec the local Lambda runtime loads into each Node handler's worker:
// the server sends the request's parts (a few strings) instead of the whole event, and gets the
// mapped HTTP reply back instead of the result's JSON text. Structured-cloning the full event
// and parsing the result were the largest costs of the server's thread on the request path; the
// workers have time to spare. See @stratus/lambda-runtime's `EventCodec`.
import { buildProxyEvent, type ProxyRequestParts } from './event-builder';
import { mapProxyResult, type MappedProxyResult } from './response-mapper';

export function decodeEvent(input: unknown): unknown {
  return buildProxyEvent(input as ProxyRequestParts);
}

export function encodeResult(result: unknown): MappedProxyResult {
  return mapProxyResult(result);
}
