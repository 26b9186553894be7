import { emptyTemplate } from './cfn-template';
import { TemplateBuilder } from './template-builder';

test('adds resources and outputs into the shared template object', () => {
  const template = emptyTemplate();
  const builder = new TemplateBuilder(template);
  builder.addResource('functions', 'HelloLambdaFunction', { Type: 'AWS::Lambda::Function' });
  builder.addOutput('functions', 'HelloLambdaFunctionQualifiedArn', { Value: 'x' });
  expect(template.Resources.HelloLambdaFunction).toEqual({ Type: 'AWS::Lambda::Function' });
  expect(template.Outputs.HelloLambdaFunctionQualifiedArn).toEqual({ Value: 'x' });
  expect(builder.ownerOf('HelloLambdaFunction')).toBe('functions');
});

test('a duplicate logical id names who added the first one', () => {
  const builder = new TemplateBuilder(emptyTemplate());
  builder.addResource('@stratus/event-s3', 'S3BucketPhotos', { Type: 'AWS::S3::Bucket' });
  expect(() => builder.addResource('my-plugin', 'S3BucketPhotos', { Type: 'AWS::S3::Bucket' })).toThrow(
    'my-plugin tried to add resource "S3BucketPhotos" to the CloudFormation template, but @stratus/event-s3 already added it.',
  );
  builder.addOutput('a', 'Out', { Value: 1 });
  expect(() => builder.addOutput('b', 'Out', { Value: 2 })).toThrow(/output "Out".*a already added it/);
});

test('resources added directly to the template (v3 plugins) are detected too', () => {
  const template = emptyTemplate();
  const builder = new TemplateBuilder(template);
  template.Resources.Direct = { Type: 'AWS::SNS::Topic' };
  expect(() => builder.addResource('events', 'Direct', { Type: 'AWS::SNS::Topic' })).toThrow(/compiledCloudFormationTemplate directly/);
});
