/**
 * An SDK v3 command output as the SDK v2 returned it: no `$metadata`, and bytes as Buffers
 * (Lambda `Invoke`'s `Payload`, S3 `GetObject`'s `Body`, which v3 gives as a stream).
 */
export async function toV2Output(output: unknown): Promise<unknown> {
  if (!isPlainObject(output)) return convert(output);
  const { $metadata: _metadata, ...rest } = output;
  return convert(rest);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

async function convert(value: unknown): Promise<unknown> {
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value && typeof value === 'object' && typeof (value as { transformToByteArray?: unknown }).transformToByteArray === 'function') {
    return Buffer.from(await (value as { transformToByteArray: () => Promise<Uint8Array> }).transformToByteArray());
  }
  if (Array.isArray(value)) return Promise.all(value.map(convert));
  if (isPlainObject(value)) {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await convert(item)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}
