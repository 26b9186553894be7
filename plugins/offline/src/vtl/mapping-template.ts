/** API Gateway mapping templates (Velocity), parsed once and rendered per request. */
import type { ContextVariable } from './context-variable';
import type { InputVariable } from './input-variable';
import { javaMethodHandlers } from './java-methods';
import type { UtilVariable } from './util-variable';

/** What a template sees: `$input`, `$context`, `$util`, `$stageVariables`. */
export interface TemplateVariables {
  input: InputVariable;
  context: ContextVariable;
  util: UtilVariable;
  stageVariables: Readonly<Record<string, string>>;
}

export interface MappingTemplate {
  /** The template's output for one request or response; throws when the template fails. */
  render(variables: TemplateVariables): string;
}

/** Parses a template (a syntax error throws, naming `where`). velocityjs is loaded on first use. */
export function compileMappingTemplate(source: string, where: string): MappingTemplate {
  const { parse, Compile } = require('velocityjs') as typeof import('velocityjs');
  let compiled: InstanceType<typeof Compile>;
  try {
    compiled = new Compile(parse(source), { escape: false, customMethodHandlers: javaMethodHandlers });
  } catch (error) {
    throw new Error(`${where} is not a valid Velocity template: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Silent: an undefined reference renders as nothing, as in API Gateway (not as its own text).
  return { render: (variables) => compiled.render({ ...variables }, undefined, true) };
}
