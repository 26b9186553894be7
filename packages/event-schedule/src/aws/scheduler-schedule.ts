import type { CfnResource, EventCompileContext } from '@stratus/provider-aws';
import { serializeScheduleInput, type ScheduleEvent, type ScheduleExpression } from '../normalize';
import type { EventLocation } from '../errors';
import { OWNER } from './events-rule';
import { targetAliasLogicalId } from './function-target';

const SCHEDULER_SERVICE = 'scheduler.amazonaws.com';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The role the function runs with, as compiled (`Properties.Role`), or the shared execution role. */
function functionRole(context: EventCompileContext, functionKey: string): unknown {
  const compiled = context.builder.getResource(context.naming.getLambdaLogicalId(functionKey));
  return compiled?.Properties?.Role ?? { 'Fn::GetAtt': [context.naming.getRoleLogicalId(), 'Arn'] };
}

/** Whether a role value points at the shared `IamRoleLambdaExecution` of this stack. */
function isSharedRole(context: EventCompileContext, role: unknown): boolean {
  const getAtt = isRecord(role) ? role['Fn::GetAtt'] : undefined;
  return Array.isArray(getAtt) && getAtt[0] === context.naming.getRoleLogicalId();
}

/** Lets EventBridge Scheduler assume the shared role: `scheduler.amazonaws.com` in its trust policy. */
export function trustScheduler(context: EventCompileContext): void {
  const role = context.builder.getResource(context.naming.getRoleLogicalId());
  const document = role?.Properties?.AssumeRolePolicyDocument;
  if (!isRecord(document) || !Array.isArray(document.Statement)) return;
  const statements = document.Statement as Array<Record<string, unknown>>;
  const assume = statements.find((statement) => statement.Effect === 'Allow' && isRecord(statement.Principal) && statement.Principal.Service !== undefined);
  if (!assume) {
    statements.push({ Effect: 'Allow', Principal: { Service: [SCHEDULER_SERVICE] }, Action: ['sts:AssumeRole'] });
    return;
  }
  const principal = assume.Principal as Record<string, unknown>;
  const services = Array.isArray(principal.Service) ? (principal.Service as unknown[]) : [principal.Service];
  if (!services.includes(SCHEDULER_SERVICE)) principal.Service = [...services, SCHEDULER_SERVICE];
}

const functionArn = (name: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${name}` });

/**
 * One expression of a `method: scheduler` event: `<Fn>SchedulerSchedule<N>`. The schedule invokes
 * the function with the function's own role, so no Lambda permission is needed; the role must
 * trust the scheduler and allow `lambda:InvokeFunction` on the function (added once per function
 * by the caller through `grantSchedulerInvoke`).
 */
export function addSchedulerSchedule(context: EventCompileContext, where: EventLocation, event: ScheduleEvent, expression: ScheduleExpression, counter: number): void {
  const { functionKey } = where;
  const target: Record<string, unknown> = { Arn: context.functionTargetArn(functionKey), RoleArn: functionRole(context, functionKey) };
  if (event.input !== undefined) target.Input = serializeScheduleInput(event.input, where);
  const properties: Record<string, unknown> = {
    ScheduleExpression: expression,
    State: event.enabled ? 'ENABLED' : 'DISABLED',
    Target: target,
    FlexibleTimeWindow: { Mode: 'OFF' },
  };
  if (event.name !== undefined) properties.Name = event.name;
  if (event.description !== undefined) properties.Description = event.description;
  if (event.timezone !== undefined) properties.ScheduleExpressionTimezone = event.timezone;
  const schedule: CfnResource = { Type: 'AWS::Scheduler::Schedule', Properties: properties };
  const alias = targetAliasLogicalId(context, functionKey);
  if (alias) schedule.DependsOn = alias;
  context.builder.addResource(OWNER, context.naming.getSchedulerScheduleLogicalId(functionKey, counter), schedule);
}

/**
 * The role side of `method: scheduler` for one function: when the function runs with the shared
 * execution role, that role trusts the scheduler and may invoke the function (by name: the role
 * cannot refer to the function, which already depends on it). A custom role is left alone, with a
 * warning: the user owns its trust policy.
 */
export function grantSchedulerInvoke(context: EventCompileContext, functionKey: string): void {
  const role = functionRole(context, functionKey);
  if (!isSharedRole(context, role) || !context.builder.hasResource(context.naming.getRoleLogicalId())) {
    context.log.warning(
      `Function "${functionKey}" has "schedule" events with "method: scheduler" and its own role: that role must trust scheduler.amazonaws.com and allow lambda:InvokeFunction on the function.`,
    );
    return;
  }
  trustScheduler(context);
  const name = context.service.functions?.[functionKey]?.name ?? context.naming.getDefaultFunctionName(context.service.service, context.stage, functionKey);
  context.addRoleStatement({ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: [functionArn(name), functionArn(`${name}:*`)] });
}
