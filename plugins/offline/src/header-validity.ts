/**
 * Whether a header can be sent at all: Node's `writeHead` throws on a name that is not an HTTP
 * token or a value with a line break or a character beyond Latin-1, where API Gateway refuses the
 * integration's response instead.
 */
/** An HTTP header name (an RFC 9110 token), as a pattern other expressions embed. */
export const HEADER_NAME_PATTERN = "[!#$%&'*+.^_`|~\\w-]+";
const HEADER_NAME = new RegExp(`^${HEADER_NAME_PATTERN}$`);
const INVALID_VALUE_CHARACTER = /[^\t\x20-\x7e\x80-\xff]/;

/** Why the header cannot be sent, or undefined when it can. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!HEADER_NAME.test(name)) return `the header name ${JSON.stringify(name)} is not a valid HTTP header name`;
  if (INVALID_VALUE_CHARACTER.test(value)) return `the header ${name} has a character no HTTP header can carry (a line break, a control character or one beyond Latin-1)`;
  return undefined;
}
