export { compileBodyValidator, invalidRequestBody, SchemaCompiler, type BodyValidator } from './body-validator';
