/** The `<handler file>.req.vm` / `.res.vm` templates serverless-offline reads next to a handler. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** `src/users.get` in `/svc` → `/svc/src/users.req.vm` (or `.res.vm`), when it exists. */
export function readHandlerTemplate(codeDir: string, handler: string, kind: 'req' | 'res'): { source: string; file: string } | undefined {
  const dot = handler.lastIndexOf('.');
  const file = path.join(codeDir, `${dot === -1 ? handler : handler.slice(0, dot)}.${kind}.vm`);
  return existsSync(file) ? { source: readFileSync(file, 'utf8'), file } : undefined;
}
