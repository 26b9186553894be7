export { compileBodyValidator, invalidRequestBody, SchemaCompiler, type BodyValidator } from './body-validator';
export { missingParameters, missingParametersReply, requiredParametersOf, type RequiredParameters } from './required-parameters';
