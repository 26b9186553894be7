import { isStratusError, StratusError } from '@stratus/core';
import { AwsRequestError, isAccessDenied, isNotFound, isThrottling, toStratusError, upperSnake, v3UpperSnake } from './aws-errors';
import { awsError } from './__fixtures__/fake-aws';

describe('toStratusError', () => {
  it('builds v3 codes AWS_<SERVICE>_<OPERATION>_<AWSCODE>', () => {
    const cases: Array<[unknown, string, string, string]> = [
      [awsError('ValidationError', 'Stack with id x does not exist'), 'CloudFormation', 'describeStacks', 'AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR'],
      [awsError('ValidationError', 'x'), 'CloudFormation', 'DescribeStacks', 'AWS_CLOUD_FORMATION_DESCRIBE_STACKS_VALIDATION_ERROR'],
      [awsError('NoSuchKey', 'The specified key does not exist.', 404), 'S3', 'getObject', 'AWS_S3_GET_OBJECT_NO_SUCH_KEY'],
      [awsError('ParameterNotFound', ''), 'SSM', 'getParameter', 'AWS_S_S_M_GET_PARAMETER_PARAMETER_NOT_FOUND'],
      [awsError('KMSAccessDeniedException', 'kms'), 'Lambda', 'invoke', 'AWS_LAMBDA_INVOKE_KMS_ACCESS_DENIED_EXCEPTION'],
      [awsError('ResourceNotFoundException', 'group'), 'CloudWatchLogs', 'filterLogEvents', 'AWS_CLOUD_WATCH_LOGS_FILTER_LOG_EVENTS_RESOURCE_NOT_FOUND_EXCEPTION'],
      [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), 'S3', 'listObjectsV2', 'AWS_S3_LIST_OBJECTS_V2_ECONNREFUSED'],
      [new Error('boom'), 'STS', 'getCallerIdentity', 'AWS_S_T_S_GET_CALLER_IDENTITY_ERROR'],
      ['just text', 'S3', 'putObject', 'AWS_S3_PUT_OBJECT_ERROR'],
    ];
    for (const [error, service, operation, code] of cases) expect(toStratusError(error, service, operation).code).toBe(code);
  });

  it('names the operation and the AWS message, keeps the original as providerError', () => {
    const original = awsError('ValidationError', 'Template format error');
    const error = toStratusError(original, 'CloudFormation', 'validateTemplate') as AwsRequestError;
    expect(error).toBeInstanceOf(StratusError);
    expect(isStratusError(error)).toBe(true);
    expect(error.message).toBe('AWS CloudFormation ValidateTemplate failed: Template format error');
    expect(error.providerError).toBe(original);
    expect(error.cause).toBe(original);
    expect(error.awsCode).toBe('ValidationError');
    expect(error.statusCode).toBe(400);
    expect(error.hint).toBeUndefined();
  });

  it('maps real SDK exception classes', () => {
    const { NoSuchKey } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const { ParameterNotFound } = require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm');
    const noSuchKey = new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } });
    expect(toStratusError(noSuchKey, 'S3', 'getObject').code).toBe('AWS_S3_GET_OBJECT_NO_SUCH_KEY');
    expect(isNotFound(noSuchKey)).toBe(true);
    const missing = new ParameterNotFound({ message: '', $metadata: {} });
    expect(toStratusError(missing, 'SSM', 'getParameter').code).toBe('AWS_S_S_M_GET_PARAMETER_PARAMETER_NOT_FOUND');
    expect(isNotFound(missing)).toBe(true);
  });

  it('describes an empty S3 error by code and status', () => {
    const error = toStratusError(awsError('NotFound', 'UnknownError', 404), 'S3', 'headObject');
    expect(error.message).toBe('AWS S3 HeadObject failed: NotFound (HTTP 404)');
  });

  it('passes StratusErrors through', () => {
    const error = new StratusError('X', 'y');
    expect(toStratusError(error, 'S3', 'getObject')).toBe(error);
  });

  it('hints how to configure missing credentials', () => {
    const error = toStratusError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'CloudFormation', 'describeStacks');
    expect(error.code).toBe('AWS_CLOUD_FORMATION_DESCRIBE_STACKS_CREDENTIALS_PROVIDER_ERROR');
    expect(error.hint).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(error.hint).toMatch(/--aws-profile/);
  });

  it('hints to refresh expired or invalid credentials', () => {
    for (const code of ['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch']) {
      expect(toStratusError(awsError(code, 'The security token included in the request is expired', 403), 'S3', 'putObject').hint).toMatch(/expired or invalid/);
    }
  });

  it('names the denied action, from the message or from service and operation', () => {
    const fromMessage = toStratusError(
      awsError('AccessDenied', 'User: arn:aws:iam::1:user/me is not authorized to perform: cloudformation:DescribeStacks on resource: x', 403),
      'CloudFormation',
      'describeStacks',
    );
    expect(fromMessage.code).toBe('AWS_CLOUD_FORMATION_DESCRIBE_STACKS_ACCESS_DENIED');
    expect(fromMessage.hint).toMatch(/cloudformation:DescribeStacks/);
    const guessed = toStratusError(awsError('AccessDeniedException', 'no'), 'CloudWatchLogs', 'filterLogEvents');
    expect(guessed.hint).toMatch(/logs:FilterLogEvents/);
    expect(toStratusError(awsError('AccessDeniedException', 'no'), 'SSM', 'getParameters').hint).toMatch(/ssm:GetParameters/);
  });

  it('hints at throttling', () => {
    expect(toStratusError(awsError('Throttling', 'Rate exceeded'), 'CloudFormation', 'describeStackEvents').hint).toMatch(/throttled/);
    expect(toStratusError(awsError('TooManyRequestsException', 'slow down'), 'Lambda', 'invoke').hint).toMatch(/SLS_AWS_REQUEST_MAX_RETRIES/);
  });

  it('hints at an unreachable endpoint, naming AWS_ENDPOINT_URL when set', () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    try {
      const error = toStratusError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'S3', 'getObject');
      expect(error.hint).toMatch(/http:\/\/localhost:4566/);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe('predicates', () => {
  it('recognises the "does not exist" shapes', () => {
    expect(isNotFound(awsError('ValidationError', 'Stack with id my-stack does not exist'))).toBe(true);
    expect(isNotFound(awsError('ValidationError', 'Resource ServerlessDeploymentBucket does not exist for stack x'))).toBe(true);
    expect(isNotFound(awsError('ValidationError', 'Template format error'))).toBe(false);
    expect(isNotFound(awsError('NoSuchKey', 'x', 404))).toBe(true);
    expect(isNotFound(awsError('NotFound', 'UnknownError', 404))).toBe(true);
    expect(isNotFound(awsError('Whatever', 'x', 404))).toBe(true);
    expect(isNotFound(awsError('ResourceNotFoundException', 'Function not found', 404))).toBe(true);
    expect(isNotFound(awsError('ParameterNotFound', ''))).toBe(true);
    expect(isNotFound(awsError('AccessDenied', 'no', 403))).toBe(false);
    expect(isNotFound(new Error('x'))).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
    // also after mapping
    expect(isNotFound(toStratusError(awsError('NoSuchKey', 'x', 404), 'S3', 'getObject'))).toBe(true);
  });

  it('recognises throttling and access denied', () => {
    expect(isThrottling(awsError('ThrottlingException', 'x'))).toBe(true);
    expect(isThrottling(awsError('Something', 'Rate exceeded'))).toBe(true);
    expect(isThrottling(awsError('ValidationError', 'x'))).toBe(false);
    expect(isAccessDenied(awsError('AccessDenied', 'x'))).toBe(true);
    expect(isAccessDenied(awsError('ValidationError', 'x'))).toBe(false);
  });

  it('spells names in upper snake case', () => {
    expect(v3UpperSnake('CloudFormation')).toBe('CLOUD_FORMATION');
    expect(v3UpperSnake('SSM')).toBe('S_S_M');
    expect(v3UpperSnake('S3')).toBe('S3');
    expect(v3UpperSnake('listObjectsV2')).toBe('LIST_OBJECTS_V2');
    expect(upperSnake('NoSuchKey')).toBe('NO_SUCH_KEY');
    expect(upperSnake('EC2ThrottledException')).toBe('EC2_THROTTLED_EXCEPTION');
    expect(upperSnake('ECONNREFUSED')).toBe('ECONNREFUSED');
    expect(upperSnake('Some.Code-x')).toBe('SOME_CODE_X');
  });
});
