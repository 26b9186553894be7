import { isStratusError, type StratusError } from '../errors/stratus-error';
import { ConfigSchemaHandler } from './config-schema-handler';
import { FUNCTION_NAME_PATTERN } from './core-schema';
import type { JsonSchema } from './json-schema';

function failure(work: () => void): StratusError {
  try {
    work();
  } catch (error) {
    if (isStratusError(error)) return error;
    throw error;
  }
  throw new Error('expected a StratusError');
}

const props = (schema: JsonSchema, ...path: string[]): JsonSchema => {
  let node: JsonSchema = schema;
  for (const key of path) node = node[key] as JsonSchema;
  return node;
};
const functionSchema = (handler: ConfigSchemaHandler) => props(handler.schema, 'properties', 'functions', 'patternProperties', FUNCTION_NAME_PATTERN);
const eventBranches = (handler: ConfigSchemaHandler) => (functionSchema(handler).properties!.events!.items as JsonSchema).anyOf ?? [];

describe('core schema', () => {
  test('has v3 root keys, closed at the root', () => {
    const { schema } = new ConfigSchemaHandler({ providerName: 'aws' });
    expect(Object.keys(schema.properties!)).toEqual([
      'service', 'provider', 'functions', 'custom', 'plugins', 'package', 'params', 'configValidationMode',
      'deprecationNotificationMode', 'disabledDeprecations', 'frameworkVersion', 'useDotenv', 'dashboard',
      'console', 'projectDir', 'variablesResolutionMode',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });

  test('service, plugins and package cannot be loosened by plugins (frozen)', () => {
    const { schema } = new ConfigSchemaHandler({ providerName: 'aws' });
    expect(Object.isFrozen(schema.properties!.service)).toBe(true);
    expect(Object.isFrozen((schema.properties!.package as JsonSchema).properties)).toBe(true);
    expect(Object.isFrozen(schema.properties!.plugins)).toBe(true);
  });

  test('provider and functions are relaxed until the provider defines itself', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    expect(handler.isProviderDefined).toBe(false);
    expect(handler.schema.properties!.provider).toMatchObject({ required: ['name'], additionalProperties: true });
    expect(functionSchema(handler).additionalProperties).toBe(true);
  });

  test('each handler has its own copy of the schema', () => {
    const a = new ConfigSchemaHandler({ providerName: 'aws' });
    a.forOwner('x').defineTopLevelProperty('extra', { type: 'string' });
    expect(new ConfigSchemaHandler({ providerName: 'aws' }).schema.properties!.extra).toBeUndefined();
  });
});

describe('define* methods', () => {
  test('defineTopLevelProperty adds a root key', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('serverless-webpack').defineTopLevelProperty('webpack', { type: 'object' });
    expect(handler.schema.properties!.webpack).toEqual({ type: 'object' });
  });

  test('defineCustomProperties merges properties and required into custom', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('plugin-a').defineCustomProperties({ properties: { a: { type: 'string' } }, required: ['a'] });
    handler.forOwner('plugin-b').defineCustomProperties({ properties: { b: { type: 'number' } } });
    expect(handler.schema.properties!.custom).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['a'],
      additionalProperties: true,
    });
  });

  test('defineFunctionEvent wraps the event as v3 does and adds it to events.items.anyOf', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('event-http').defineFunctionEvent('aws', 'http', { type: 'object' });
    handler.forOwner('event-sqs').defineFunctionEvent('aws', 'sqs', { type: 'string' });
    expect(eventBranches(handler)).toEqual([
      { type: 'object', properties: { http: { type: 'object' } }, required: ['http'], additionalProperties: false },
      { type: 'object', properties: { sqs: { type: 'string' } }, required: ['sqs'], additionalProperties: false },
    ]);
    expect(handler.functionEventNames).toEqual(['http', 'sqs']);
  });

  test('defineFunctionEventProperties extends the object form of an event (plain or anyOf)', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('event-http').defineFunctionEvent('aws', 'http', {
      anyOf: [{ type: 'string' }, { type: 'object', properties: { path: { type: 'string' } } }],
    });
    handler.forOwner('serverless-offline').defineFunctionEventProperties('aws', 'http', { properties: { offline: { type: 'boolean' } }, required: ['offline'] });
    const objectForm = (eventBranches(handler)[0]!.properties!.http!.anyOf as JsonSchema[])[1]!;
    expect(objectForm).toEqual({ type: 'object', properties: { path: { type: 'string' }, offline: { type: 'boolean' } }, required: ['offline'] });
  });

  test('defineFunctionProperties adds keys to every function', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('plugin-warmup').defineFunctionProperties('aws', { properties: { warmup: { type: 'boolean' } } });
    expect(functionSchema(handler).properties!.warmup).toEqual({ type: 'boolean' });
  });

  test('defineProvider: pinned name, closed provider and function schemas, events, resources and layers', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('provider-aws').defineProvider('aws', {
      definitions: { awsArn: { type: 'string' } },
      provider: { properties: { runtime: { type: 'string' } }, required: ['runtime'] },
      function: { properties: { handler: { type: 'string', minLength: 1 }, memorySize: { type: 'integer' } } },
      functionEvents: { schedule: { type: 'string' } },
      resources: { type: 'object' },
      layers: { type: 'object' },
    });
    const { schema } = handler;
    expect(handler.isProviderDefined).toBe(true);
    expect(schema.definitions).toEqual({ awsArn: { type: 'string' } });
    expect(schema.properties!.provider).toEqual({
      type: 'object',
      properties: { stage: { type: 'string', pattern: '^[a-zA-Z0-9-]+$' }, runtime: { type: 'string' }, name: { const: 'aws' } },
      required: ['name', 'runtime'],
      additionalProperties: false,
    });
    expect(functionSchema(handler).additionalProperties).toBe(false);
    expect(functionSchema(handler).properties!.handler).toEqual({ type: 'string', minLength: 1 });
    expect(functionSchema(handler).properties!.memorySize).toEqual({ type: 'integer' });
    expect(handler.functionEventNames).toEqual(['schedule']);
    expect(schema.properties!.resources).toEqual({ type: 'object' });
    expect(schema.properties!.layers).toEqual({ type: 'object' });
  });

  test('the provider may keep its provider schema open', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('provider-aws').defineProvider('aws', { provider: { additionalProperties: true } });
    expect(handler.schema.properties!.provider).toMatchObject({ additionalProperties: true });
  });

  test('the handler itself works like an unnamed owner', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.defineTopLevelProperty('one', { type: 'string' });
    const error = failure(() => handler.forOwner('plugin-b').defineTopLevelProperty('one', { type: 'string' }));
    expect(error.message).toBe(`The top-level property 'one' is defined twice: first by an unnamed plugin, then by "plugin-b".`);
  });
});

