import { checkYaml, SERVICE } from './__fixtures__/validate';

const withResources = (...lines: string[]) => checkYaml([...SERVICE, 'resources:', ...lines]);

describe('resources', () => {
  test('every CloudFormation section is accepted', () => {
    const { brief } = withResources(
      "  AWSTemplateFormatVersion: '2010-09-09'",
      '  Description: My stack',
      '  Metadata: { a: b }',
      '  Parameters: { Env: { Type: String, Default: dev } }',
      '  Mappings: { Map: { us-east-1: { ami: x } } }',
      '  Conditions: { IsProd: { "Fn::Equals": [{ Ref: Env }, prod] } }',
      '  Rules: {}',
      '  Transform: AWS::Serverless-2016-10-31',
      '  Resources:',
      '    UsersTable:',
      '      Type: AWS::DynamoDB::Table',
      '      DeletionPolicy: Retain',
      '      Properties: { TableName: users }',
      '    Queue:',
      '      Type: AWS::SQS::Queue',
      '      Condition: IsProd',
      '  Outputs:',
      '    TableName:',
      '      Value: { Ref: UsersTable }',
      '      Export: { Name: users-table }',
      '  extensions:',
      '    HelloLogGroup:',
      '      Properties: { RetentionInDays: 7 }',
      '      DependsOn: Queue',
    );
    expect(brief).toEqual([]);
  });

  test('a resource needs a Type; logical ids are alphanumeric; outputs need a Value', () => {
    expect(
      withResources(
        '  Resources:',
        '    Table:',
        '      Properties: {}',
        '    Bad-Id:',
        '      Type: AWS::SNS::Topic',
        '  Outputs:',
        '    Name:',
        '      Description: no value',
      ).brief,
    ).toEqual([
      "resources.Resources.Table: must have required property 'Type'",
      "resources.Resources.Bad-Id: unrecognized property 'Bad-Id'",
      "resources.Outputs.Name: must have required property 'Value'",
    ]);
  });

  test('an unknown section is reported with the closest one', () => {
    expect(withResources('  Resource:', '    Topic: { Type: AWS::SNS::Topic }').brief).toEqual(["resources.Resource: unrecognized property 'Resource' (Resources)"]);
  });

  test('a resource must be an object; extensions only take resource attributes', () => {
    expect(withResources('  Resources:', '    Topic: AWS::SNS::Topic').brief).toEqual(['resources.Resources.Topic: must be object']);
    expect(withResources('  extensions:', '    HelloLambdaFunction: { Type: AWS::Lambda::Function }').brief).toEqual([
      "resources.extensions.HelloLambdaFunction.Type: unrecognized property 'Type'",
    ]);
  });
});

describe('layers', () => {
  const withLayers = (...lines: string[]) => checkYaml([...SERVICE, 'layers:', ...lines]);

  test('a layer from a folder or from a prebuilt artifact', () => {
    const { configuration, brief } = withLayers(
      '  common:',
      '    path: layers/common',
      '    name: my-common',
      '    description: Shared code',
      '    compatibleRuntimes: [nodejs20.x, nodejs22.x]',
      '    compatibleArchitectures: [arm64]',
      '    licenseInfo: MIT',
      '    allowedAccounts: ["*", 123456789012]',
      '    retain: true',
      '    package: { patterns: ["!**/*.md"] }',
      '  prebuilt:',
      '    package: { artifact: dist/layer.zip }',
    );
    expect(brief).toEqual([]);
    expect((configuration.layers as Record<string, { allowedAccounts: unknown[] }>).common!.allowedAccounts).toEqual(['*', '123456789012']);
  });

  test('a layer needs a path unless it has an artifact; runtimes and keys are checked', () => {
    expect(
      withLayers('  common:', '    description: x', '  other:', '    path: p', '    compatibleRuntimes: [nodejs99.x]', '    retian: true').brief.map((line) => line.replace(/\[nodejs14\.x.*\]$/, '[…]')),
    ).toEqual([
      "layers.common: must have required property 'path'",
      'layers.other.compatibleRuntimes.0: must be equal to one of the allowed values […]',
      "layers.other.retian: unrecognized property 'retian' (retain)",
    ]);
  });
});
