/**
 * `$util` of API Gateway mapping templates. The encodings follow the Java methods API Gateway
 * runs (Commons Lang `escapeJavaScript`, `URLEncoder`/`URLDecoder`), not their JavaScript namesakes.
 */

export interface UtilVariable {
  escapeJavaScript(value: unknown): string;
  parseJson(text: unknown): unknown;
  urlEncode(value: unknown): string;
  urlDecode(value: unknown): string;
  base64Encode(value: unknown): string;
  base64Decode(value: unknown): string;
}

/** A value as Java would print it: maps as `{a=1}`, lists as `[1, 2]`, nothing as ''. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return `[${value.map(text).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${key}=${text(item)}`).join(', ')}}`;
  return String(value);
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "'": "\\'", '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Quotes (both kinds), backslash and slash escaped; control characters and non-ASCII as `\uXXXX`. */
export function escapeJavaScript(value: unknown): string {
  return text(value).replace(/["'\\/\b\f\n\r\t]|[^\x20-\x7e]/g, (char) => SHORT_ESCAPES[char] ?? unicodeEscape(char));
}

/** As Java's `URLEncoder`: spaces become `+`, and only `*-._` stay unescaped among the marks. */
export function urlEncode(value: unknown): string {
  return encodeURIComponent(text(value))
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** As Java's `URLDecoder`: `+` is a space. */
export function urlDecode(value: unknown): string {
  return decodeURIComponent(text(value).replace(/\+/g, ' '));
}

export const utilVariable: UtilVariable = {
  escapeJavaScript,
  parseJson: (json) => JSON.parse(text(json)) as unknown,
  urlEncode,
  urlDecode,
  base64Encode: (value) => Buffer.from(text(value), 'utf8').toString('base64'),
  base64Decode: (value) => Buffer.from(text(value), 'base64').toString('utf8'),
};
