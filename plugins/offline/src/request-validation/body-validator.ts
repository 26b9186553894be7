/**
 * Request body validation against the `request.schemas` of an `http` event, as API Gateway's
 * request validator does it (for every integration): the body must be JSON that fits the model
 * of its content type. Schemas are compiled once, at start-up.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { HttpRequestSchema } from '@stratus/event-http';
import { jsonReply, type HttpReply } from '../response-mapper';

export interface BodyValidator {
  /** Whether a body of this media type (lower case, without parameters) passes. */
  accepts(mediaType: string, body: Buffer): boolean;
}

/** API Gateway's answer to a body that does not fit the model. */
export const invalidRequestBody = (): HttpReply => jsonReply(400, { message: 'Invalid request body' }, { 'x-amzn-ErrorType': 'BadRequestException' });

/** Compiles schemas on demand and shares them between routes (ajv refuses a second schema with the same `$id`). */
export class SchemaCompiler {
  private ajv: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();

  compile(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (!validate) {
      // Loaded only when some route has a schema: ajv is slow to load.
      this.ajv ??= new ((require('ajv') as typeof import('ajv')).default)({ strict: false, allErrors: false });
      // API Gateway models are draft 4; ajv knows draft 7, which reads them the same but for the $schema tag.
      const { $schema: _draft, ...rest } = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
      validate = this.ajv.compile(typeof schema === 'boolean' ? schema : rest);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}

/**
 * The JSON schema a model refers to: an object is the schema; a string is the id of a model under
 * `provider.apiGateway.request.schemas` (as v3 decides) or the schema as JSON text.
 */
function resolveSchema(model: HttpRequestSchema, providerSchemas: Record<string, unknown>): unknown {
  if (typeof model.schema !== 'string') return model.schema;
  if (model.name === undefined && Object.hasOwn(providerSchemas, model.schema)) {
    const definition = providerSchemas[model.schema];
    const nested = typeof definition === 'object' && definition !== null ? (definition as { schema?: unknown }).schema : undefined;
    return nested ?? definition;
  }
  return JSON.parse(model.schema) as unknown;
}

/** An empty body is checked as `{}` (what `$input.json('$')` makes of it); a body that is not JSON fails. */
function parseBody(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * The route's validator, or undefined when it has no usable schema. A schema that cannot be
 * resolved or compiled is reported (naming `where`) and left out.
 */
export function compileBodyValidator(
  schemas: Record<string, HttpRequestSchema> | undefined,
  providerSchemas: Record<string, unknown>,
  compiler: SchemaCompiler,
  where: string,
  warn: (message: string) => void,
): BodyValidator | undefined {
  const byType = new Map<string, ValidateFunction>();
  for (const [contentType, model] of Object.entries(schemas ?? {})) {
    try {
      byType.set(contentType.toLowerCase(), compiler.compile(resolveSchema(model, providerSchemas)));
    } catch (error) {
      warn(`${where}: request.schemas['${contentType}'] is not a usable JSON schema (${error instanceof Error ? error.message : String(error)}); bodies of that type are not validated.`);
    }
  }
  if (byType.size === 0) return undefined;
  return {
    accepts(mediaType, body) {
      // No model for the content type: nothing to validate against.
      const validate = byType.get(mediaType) ?? byType.get('$default');
      if (!validate) return true;
      const parsed = parseBody(body);
      return parsed.ok && validate(parsed.value) === true;
    },
  };
}
