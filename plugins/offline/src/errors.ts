import { StratusError } from '@stratus/core';

/** The plugin's coded errors (`OFFLINE_…`), alphabetised. */
export const offlineErrors = {
  httpsFileUnreadable(file: string, reason: string): StratusError {
    return new StratusError('OFFLINE_HTTPS_FILE', `Cannot read ${file} for --httpsProtocol: ${reason}`, {
      hint: 'Point --httpsProtocol (or custom.serverless-offline.httpsProtocol) at a folder holding cert.pem and key.pem (PEM certificate and private key).',
    });
  },
  invalidOption(name: string, value: unknown, expected: string): StratusError {
    return new StratusError('OFFLINE_INVALID_OPTION', `Option "${name}" is ${JSON.stringify(value)}: expected ${expected}`, {
      hint: `Fix --${name} or custom.serverless-offline.${name}.`,
    });
  },
  portInUse(port: number, host: string, option: string): StratusError {
    return new StratusError('OFFLINE_PORT_IN_USE', `Port ${port} on ${host} is already in use: stratus offline cannot listen on it (${option})`, {
      hint: `Stop the process that uses port ${port}, or choose another port with --${option} <port> (or custom.serverless-offline.${option}).`,
    });
  },
};
