import { parse } from 'yaml';
import { cloudFormationTags } from './yaml-cfn-tags';

const load = (text: string) => parse(text, { customTags: cloudFormationTags });

test('short-form scalar tags become Ref / Fn:: objects', () => {
  expect(load('a: !Ref Bucket')).toEqual({ a: { Ref: 'Bucket' } });
  expect(load('a: !Condition IsProd')).toEqual({ a: { Condition: 'IsProd' } });
  expect(load('a: !Sub "arn:${AWS::Region}"')).toEqual({ a: { 'Fn::Sub': 'arn:${AWS::Region}' } });
  expect(load('a: !ImportValue Out')).toEqual({ a: { 'Fn::ImportValue': 'Out' } });
  expect(load('a: !Base64 text')).toEqual({ a: { 'Fn::Base64': 'text' } });
  expect(load('a: !GetAZs ""')).toEqual({ a: { 'Fn::GetAZs': '' } });
});

test('!GetAtt splits on the first dot only', () => {
  expect(load('a: !GetAtt Fn.Arn')).toEqual({ a: { 'Fn::GetAtt': ['Fn', 'Arn'] } });
  expect(load('a: !GetAtt Db.Endpoint.Address')).toEqual({ a: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } });
  expect(load('a: !GetAtt [Fn, Arn]')).toEqual({ a: { 'Fn::GetAtt': ['Fn', 'Arn'] } });
});

test('sequence and mapping forms, nested', () => {
  const doc = load(`
a: !Join ['', [!Ref AWS::Region, '-', !Select [0, !Split [',', !Ref List]]]]
b: !If [IsProd, !FindInMap [M, !Ref AWS::Region, k], !Ref AWS::NoValue]
c: !Equals [!Ref Stage, prod]
d: !And [!Not [!Condition A], !Or [!Condition B, !Condition C]]
e: !Cidr [!GetAtt Vpc.CidrBlock, 6, 5]
f: !Sub
  - 'x-\${Name}'
  - Name: !Ref N
`);
  expect(doc.a).toEqual({ 'Fn::Join': ['', [{ Ref: 'AWS::Region' }, '-', { 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'List' }] }] }]] });
  expect(doc.b).toEqual({ 'Fn::If': ['IsProd', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'k'] }, { Ref: 'AWS::NoValue' }] });
  expect(doc.c).toEqual({ 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] });
  expect(doc.d).toEqual({ 'Fn::And': [{ 'Fn::Not': [{ Condition: 'A' }] }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] });
  expect(doc.e).toEqual({ 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 5] });
  expect(doc.f).toEqual({ 'Fn::Sub': ['x-${Name}', { Name: { Ref: 'N' } }] });
});
