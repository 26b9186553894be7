import { compileSchema } from '@stratus/core/dist/schema/compile-schema';
import { awsSchema } from './__fixtures__/validate';
import { AWS_RUNTIMES, awsProviderSchema, createAwsProviderSchema, type JsonSchema } from './index';

describe('the exported schema', () => {
  test('has the parts defineProvider takes, and no function events', () => {
    expect(Object.keys(awsProviderSchema).sort()).toEqual(['definitions', 'function', 'layers', 'provider', 'resources']);
    expect(awsProviderSchema.provider.additionalProperties).toBe(false);
    expect(awsProviderSchema.function.additionalProperties).toBe(false);
    expect(awsProviderSchema.resources.additionalProperties).toBe(false);
  });

  test('compiles with the core (strict ajv) once the provider is defined', () => {
    expect(() => compileSchema(awsSchema())).not.toThrow();
    expect((awsSchema().properties!.provider as JsonSchema).properties!.runtime).toEqual({ $ref: '#/definitions/awsLambdaRuntime' });
  });

  test('every shared definition is named aws… and every $ref points at one', () => {
    const { definitions } = createAwsProviderSchema();
    expect(Object.keys(definitions).filter((name) => !name.startsWith('aws'))).toEqual([]);
    const refs = new Set<string>();
    JSON.stringify(createAwsProviderSchema(), (key, value: unknown) => {
      if (key === '$ref') refs.add(String(value));
      return value;
    });
    const dangling = [...refs].filter((target) => !(target.replace('#/definitions/', '') in definitions));
    expect(dangling).toEqual([]);
  });

  test('createAwsProviderSchema returns independent copies', () => {
    const a = createAwsProviderSchema();
    const b = createAwsProviderSchema();
    a.provider.properties!.extra = { type: 'string' };
    expect(b.provider.properties!.extra).toBeUndefined();
    expect(awsProviderSchema.provider.properties!.extra).toBeUndefined();
  });

  // The core's branch filter locates `anyOf` branches by schema path, which restarts at `#` in each
  // `$ref`ed definition; a root `anyOf` that directly `$ref`s another root `anyOf` loses its errors.
  test('no definition rooted in anyOf has a branch that is another definition rooted in anyOf', () => {
    const { definitions } = createAwsProviderSchema();
    const rootedInAnyOf = (schema: JsonSchema | undefined) => Array.isArray(schema?.anyOf);
    const nested = Object.entries(definitions).flatMap(([name, schema]) =>
      (schema.anyOf ?? [])
        .map((branch) => (typeof branch.$ref === 'string' ? branch.$ref.replace('#/definitions/', '') : undefined))
        .filter((target): target is string => target !== undefined && rootedInAnyOf(definitions[target]))
        .map((target) => `${name} → ${target}`),
    );
    expect(nested).toEqual([]);
  });
});

describe('AWS_RUNTIMES', () => {
  test('has v3.40’s runtimes and the newer ones Stratus accepts on purpose', () => {
    for (const runtime of ['nodejs14.x', 'nodejs16.x', 'nodejs18.x', 'nodejs20.x', 'python3.7', 'python3.11', 'java8', 'java17', 'dotnet6', 'ruby3.2', 'go1.x', 'provided', 'provided.al2']) {
      expect(AWS_RUNTIMES).toContain(runtime);
    }
    for (const runtime of ['nodejs22.x', 'python3.12', 'python3.13', 'java21', 'dotnet8', 'provided.al2023']) {
      expect(AWS_RUNTIMES).toContain(runtime);
    }
    expect(new Set(AWS_RUNTIMES).size).toBe(AWS_RUNTIMES.length);
  });

  test('is the enum the schema validates runtimes against', () => {
    expect(awsProviderSchema.definitions.awsLambdaRuntime!.enum).toEqual([...AWS_RUNTIMES]);
  });
});
