import type { CfnResource, EventCompileContext } from '@stratus/provider-aws';
import { serializeScheduleInput, type ScheduleEvent, type ScheduleExpression } from '../normalize';
import type { EventLocation } from '../errors';
import { targetAliasLogicalId } from './function-target';

export const OWNER = '@stratus/event-schedule';

/** One expression of a `method: eventBus` event: `<Fn>EventsRuleSchedule<N>` and the permission that lets EventBridge invoke. */
export function addEventsRule(context: EventCompileContext, where: EventLocation, event: ScheduleEvent, expression: ScheduleExpression, counter: number): void {
  const { functionKey } = where;
  const { naming, builder } = context;
  const ruleId = naming.getScheduleLogicalId(functionKey, counter);
  const target: Record<string, unknown> = {};
  if (event.input !== undefined) target.Input = serializeScheduleInput(event.input, where);
  if (event.inputPath !== undefined) target.InputPath = event.inputPath;
  if (event.inputTransformer) {
    target.InputTransformer = { InputTemplate: event.inputTransformer.inputTemplate };
    if (event.inputTransformer.inputPathsMap) (target.InputTransformer as Record<string, unknown>).InputPathsMap = event.inputTransformer.inputPathsMap;
  }
  target.Arn = context.functionTargetArn(functionKey);
  target.Id = `${functionKey}Schedule`;

  const properties: Record<string, unknown> = { ScheduleExpression: expression, State: event.enabled ? 'ENABLED' : 'DISABLED' };
  if (event.name !== undefined) properties.Name = event.name;
  if (event.description !== undefined) properties.Description = event.description;
  properties.Targets = [target];

  const rule: CfnResource = { Type: 'AWS::Events::Rule', Properties: properties };
  const alias = targetAliasLogicalId(context, functionKey);
  if (alias) rule.DependsOn = alias;
  builder.addResource(OWNER, ruleId, rule);

  builder.addResource(OWNER, naming.getLambdaSchedulePermissionLogicalId(functionKey, counter), {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      FunctionName: context.functionTargetArn(functionKey),
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ruleId, 'Arn'] },
    },
  });
}
