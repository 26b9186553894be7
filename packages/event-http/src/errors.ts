import { didYouMean, StratusError } from '@stratus/core';

/** Which event an error is about: `functions.<functionKey>.events[<index>]`. */
export interface EventLocation {
  functionKey: string;
  index: number;
  /** The configuration file, for messages (default `serverless.yml`). */
  configFile?: string;
}

/** `serverless.yml: functions.getUser.events[1].http` (or just `http event` when the location is unknown). */
export function describeEvent(where: EventLocation | undefined): string {
  if (!where) return 'http event';
  return `${where.configFile ?? 'serverless.yml'}: functions.${where.functionKey}.events[${where.index}].http`;
}

/** The error codes and messages of this package, one small factory each, alphabetised. */
export const httpErrors = {
  authorizerFunctionNotFound: (where: EventLocation | undefined, name: string, functions: readonly string[]) =>
    new StratusError('HTTP_AUTHORIZER_FUNCTION_NOT_FOUND', `${describeEvent(where)}: the authorizer "${name}" is not a function of this service.${didYouMean(name, functions)}`, {
      hint: 'Name a function defined under "functions", or give the authorizer\'s ARN with "authorizer.arn".',
    }),

  authorizerNameOrArnMissing: (where: EventLocation | undefined) =>
    new StratusError('HTTP_AUTHORIZER_NAME_OR_ARN_MISSING', `${describeEvent(where)}: the authorizer has neither "name" nor "arn".`, {
      hint: 'Set "authorizer.name" to a function of this service, or "authorizer.arn" to a Lambda function or Cognito user pool ARN.',
    }),

  authorizerNameRequired: (where: EventLocation | undefined) =>
    new StratusError('HTTP_AUTHORIZER_NAME_REQUIRED', `${describeEvent(where)}: the authorizer's "arn" is computed by CloudFormation, so its name cannot be taken from the ARN.`, {
      hint: 'Add "authorizer.name" (it names the API Gateway authorizer and its logical id).',
    }),

  cognitoClaimsWithProxy: (where: EventLocation | undefined) =>
    new StratusError('HTTP_COGNITO_CLAIMS_WITH_PROXY', `${describeEvent(where)}: Cognito "claims" can only be filtered with the "lambda" integration.`, {
      hint: 'Remove "authorizer.claims" (with lambda-proxy the function receives every claim in event.requestContext.authorizer.claims), or set "integration: lambda".',
    }),

  duplicateEndpoint: (where: EventLocation | undefined, method: string, path: string, first: EventLocation | undefined) =>
    new StratusError('HTTP_DUPLICATE_ENDPOINT', `${describeEvent(where)}: ${method} /${path} is already defined by ${describeEvent(first)}.`, {
      hint: 'Each path and method can be served by one event only: change the path or the method of one of them.',
    }),

  externalApiLogs: () =>
    new StratusError('HTTP_EXTERNAL_API_LOGS', 'provider.logs.restApi has no effect when the REST API is imported with provider.apiGateway.restApiId.', {
      hint: 'Remove provider.logs.restApi, and configure logging on the stack that owns the REST API.',
    }),

  externalApiTracing: () =>
    new StratusError('HTTP_EXTERNAL_API_TRACING', 'provider.tracing.apiGateway has no effect when the REST API is imported with provider.apiGateway.restApiId.', {
      hint: 'Remove provider.tracing.apiGateway, and configure tracing on the stack that owns the REST API.',
    }),

  invalidEvent: (where: EventLocation | undefined, detail: string) =>
    new StratusError('HTTP_INVALID_EVENT', `${describeEvent(where)}: ${detail}`, {
      hint: 'Write the event as "http: GET /users/{id}" or as an object with "path" and "method".',
    }),

  invalidMethod: (where: EventLocation | undefined, method: string, allowed: readonly string[]) =>
    new StratusError('HTTP_INVALID_METHOD', `${describeEvent(where)}: "${method}" is not an HTTP method.${didYouMean(method.toUpperCase(), allowed)}`, {
      hint: `Use one of ${allowed.join(', ')}.`,
    }),

  invalidStageName: (stage: string) =>
    new StratusError('HTTP_INVALID_STAGE_NAME', `Invalid stage name "${stage}": API Gateway stage names may only contain letters, digits, "-" and "_", and this service has http events.`, {
      hint: 'Deploy with a stage such as "dev" or "prod_eu" (--stage or provider.stage).',
    }),

  keyWithoutUsagePlan: (name: string) =>
    new StratusError('HTTP_KEY_WITHOUT_USAGE_PLAN', `provider.apiGateway.apiKeys groups keys under "${name}", but provider.apiGateway.usagePlan defines no plan of that name.`, {
      hint: `Add "- ${name}: {…}" to provider.apiGateway.usagePlan, or list the keys without a plan name.`,
    }),

  keyNeedsUsagePlanName: (key: string) =>
    new StratusError('HTTP_KEY_NEEDS_USAGE_PLAN_NAME', `provider.apiGateway.apiKeys lists "${key}" on its own, but provider.apiGateway.usagePlan only defines named plans, so the key would belong to no plan.`, {
      hint: 'List the key under the name of a plan ("- free: [key]"), or define a single usage plan (an object, not a list).',
    }),

  missingConnectionId: (where: EventLocation | undefined) =>
    new StratusError('HTTP_MISSING_CONNECTION_ID', `${describeEvent(where)}: "connectionType: vpc-link" needs "connectionId".`, {
      hint: 'Set "connectionId" to the id of the VPC link.',
    }),

  missingRequestUri: (where: EventLocation | undefined, integration: string) =>
    new StratusError('HTTP_MISSING_REQUEST_URI', `${describeEvent(where)}: the ${integration} integration needs "request.uri", the backend URL.`, {
      hint: 'Add "request: { uri: https://… }" to the event.',
    }),

  missingRootResourceId: () =>
    new StratusError('HTTP_MISSING_ROOT_RESOURCE_ID', 'provider.apiGateway.restApiId is set but provider.apiGateway.restApiRootResourceId is not: both are needed to add paths to an existing REST API.', {
      hint: 'Add provider.apiGateway.restApiRootResourceId (the id of the API\'s "/" resource, e.g. an Fn::ImportValue of it).',
    }),

  resourceIdRequired: (path: string) =>
    new StratusError('HTTP_RESOURCE_ID_REQUIRED', `The existing REST API already has a resource for path "${path}" (it is the parent of a path listed in provider.apiGateway.restApiResources), so it cannot be created again.`, {
      hint: `Add "${path}" with its resource id to provider.apiGateway.restApiResources.`,
    }),

  vpcEndpointIdsNotPrivate: (endpointType: string) =>
    new StratusError('HTTP_VPC_ENDPOINT_IDS_NOT_PRIVATE', `provider.vpcEndpointIds is set, but provider.endpointType is ${endpointType}: VPC endpoint ids only apply to PRIVATE APIs.`, {
      hint: 'Set provider.endpointType: PRIVATE, or remove provider.vpcEndpointIds.',
    }),
};
