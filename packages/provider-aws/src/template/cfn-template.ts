export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  [key: string]: unknown;
}

export interface CfnOutput {
  Value: unknown;
  Description?: string;
  Export?: { Name: unknown };
  Condition?: string;
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: string;
  Description: string;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, CfnOutput>;
  [key: string]: unknown;
}

export function emptyTemplate(): CfnTemplate {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'The AWS CloudFormation template for this Serverless application',
    Resources: {},
    Outputs: {},
  };
}
