import { emptyTemplate } from '../template/cfn-template';
import { locateTemplateProblem } from './locate-template-problem';

const template = emptyTemplate();
template.Resources.Jobs = { Type: 'AWS::SQS::Queue' };
template.Resources.Broken = { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 'not-a-number', Tags: [{ Key: 'a', Value: 'b' }] } };
template.Resources.Fn = { Type: 'AWS::Lambda::Function', Properties: { Role: { Ref: 'MissingRole' } } };

test('names the resource and property holding a quoted value', () => {
  expect(locateTemplateProblem(template, "'not-a-number' is not of type 'integer'")).toBe('Broken.Properties.VisibilityTimeout');
});

test('finds references named in brackets', () => {
  expect(locateTemplateProblem(template, 'Template format error: Unresolved resource dependencies [MissingRole] in the Resources block of the template')).toBe('Fn.Properties.Role.Ref');
});

test('nothing quoted, or nothing found: undefined', () => {
  expect(locateTemplateProblem(template, 'Template format error')).toBeUndefined();
  expect(locateTemplateProblem(template, "'elsewhere' is wrong")).toBeUndefined();
});
