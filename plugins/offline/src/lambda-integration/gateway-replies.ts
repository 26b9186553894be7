/** API Gateway's own answers on the way to and from a `lambda` integration. */
import { jsonReply, type HttpReply } from '../response-mapper';

/** No request template for the content type, and pass-through not allowed. */
export const unsupportedMediaType = (): HttpReply => jsonReply(415, { message: 'Unsupported Media Type' }, { 'x-amzn-ErrorType': 'UnsupportedMediaTypeException' });

/** The request template's output (or the passed-through body) is not JSON: Lambda cannot take it. */
export const unparsableRequest = (reason: string): HttpReply =>
  jsonReply(400, { message: `Could not parse request body into json: ${reason}` }, { 'x-amzn-ErrorType': 'BadRequestException' });

/** A mapping template failed while rendering. */
export const mappingFailed = (): HttpReply => jsonReply(500, { message: 'Internal server error' }, { 'x-amzn-ErrorType': 'InternalServerErrorException' });
