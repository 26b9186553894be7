import { createRequire } from 'node:module';
import path from 'node:path';

/** Loads an AWS SDK v3 client package by name; undefined when it is installed nowhere we look. */
export type SdkPackageLoader = (packageName: string) => Record<string, unknown> | undefined;

const CLIENT_PACKAGE = /^@aws-sdk\/client-[a-z0-9-]+$/;

function isNotFound(error: unknown, packageName: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(`'${packageName}'`);
}

function tryRequire(load: () => unknown, packageName: string): Record<string, unknown> | undefined {
  try {
    return load() as Record<string, unknown>;
  } catch (error) {
    // A package that is there but fails to load is a real problem: let it surface.
    if (isNotFound(error, packageName)) return undefined;
    throw error;
  }
}

/**
 * The client packages the CLI ships (its own dependencies: the common ones) first, then those the
 * service installed (`npm install -D @aws-sdk/client-<x>`). Only `@aws-sdk/client-*` names load.
 */
export function createSdkPackageLoader(serviceDir: () => string | undefined): SdkPackageLoader {
  return (packageName) => {
    if (!CLIENT_PACKAGE.test(packageName)) return undefined;
    // As for the provider's own clients (aws-clients.ts): the SDK's Node-version notice is noise for a CLI user.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const own = tryRequire(() => require(packageName), packageName);
    if (own) return own;
    const dir = serviceDir();
    return dir ? tryRequire(() => createRequire(path.join(dir, 'package.json'))(packageName), packageName) : undefined;
  };
}
