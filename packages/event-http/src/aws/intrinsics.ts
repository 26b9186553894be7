import type { AwsFunctionConfig } from '@stratus/provider-aws';

/** The alias event sources target instead of the function (set by the provider for provisioned concurrency). */
export interface TargetAlias {
  name: string;
  logicalId: string;
}

export function targetAliasOf(fn: AwsFunctionConfig | undefined): TargetAlias | undefined {
  const alias = fn?.targetAlias as Partial<TargetAlias> | undefined;
  return alias && typeof alias.name === 'string' && typeof alias.logicalId === 'string' ? { name: alias.name, logicalId: alias.logicalId } : undefined;
}

/** `arn:<partition>:apigateway:<region>:lambda:path/2015-03-31/functions/<arn parts>/invocations`. */
export function lambdaInvocationUri(...functionArnParts: unknown[]): unknown {
  return {
    'Fn::Join': [
      '',
      ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, ':lambda:path/2015-03-31/functions/', ...functionArnParts, '/invocations'],
    ],
  };
}

/** Any stage, any method, any path of the REST API: what API Gateway permissions allow. */
export function executeApiSourceArn(restApiId: unknown): unknown {
  return {
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':execute-api:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':', restApiId, '/*/*']],
  };
}

/** Drop keys whose value is `undefined` (v3 leaves them out of the JSON it writes). */
export function compact<T extends Record<string, unknown>>(object: T): T {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}
