/**
 * The existing-bucket custom resource handler (`s3/handler.js` in `custom-resources.zip`), as text:
 * the CLI is bundled into one file, so the handler cannot be read from beside this module at run
 * time. Plain CommonJS for the Lambda Node.js runtime (18.x and later), using only `https` and the
 * AWS SDK v3 clients the runtime provides (`@aws-sdk/client-s3`, `@aws-sdk/client-lambda`).
 *
 * CloudFormation custom resource protocol: on Create/Update it lets S3 invoke the function
 * (AddPermission) and replaces the function's Lambda configurations in the bucket's notification
 * configuration (every other configuration is kept); on Delete it removes them and the permission.
 * It always answers the pre-signed ResponseURL, before the function would time out.
 *
 * Tested in handler-source.test.ts by running this text against fake SDK clients.
 */
export const S3_HANDLER_SOURCE = `'use strict';
// Stratus: configures an existing S3 bucket's notifications for one Lambda function, as the
// CloudFormation custom resource Custom::S3 (properties FunctionName, BucketName, BucketConfigs).
// Runs on the Lambda Node.js runtime (18.x and later), with the AWS SDK v3 it bundles.
const https = require('https');

const PREFIX = 'stratus-s3-';

let clients;
function getClients() {
  if (!clients) {
    const s3 = require('@aws-sdk/client-s3');
    const lambda = require('@aws-sdk/client-lambda');
    clients = { s3sdk: s3, s3: new s3.S3Client({ followRegionRedirects: true }), lambdaSdk: lambda, lambda: new lambda.LambdaClient({}) };
  }
  return clients;
}

/** partition, region and account of the running function, from its ARN. */
function environmentOf(context) {
  const parts = String(context.invokedFunctionArn).split(':');
  return { partition: parts[1], region: parts[3], account: parts[4] };
}

function functionArn(env, functionName) {
  return ['arn', env.partition, 'lambda', env.region, env.account, 'function', functionName].join(':');
}

function statementId(bucketName) {
  return (PREFIX + bucketName).replace(/[^a-zA-Z0-9_.-]/g, '-').slice(0, 100);
}

/** Whether a notification targets this function (any version or alias of it). */
function targetsFunction(configuration, arn) {
  const target = configuration.LambdaFunctionArn || '';
  return target === arn || target.indexOf(arn + ':') === 0;
}

/** The Lambda configurations the resource asks for, with stable ids. */
function desiredConfigurations(props, arn) {
  const configs = Array.isArray(props.BucketConfigs) ? props.BucketConfigs : [];
  return configs.map(function (config, index) {
    const rules = (Array.isArray(config.Rules) ? config.Rules : []).map(function (rule) {
      const name = Object.keys(rule)[0];
      return { Name: name, Value: rule[name] };
    });
    const entry = { Id: (PREFIX + props.FunctionName + '-' + index).slice(0, 1024), LambdaFunctionArn: arn, Events: [config.Event] };
    if (rules.length > 0) entry.Filter = { Key: { FilterRules: rules } };
    return entry;
  });
}

async function readNotifications(bucketName) {
  const { s3, s3sdk } = getClients();
  const current = await s3.send(new s3sdk.GetBucketNotificationConfigurationCommand({ Bucket: bucketName }));
  const configuration = {};
  for (const key of ['TopicConfigurations', 'QueueConfigurations', 'LambdaFunctionConfigurations']) {
    if (Array.isArray(current[key]) && current[key].length > 0) configuration[key] = current[key];
  }
  if (current.EventBridgeConfiguration) configuration.EventBridgeConfiguration = current.EventBridgeConfiguration;
  return configuration;
}

async function writeNotifications(bucketName, configuration) {
  const { s3, s3sdk } = getClients();
  await s3.send(new s3sdk.PutBucketNotificationConfigurationCommand({ Bucket: bucketName, NotificationConfiguration: configuration }));
}

/** Replace this function's Lambda configurations on the bucket with the wanted ones (none: remove them). */
async function replaceConfigurations(bucketName, arn, wanted) {
  const configuration = await readNotifications(bucketName);
  const others = (configuration.LambdaFunctionConfigurations || []).filter(function (entry) {
    return !targetsFunction(entry, arn);
  });
  const next = others.concat(wanted);
  if (next.length > 0) configuration.LambdaFunctionConfigurations = next;
  else delete configuration.LambdaFunctionConfigurations;
  await writeNotifications(bucketName, configuration);
}

async function allowInvoke(env, props) {
  const { lambda, lambdaSdk } = getClients();
  try {
    await lambda.send(
      new lambdaSdk.AddPermissionCommand({
        FunctionName: props.FunctionName,
        StatementId: statementId(props.BucketName),
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:' + env.partition + ':s3:::' + props.BucketName,
        SourceAccount: env.account,
      }),
    );
  } catch (error) {
    if (error && error.name === 'ResourceConflictException') return; // already allowed
    throw error;
  }
}

async function revokeInvoke(props) {
  const { lambda, lambdaSdk } = getClients();
  try {
    await lambda.send(new lambdaSdk.RemovePermissionCommand({ FunctionName: props.FunctionName, StatementId: statementId(props.BucketName) }));
  } catch (error) {
    if (error && error.name === 'ResourceNotFoundException') return;
    throw error;
  }
}

function physicalIdOf(props) {
  return PREFIX + props.BucketName + '-' + props.FunctionName;
}

/** Remove what a resource configured; never fails (a bucket that is gone must not block a stack). */
async function cleanUp(env, props) {
  try {
    await replaceConfigurations(props.BucketName, functionArn(env, props.FunctionName), []);
    await revokeInvoke(props);
  } catch (error) {
    console.log('Cleanup of ' + props.BucketName + ' for ' + props.FunctionName + ' failed, ignored: ' + (error && error.message));
  }
}

async function apply(event, context) {
  const env = environmentOf(context);
  const props = event.ResourceProperties || {};
  if (event.RequestType === 'Create' || event.RequestType === 'Update') {
    const old = event.RequestType === 'Update' ? event.OldResourceProperties || {} : undefined;
    // The physical id stays the same on updates, so CloudFormation never sends a replacement
    // Delete that could remove what this update configured; a moved bucket or renamed function
    // is cleaned up here instead.
    if (old && old.BucketName && (old.BucketName !== props.BucketName || old.FunctionName !== props.FunctionName)) await cleanUp(env, old);
    const arn = functionArn(env, props.FunctionName);
    await allowInvoke(env, props);
    await replaceConfigurations(props.BucketName, arn, desiredConfigurations(props, arn));
    return event.PhysicalResourceId || physicalIdOf(props);
  }
  if (event.RequestType === 'Delete') {
    await cleanUp(env, props);
    return event.PhysicalResourceId;
  }
  throw new Error('Unknown request type ' + event.RequestType);
}

function respond(event, status, physicalId, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: String(reason || '').slice(0, 1000),
    PhysicalResourceId: physicalId || event.PhysicalResourceId || event.LogicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
    Data: {},
  });
  return new Promise(function (resolve, reject) {
    const request = https.request(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, function (response) {
      response.resume();
      response.on('end', resolve);
    });
    request.on('error', reject);
    request.end(body);
  });
}

exports.handler = async function handler(event, context) {
  console.log(JSON.stringify({ RequestType: event.RequestType, LogicalResourceId: event.LogicalResourceId, ResourceProperties: event.ResourceProperties }));
  const fallbackId = event.PhysicalResourceId || physicalIdOf(event.ResourceProperties || {});
  // Answer before Lambda times out, or CloudFormation waits an hour for a response.
  const remaining = context && typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : 0;
  let timer;
  const timeout = new Promise(function (resolve) {
    if (remaining > 10000) timer = setTimeout(resolve, remaining - 5000, { status: 'FAILED', reason: 'Timed out configuring the bucket notifications', physicalId: fallbackId });
  });
  const work = apply(event, context).then(
    function (physicalId) {
      return { status: 'SUCCESS', physicalId: physicalId };
    },
    function (error) {
      console.log(error);
      return { status: 'FAILED', reason: (error && error.message) || String(error), physicalId: fallbackId };
    },
  );
  const outcome = await Promise.race([work, timeout]);
  if (timer) clearTimeout(timer);
  await respond(event, outcome.status, outcome.physicalId, outcome.reason);
};
`;
