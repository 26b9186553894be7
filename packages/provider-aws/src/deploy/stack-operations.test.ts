import type { AwsProviderConfig } from '../config-types';
import type { CfnTemplate } from '../template/cfn-template';
import { rollbackStackParameters } from './stack-operations';

describe('rollbackStackParameters', () => {
  it('keeps the current value of a parameter the configuration does not give and that has no default', () => {
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {},
      Parameters: { Given: { Type: 'String' }, WithDefault: { Type: 'String', Default: 'x' }, SecretFromAPlugin: { Type: 'String', NoEcho: true } },
    } as unknown as CfnTemplate;
    const provider = { stackParameters: [{ ParameterKey: 'Given', ParameterValue: 'v' }] } as unknown as AwsProviderConfig;
    expect(rollbackStackParameters(provider, 'dev', template).Parameters).toEqual([
      { ParameterKey: 'Given', ParameterValue: 'v' },
      { ParameterKey: 'SecretFromAPlugin', UsePreviousValue: true },
    ]);
  });

  it('adds nothing to a template without parameters', () => {
    const template = { AWSTemplateFormatVersion: '2010-09-09', Resources: {} } as unknown as CfnTemplate;
    expect(rollbackStackParameters({} as AwsProviderConfig, 'dev', template).Parameters).toEqual([]);
  });
});
