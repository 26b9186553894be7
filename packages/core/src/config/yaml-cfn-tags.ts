import type { CollectionTag, ScalarTag, Tags } from 'yaml';

/**
 * CloudFormation short-form tags (`!Ref x`, `!GetAtt A.B`, `!Sub …`) turned into the long form
 * (`{ Ref: x }`, `{ 'Fn::GetAtt': ['A', 'B'] }`) while parsing, as Serverless v3 does.
 */
const FUNCTION_NAMES = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'If', 'Equals', 'Not', 'And', 'Or', 'Transform', 'Length', 'ToJsonString',
] as const;

function longFormKey(name: string): string {
  return name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
}

function wrap(name: string, value: unknown): Record<string, unknown> {
  if (name === 'GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot === -1 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [longFormKey(name)]: value };
}

function tagsFor(name: string): Tags {
  const tag = `!${name}`;
  const scalar: ScalarTag = {
    tag,
    identify: () => false,
    resolve: (value: string) => wrap(name, value),
  };
  const seq: CollectionTag = {
    tag,
    collection: 'seq',
    identify: () => false,
    resolve: (value) => wrap(name, (value as { toJSON(): unknown }).toJSON()),
  };
  const map: CollectionTag = {
    tag,
    collection: 'map',
    identify: () => false,
    resolve: (value) => wrap(name, (value as { toJSON(): unknown }).toJSON()),
  };
  return [scalar, seq, map];
}

export const cloudFormationTags: Tags = ['Ref', 'Condition', ...FUNCTION_NAMES].flatMap(tagsFor);