describe('provider filter', () => {
  test('provider-specific definitions for another provider are ignored', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    const plugin = handler.forOwner('multi-cloud');
    plugin.defineFunctionEvent('azure', 'blob', { type: 'object' });
    plugin.defineFunctionEventProperties('azure', 'blob', { properties: { x: {} } });
    plugin.defineFunctionProperties('google', { properties: { gcpOnly: { type: 'string' } } });
    plugin.defineProvider('google', { provider: { properties: { project: { type: 'string' } } }, resources: { type: 'object' } });
    expect(handler.functionEventNames).toEqual([]);
    expect(functionSchema(handler).properties!.gcpOnly).toBeUndefined();
    expect(handler.isProviderDefined).toBe(false);
    expect(handler.schema.properties!.resources).toBeUndefined();
    // …and a later defineProvider for the right provider is not a collision.
    handler.forOwner('provider-aws').defineProvider('aws', {});
    expect(handler.isProviderDefined).toBe(true);
  });
});

describe('collisions name both owners', () => {
  const collision = (work: (handler: ConfigSchemaHandler) => void): StratusError => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    const error = failure(() => work(handler));
    expect(error.code).toBe('SCHEMA_COLLISION');
    expect(error.hint).toMatch(/Remove one of them/);
    return error;
  };

  test('same top-level key', () => {
    const error = collision((handler) => {
      handler.forOwner('plugin-a').defineTopLevelProperty('webpack', {});
      handler.forOwner('plugin-b').defineTopLevelProperty('webpack', {});
    });
    expect(error.message).toBe(`The top-level property 'webpack' is defined twice: first by "plugin-a", then by "plugin-b".`);
  });

  test('a core top-level key', () => {
    const error = collision((handler) => handler.forOwner('plugin-a').defineTopLevelProperty('functions', {}));
    expect(error.message).toBe(`The top-level property 'functions' is defined twice: first by Stratus core, then by "plugin-a".`);
  });

  test('resources defined by the provider and by a plugin', () => {
    const error = collision((handler) => {
      handler.forOwner('provider-aws').defineProvider('aws', { resources: { type: 'object' } });
      handler.forOwner('plugin-a').defineTopLevelProperty('resources', {});
    });
    expect(error.message).toContain('first by "provider-aws", then by "plugin-a"');
  });

  test('same custom property', () => {
    const error = collision((handler) => {
      handler.forOwner('plugin-a').defineCustomProperties({ properties: { shared: {} } });
      handler.forOwner('plugin-b').defineCustomProperties({ properties: { shared: {} } });
    });
    expect(error.message).toBe(`The property 'custom.shared' is defined twice: first by "plugin-a", then by "plugin-b".`);
  });

  test('same event', () => {
    const error = collision((handler) => {
      handler.forOwner('event-http').defineFunctionEvent('aws', 'http', {});
      handler.forOwner('other-http').defineFunctionEvent('aws', 'http', {});
    });
    expect(error.message).toBe(`The function event 'http' is defined twice: first by "event-http", then by "other-http".`);
  });

  test('same event property: one the event was defined with, or one another plugin added', () => {
    const defineHttp = (handler: ConfigSchemaHandler) =>
      handler.forOwner('event-http').defineFunctionEvent('aws', 'http', { type: 'object', properties: { path: { type: 'string' } } });
    const own = collision((handler) => {
      defineHttp(handler);
      handler.forOwner('plugin-a').defineFunctionEventProperties('aws', 'http', { properties: { path: {} } });
    });
    expect(own.message).toBe(`The property 'path' of the function event 'http' is defined twice: first by "event-http", then by "plugin-a".`);
    const added = collision((handler) => {
      defineHttp(handler);
      handler.forOwner('plugin-a').defineFunctionEventProperties('aws', 'http', { properties: { cors: {} } });
      handler.forOwner('plugin-b').defineFunctionEventProperties('aws', 'http', { properties: { cors: {} } });
    });
    expect(added.message).toContain('first by "plugin-a", then by "plugin-b"');
  });

  test('same function property, including core ones and the provider’s', () => {
    const plugins = collision((handler) => {
      handler.forOwner('plugin-a').defineFunctionProperties('aws', { properties: { warmup: {} } });
      handler.forOwner('plugin-b').defineFunctionProperties('aws', { properties: { warmup: {} } });
    });
    expect(plugins.message).toBe(`The function property 'warmup' is defined twice: first by "plugin-a", then by "plugin-b".`);
    const core = collision((handler) => handler.forOwner('plugin-a').defineFunctionProperties('aws', { properties: { handler: {} } }));
    expect(core.message).toContain('first by Stratus core, then by "plugin-a"');
    const provider = collision((handler) => {
      handler.forOwner('plugin-a').defineFunctionProperties('aws', { properties: { memorySize: {} } });
      handler.forOwner('provider-aws').defineProvider('aws', { function: { properties: { memorySize: {} } } });
    });
    expect(provider.message).toContain('first by "plugin-a", then by "provider-aws"');
    const events = collision((handler) => handler.forOwner('provider-aws').defineProvider('aws', { function: { properties: { events: {} } } }));
    expect(events.message).toContain(`The function property 'events'`);
  });

  test('a second defineProvider for the service’s provider', () => {
    const error = collision((handler) => {
      handler.forOwner('provider-aws').defineProvider('aws', {});
      handler.forOwner('aws-fork').defineProvider('aws', {});
    });
    expect(error.message).toBe(`The schema of provider "aws" is defined twice: first by "provider-aws", then by "aws-fork".`);
  });
});

