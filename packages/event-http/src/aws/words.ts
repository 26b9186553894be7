/** Word-splitting for logical ids that v3 builds with lodash's `camelCase` / `startCase`. */

/** Words of a name: `post-create_schema` → `post create schema`, `XMLHttpRequest` → `XML Http Request`, `v2body` → `v 2 body`. */
export function words(text: string): string[] {
  return text.match(/[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [];
}

const upperFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `post-create-schema` → `PostCreateSchema` (lodash `upperFirst(camelCase(…))`). */
export function upperCamelCase(text: string): string {
  return words(text)
    .map((word) => upperFirst(word.toLowerCase()))
    .join('');
}

/** `application/json` → `ApplicationJson` (lodash `startCase`, without the spaces). */
export function startCaseCompact(text: string): string {
  return words(text).map(upperFirst).join('');
}

