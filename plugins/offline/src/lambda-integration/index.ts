export { compileLambdaIntegration, type LambdaIntegration } from './lambda-integration';
