
import { compileContext, executionRole, stratusFailure } from '@stratus/testing';
import { compileScheduleEvents } from './compile-schedule-events';

const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

function compile(functions: Parameters<typeof compileContext>[1]['functions'], extra: Partial<Parameters<typeof compileContext>[1]> = {}) {
  const context = compileContext('schedule', { functions, ...extra });
  compileScheduleEvents(context);
  return { resources: context.builder.template.Resources, context };
}


describe('method: eventBus (default)', () => {
  test('a short form gives a rule and its permission', () => {
    const { resources } = compile({ 'cron-job': { events: [{ schedule: 'rate(10 minutes)' }] } });
    expect(resources).toEqual({
      CronDashjobEventsRuleSchedule1: {
        Type: 'AWS::Events::Rule',
        Properties: {
          ScheduleExpression: 'rate(10 minutes)',
          State: 'ENABLED',
          Targets: [{ Arn: getAtt('CronDashjobLambdaFunction'), Id: 'cron-jobSchedule' }],
        },
      },
      CronDashjobLambdaPermissionEventsRuleSchedule1: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: getAtt('CronDashjobLambdaFunction'),
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
          SourceArn: getAtt('CronDashjobEventsRuleSchedule1'),
        },
      },
    });
  });

  test('N counts every expression of a function, across events; each function counts on its own', () => {
    const { resources } = compile({
      a: { events: [{ schedule: 'rate(1 minute)' }, { http: 'GET x' }, { schedule: { rate: ['rate(2 minutes)', 'cron(0 12 * * ? *)'] } }] },
      b: { events: [{ schedule: 'rate(3 minutes)' }] },
    });
    expect(Object.keys(resources).filter((id) => resources[id]?.Type === 'AWS::Events::Rule')).toEqual([
      'AEventsRuleSchedule1',
      'AEventsRuleSchedule2',
      'AEventsRuleSchedule3',
      'BEventsRuleSchedule1',
    ]);
    expect(resources.AEventsRuleSchedule3?.Properties?.ScheduleExpression).toBe('cron(0 12 * * ? *)');
    expect(resources.ALambdaPermissionEventsRuleSchedule3?.Properties?.SourceArn).toEqual(getAtt('AEventsRuleSchedule3'));
  });

  test('long form: disabled, name, description, object input (body parsed), inputPath, inputTransformer', () => {
    const { resources } = compile({
      job: {
        events: [
          { schedule: { rate: 'rate(1 day)', enabled: false, name: 'nightly', description: 'Nightly', input: { body: '{"a":1}', b: 2 } } },
          { schedule: { rate: ['rate(2 days)'], inputPath: '$.detail' } },
          { schedule: { rate: ['rate(3 days)'], inputTransformer: { inputTemplate: '{"t": <t>}', inputPathsMap: { t: '$.time' } } } },
          { schedule: { rate: ['rate(4 days)'], input: 'raw text' } },
        ],
      },
    });
    expect(resources.JobEventsRuleSchedule1?.Properties).toEqual({
      ScheduleExpression: 'rate(1 day)',
      State: 'DISABLED',
      Name: 'nightly',
      Description: 'Nightly',
      Targets: [{ Input: '{"body":{"a":1},"b":2}', Arn: getAtt('JobLambdaFunction'), Id: 'jobSchedule' }],
    });
    expect((resources.JobEventsRuleSchedule2?.Properties?.Targets as unknown[])[0]).toEqual({ InputPath: '$.detail', Arn: getAtt('JobLambdaFunction'), Id: 'jobSchedule' });
    expect((resources.JobEventsRuleSchedule3?.Properties?.Targets as unknown[])[0]).toEqual({
      InputTransformer: { InputTemplate: '{"t": <t>}', InputPathsMap: { t: '$.time' } },
      Arn: getAtt('JobLambdaFunction'),
      Id: 'jobSchedule',
    });
    expect((resources.JobEventsRuleSchedule4?.Properties?.Targets as Array<{ Input: string }>)[0]?.Input).toBe('raw text');
  });

  test('a function behind a provisioned-concurrency alias: the alias is the target and the rule waits for it', () => {
    const context = compileContext('schedule', { functions: { hot: { provisionedConcurrency: 2, events: [{ schedule: 'rate(5 minutes)' }] } } });
    context.builder.addResource('functions', 'HotProvConcLambdaAlias', { Type: 'AWS::Lambda::Alias' });
    compileScheduleEvents(context);
    const rule = context.builder.getResource('HotEventsRuleSchedule1');
    expect(rule?.DependsOn).toBe('HotProvConcLambdaAlias');
    expect((rule?.Properties?.Targets as Array<{ Arn: unknown }>)[0]?.Arn).toEqual({ 'Fn::Join': [':', [getAtt('HotLambdaFunction'), 'provisioned']] });
  });

  test('errors: name with several rates, timezone without scheduler', () => {
    const named = stratusFailure(() => compile({ job: { events: [{ schedule: { rate: ['rate(1 day)', 'rate(2 days)'], name: 'x' } }] } }));
    expect(named.code).toBe('SCHEDULE_NAME_WITH_MULTIPLE_RATES');
    expect(named.message).toMatch(/^functions\.job\.events\[0\]\.schedule: "name" is set, but "rate" has 2 expressions/);
    const timezone = stratusFailure(() => compile({ job: { events: [{ schedule: { rate: ['rate(1 day)'], timezone: 'Europe/Paris' } }] } }));
    expect(timezone.code).toBe('SCHEDULE_PARAMETER_NOT_SUPPORTED');
    expect(timezone.hint).toMatch(/method: scheduler/);
  });

  test('a duplicate logical id (another plugin) is refused by the builder', () => {
    const context = compileContext('schedule', { functions: { job: { events: [{ schedule: 'rate(1 day)' }] } } });
    context.builder.addResource('other-plugin', 'JobEventsRuleSchedule1', { Type: 'AWS::Events::Rule' });
    expect(() => compileScheduleEvents(context)).toThrow(/other-plugin already added it/);
  });
});

