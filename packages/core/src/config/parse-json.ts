import { LineCounter, parseDocument } from 'yaml';
import { StratusError } from '../errors/stratus-error';
import type { LocateProperty } from './locate';
import { createYamlLocator, locateFileOnly } from './yaml-locator';

/**
 * Parses `serverless.json`. JSON.parse decides what is valid and what the value is (YAML would
 * quietly accept `"a": }`, trailing commas or single quotes); the YAML parser, which reads any
 * JSON, supplies the positions.
 */
export function parseJsonWithLocations(text: string, fileName: string): { value: unknown; locate: LocateProperty } {
  const source = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw jsonParseError(source, fileName, error as Error);
  }
  const lineCounter = new LineCounter();
  // JSON allows duplicate keys (the last wins); they must not stop us from locating the others.
  const document = parseDocument(source, { lineCounter, uniqueKeys: false });
  const locate = document.errors.length === 0 ? createYamlLocator(document, lineCounter, fileName) : locateFileOnly(fileName);
  return { value, locate };
}

function jsonParseError(source: string, fileName: string, error: Error): StratusError {
  const position = errorPosition(source, error.message);
  const where = position ? `${fileName}:${position.line}:${position.column}` : fileName;
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '');
  return new StratusError('CONFIG_PARSE_ERROR', `Cannot parse "${fileName}": ${where} ${reason}`, {
    hint: `Fix the JSON syntax at ${where}: property names and strings need double quotes, and JSON allows no trailing commas, comments or empty values.`,
    cause: error,
  });
}

/** V8 names the offset for some JSON errors only; otherwise ask the YAML parser (strict JSON schema) where it stumbles. */
function errorPosition(source: string, message: string): { line: number; column: number } | undefined {
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset !== undefined) {
    const before = source.slice(0, Number(offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    return { line: before.split('\n').length, column: before.length - lineStart + 1 };
  }
  const document = parseDocument(source, { schema: 'json', lineCounter: new LineCounter() });
  const linePos = [...document.errors, ...document.warnings][0]?.linePos?.[0];
  return linePos ? { line: linePos.line, column: linePos.col } : undefined;
}
