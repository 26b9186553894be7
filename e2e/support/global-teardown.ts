import { MOTO_HANDLE } from './global-setup';
import type { MotoServer } from '@stratus/testing';

/**
 * Jest globalTeardown of the e2e suite: stops the moto server global-setup.ts started. Jest runs it
 * after the last test whether tests passed or failed. If jest itself dies, the server still exits:
 * its watchdog sees its stdin close (packages/testing/src/moto-server.ts).
 */
export default async function globalTeardown(): Promise<void> {
  const store = globalThis as typeof globalThis & Record<symbol, MotoServer | undefined>;
  const server = store[MOTO_HANDLE];
  store[MOTO_HANDLE] = undefined;
  await server?.stop();
}