describe('method: scheduler', () => {
  test('an AWS::Scheduler::Schedule with the function role, no permission; the shared role trusts the scheduler and may invoke', () => {
    const template = { AWSTemplateFormatVersion: '2010-09-09', Description: 'x', Outputs: {}, Resources: { IamRoleLambdaExecution: executionRole() as never } };
    const context = compileContext('schedule', {
      template,
      functions: {
        job: { events: [{ schedule: { rate: ['rate(1 hour)', 'cron(0 8 * * ? *)'], method: 'scheduler', timezone: 'Europe/Paris', input: { a: 1 }, description: 'd' } }] },
      },
    });
    context.builder.addResource('functions', 'JobLambdaFunction', { Type: 'AWS::Lambda::Function', Properties: { Role: getAtt('IamRoleLambdaExecution') } });
    compileScheduleEvents(context);
    const resources = context.builder.template.Resources;
    expect(resources.JobSchedulerSchedule1).toEqual({
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        ScheduleExpression: 'rate(1 hour)',
        State: 'ENABLED',
        Target: { Arn: getAtt('JobLambdaFunction'), RoleArn: getAtt('IamRoleLambdaExecution'), Input: '{"a":1}' },
        FlexibleTimeWindow: { Mode: 'OFF' },
        Description: 'd',
        ScheduleExpressionTimezone: 'Europe/Paris',
      },
    });
    expect(resources.JobSchedulerSchedule2?.Properties?.ScheduleExpression).toBe('cron(0 8 * * ? *)');
    expect(Object.keys(resources).some((id) => id.includes('Permission'))).toBe(false);
    const role = resources.IamRoleLambdaExecution?.Properties as { AssumeRolePolicyDocument: { Statement: Array<{ Principal: { Service: string[] } }> }; Policies: Array<{ PolicyDocument: { Statement: unknown[] } }> };
    expect(role.AssumeRolePolicyDocument.Statement[0]?.Principal.Service).toEqual(['lambda.amazonaws.com', 'scheduler.amazonaws.com']);
    // Once per function, whatever the number of schedules.
    expect(role.Policies[0]?.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-job' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-job:*' },
        ],
      },
    ]);
  });

  test('a function with its own role: that role is used, and the user is told to trust the scheduler', () => {
    const context = compileContext('schedule', { functions: { job: { events: [{ schedule: { rate: ['rate(1 hour)'], method: 'scheduler' } }] } } });
    context.builder.addResource('functions', 'JobLambdaFunction', { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/mine' } });
    compileScheduleEvents(context);
    expect((context.builder.getResource('JobSchedulerSchedule1')?.Properties?.Target as { RoleArn: unknown }).RoleArn).toBe('arn:aws:iam::123456789012:role/mine');
    expect(context.log.lines).toEqual([['warning', expect.stringMatching(/own role: that role must trust scheduler\.amazonaws\.com/)]]);
  });

  test('inputPath and inputTransformer are refused', () => {
    for (const extra of [{ inputPath: '$.x' }, { inputTransformer: { inputTemplate: 'x' } }]) {
      const error = stratusFailure(() => compile({ job: { events: [{ schedule: { rate: ['rate(1 hour)'], method: 'scheduler', ...extra } }] } }));
      expect(error.code).toBe('SCHEDULE_PARAMETER_NOT_SUPPORTED');
      expect(error.message).toMatch(/is not supported with "method: scheduler"/);
    }
  });
});
