import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StratusError } from '@stratus/core';

/**
 * Binds `server` to host:port. A port already taken becomes `OFFLINE_PORT_IN_USE`, naming the
 * server and the option that moves it; resolves with the port actually bound (0 → a free one).
 */
export function listen(server: http.Server, host: string, port: number, what: string, option: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new StratusError('OFFLINE_PORT_IN_USE', `The ${what} cannot listen on ${host}:${port}: the port is already in use.`, { hint: `Stop the process using it or pick another port with ${option}.`, cause: error }));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new StratusError('OFFLINE_HOST_UNAVAILABLE', `The ${what} cannot listen on ${host}:${port}: no such address on this machine.`, { hint: 'Check --host.', cause: error }));
      } else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Closes a server, dropping idle keep-alive connections so `close` does not wait on them. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** A request body, up to `limit` bytes; undefined when it was larger. */
export function readBody(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** `http://host:port`, with IPv6 hosts bracketed. */
export function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
