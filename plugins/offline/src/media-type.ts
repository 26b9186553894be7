/** `Application/JSON; charset=utf-8` → `application/json`; no header → `application/json`, as API Gateway assumes. */
export function mediaTypeOf(contentType: string | undefined): string {
  if (contentType === undefined) return 'application/json';
  const semicolon = contentType.indexOf(';');
  const type = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  return type === '' ? 'application/json' : type;
}
