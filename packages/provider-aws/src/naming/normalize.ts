/** The name-normalising rules of Serverless v3, exactly (logical ids depend on them). */

/** Upper-case the first character only: `my-func` → `My-func`. */
export function normalizeName(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Drop every non-alphanumeric character, then upper-case the first: `my-bucket.name_1` → `Mybucketname1`. */
export function normalizeNameToAlphaNumericOnly(name: string): string {
  return normalizeName(name.replace(/[^0-9A-Za-z]/g, ''));
}

/** `-` → `Dash`, `_` → `Underscore`, upper-case the first; other characters are kept. */
export function normalizeResourceName(name: string): string {
  return normalizeName(name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore'));
}

/** lodash-style capitalize: first character upper, the rest lower. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/** One path segment: `users` → `Users`, `{id}` → `IdVar`, `{proxy+}` → `ProxyVar`, `user-profile` → `UserDashprofile`. */
export function normalizePathPart(part: string): string {
  const replaced = capitalize(part)
    .replace(/-/g, 'Dash')
    .replace(/\{(.*)\}/g, '$1Var')
    .replace(/[^0-9A-Za-z]/g, '');
  return normalizeName(replaced);
}

/** `users/{id}/posts` → `UsersIdVarPosts`. */
export function normalizePath(path: string): string {
  return path
    .split('/')
    .map((part) => normalizePathPart(part))
    .join('');
}

/** `GET` → `Get`. */
export function normalizeMethodName(method: string): string {
  return normalizeName(method.toLowerCase());
}
