/**
 * The mapping expressions API Gateway accepts for a method response header of a non-proxy
 * integration (`response.headers` / `response.statusCodes.<code>.headers` values): what each reads.
 */

import { HEADER_NAME_PATTERN } from '../header-validity';

export type HeaderSource =
  /** `'text'`: the text. */
  | { kind: 'static'; value: string }
  /** `integration.response.body` (`path` `$`: the body as it is) or `integration.response.body.<JSONPath>`. */
  | { kind: 'body'; path: string }
  /**
   * `integration.response.header.<Name>` / `integration.response.multivalueheader.<Name>`: a header of
   * Lambda's Invoke API response (name in lower case: matched case-insensitively). Lambda sends each
   * header once, so both read the same value.
   */
  | { kind: 'integration-header'; name: string }
  /** `context.<path>`: a member of `$context` (`keys`: the path's names). */
  | { kind: 'context'; keys: string[] }
  /** `stageVariables.<name>`. */
  | { kind: 'stage-variable'; name: string };

const STATIC_VALUE = /^'(.*)'$/s;
/** After `integration.response.body`: nothing (the whole body), or the rest of a JSONPath. */
const BODY_VALUE = /^integration\.response\.body((?:[.[].*)?)$/s;
/** An HTTP header name (RFC 9110 token). */
const INTEGRATION_HEADER = new RegExp(`^integration\\.response\\.(?:header|multivalueheader)\\.(${HEADER_NAME_PATTERN})$`);
const CONTEXT_VALUE = /^context\.([^.\s]+(?:\.[^.\s]+)*)$/;
/** Stage variable names are letters, digits and underscores. */
const STAGE_VARIABLE = /^stageVariables\.(\w+)$/;

/** What `expression` reads; undefined when API Gateway would reject it (`method.request.*`, an unquoted literal, an unknown prefix). */
export function parseHeaderExpression(expression: string): HeaderSource | undefined {
  const fixed = STATIC_VALUE.exec(expression);
  if (fixed) return { kind: 'static', value: fixed[1] as string };
  const body = BODY_VALUE.exec(expression);
  if (body) return { kind: 'body', path: `$${body[1] as string}` };
  const header = INTEGRATION_HEADER.exec(expression);
  if (header) return { kind: 'integration-header', name: (header[1] as string).toLowerCase() };
  const context = CONTEXT_VALUE.exec(expression);
  if (context) return { kind: 'context', keys: (context[1] as string).split('.') };
  const stageVariable = STAGE_VARIABLE.exec(expression);
  if (stageVariable) return { kind: 'stage-variable', name: stageVariable[1] as string };
  return undefined;
}