describe('unknown events', () => {
  test('extending an event nobody defined names the owner and the known events', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('event-http').defineFunctionEvent('aws', 'http', { type: 'object' });
    handler.forOwner('event-sqs').defineFunctionEvent('aws', 'sqs', { type: 'object' });
    const error = failure(() => handler.forOwner('serverless-offline').defineFunctionEventProperties('aws', 'htp', { properties: {} }));
    expect(error.code).toBe('SCHEMA_UNKNOWN_FUNCTION_EVENT');
    expect(error.message).toBe(
      `"serverless-offline" adds properties to the function event 'htp', which is not defined for provider "aws". Known events: http, sqs. Did you mean "http"?`,
    );
    expect(error.hint).toContain('list it before "serverless-offline"');
  });

  test('with no events at all', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    const error = failure(() => handler.forOwner('p').defineFunctionEventProperties('aws', 'http', {}));
    expect(error.message).toContain('Known events: none.');
  });

  test('an event with no object form cannot be extended', () => {
    const handler = new ConfigSchemaHandler({ providerName: 'aws' });
    handler.forOwner('event-arn').defineFunctionEvent('aws', 'arnOnly', { type: 'string' });
    const error = failure(() => handler.forOwner('p').defineFunctionEventProperties('aws', 'arnOnly', { properties: { x: {} } }));
    expect(error.code).toBe('SCHEMA_EVENT_NOT_EXTENSIBLE');
    expect(error.message).toContain('"event-arn"');
  });
});
