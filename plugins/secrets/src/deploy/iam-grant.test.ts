import { captureLogger } from '../test-support';
import { addRoleStatements, kmsDecryptStatement, secretStatements } from './iam-grant';

const sub = (text: string) => ({ 'Fn::Sub': text });
const viaSsm = { 'kms:ViaService': sub('ssm.${AWS::Region}.amazonaws.com') };

describe('secretStatements', () => {
  it('grants ssm:GetParameter(s) on exactly the parameters, and kms:Decrypt through SSM on the default key', () => {
    expect(secretStatements(['/shop/prod/B', '/shop/prod/A', '/shop/prod/A'], undefined)).toEqual([
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters'],
        Resource: [sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shop/prod/A'), sub('arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shop/prod/B')],
      },
      {
        Effect: 'Allow',
        Action: ['kms:Decrypt'],
        Resource: sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
        Condition: { StringEquals: viaSsm, 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/aws/ssm' } },
      },
    ]);
    expect(secretStatements([], undefined)).toEqual([]);
  });

  it('a configured key: an ARN or an id is the resource; an alias becomes a condition', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(kmsDecryptStatement(arn)).toEqual({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: arn, Condition: { StringEquals: viaSsm } });
    expect(kmsDecryptStatement('1234abcd-12ab-34cd-56ef-1234567890ab').Resource).toEqual(sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab'));
    expect(kmsDecryptStatement('alias/shop')).toMatchObject({ Resource: sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'), Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/shop' } } });
    expect(kmsDecryptStatement('arn:aws-cn:kms:cn-north-1:111122223333:alias/shop')).toMatchObject({
      Resource: 'arn:aws-cn:kms:cn-north-1:111122223333:key/*',
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/shop' } },
    });
  });
});

describe('addRoleStatements', () => {
  const statements = secretStatements(['/s/d/A'], undefined);

  it('appends to provider.iam.role.statements, creating it when absent, keeping the user\'s own', () => {
    const { log } = captureLogger();
    const empty: Record<string, unknown> = {};
    addRoleStatements(empty, statements, log, ['/s/d/A']);
    expect(empty).toEqual({ iam: { role: { statements } } });
    const own = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' };
    const provider = { iam: { role: { statements: [own], managedPolicies: ['arn:x'] } } };
    addRoleStatements(provider, statements, log, ['/s/d/A']);
    expect(provider.iam.role.statements).toEqual([own, ...statements]);
  });

  it('uses the legacy iamRoleStatements when that is where the user\'s statements are', () => {
    const { log } = captureLogger();
    const provider = { iamRoleStatements: [{ Effect: 'Allow' }] };
    addRoleStatements(provider, statements, log, ['/s/d/A']);
    expect(provider.iamRoleStatements).toHaveLength(3);
    expect(provider).not.toHaveProperty('iam');
  });

  it('an existing role is left alone, with a warning naming the parameters', () => {
    const { log, lines } = captureLogger();
    const provider = { iam: { role: 'arn:aws:iam::111122223333:role/mine' } };
    addRoleStatements(provider, statements, log, ['/s/d/A']);
    expect(provider.iam.role).toBe('arn:aws:iam::111122223333:role/mine');
    expect(lines.join('')).toContain('grant it ssm:GetParameter(s) on /s/d/A');
  });
});
