import type { CommandDefinition, OptionDefinition, PluginApi } from '@stratus/core';
import { KEY_ADVICE } from '../local/key-ring';
import { assertSecretName } from '../names';
import { redactValue } from '../redaction';
import type { SecretsRun } from '../secrets-run';
import type { SecretSummary } from '../store';
import { readSecretValue } from './read-value';

const local: OptionDefinition = { usage: 'Use the encrypted local file (secrets.<stage>.enc.json) instead of SSM Parameter Store', type: 'boolean' };
const keyFile: OptionDefinition = { usage: 'Key file of the local file (default: ~/.config/stratus/secrets/<service>.key; or set STRATUS_SECRETS_KEY)', type: 'string' };
const name: OptionDefinition = { usage: 'Name of the secret (letters, digits, "_", "." and "-")', type: 'string', required: true };

/** `stratus secrets …`, per stage (`--stage`), against SSM or, with `--local`, the local file. */
export const SECRETS_COMMAND: CommandDefinition = {
  type: 'container',
  usage: 'Manage secrets: SSM SecureString parameters, or the encrypted local file with --local',
  commands: {
    init: { usage: 'Create the key of the local secrets file (mode 0600, outside the repository)', lifecycleEvents: ['init'], options: { local, 'key-file': keyFile } },
    set: {
      usage: 'Set a secret from --value, --file or stdin',
      lifecycleEvents: ['set'],
      options: { name, value: { usage: 'The value (prefer stdin or --file: a value on the command line lands in shell history)', type: 'string' }, file: { usage: 'Read the value from this file', type: 'string' }, local, 'key-file': keyFile },
    },
    get: { usage: 'Show a secret, masked unless --reveal', lifecycleEvents: ['get'], options: { name, reveal: { usage: 'Print the value itself', type: 'boolean' }, local, 'key-file': keyFile } },
    list: { usage: 'List the secrets of the stage (names, never values)', lifecycleEvents: ['list'], options: { local, 'key-file': keyFile } },
    remove: { usage: 'Delete a secret', lifecycleEvents: ['remove'], options: { name, local, 'key-file': keyFile } },
  },
};

function describeRow(row: SecretSummary): string {
  const details = [row.updatedAt ? `updated ${row.updatedAt}` : undefined, row.version === undefined ? undefined : `version ${row.version}`].filter(Boolean);
  return details.length > 0 ? `${row.name}  (${details.join(', ')})` : row.name;
}

export interface CommandIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export function registerSecretsCommands(api: PluginApi, run: SecretsRun, io: CommandIo = { stdin: process.stdin }): void {
  api.registerCommand('secrets', SECRETS_COMMAND);
  const options = api.service.options;
  const isLocal = () => options.local === true;
  const secretName = () => assertSecretName(options.name, '--name');
  const stage = () => run.settings().stage;

  api.hook('secrets:init:init', async () => {
    const store = run.localStore();
    const { key, created } = store.keys.ensure();
    if (created) api.log.success(`Created the key of the local secrets: ${key.source} (mode 0600). ${KEY_ADVICE}`);
    else api.log.notice(`The key of the local secrets is already there: ${key.source}`);
    if (await store.verifyKey()) api.log.notice(`It opens ${store.where}.`);
  });

  api.hook('secrets:set:set', async () => {
    const secret = secretName();
    const value = await readSecretValue(options, api.service.serviceDir ?? process.cwd(), io.stdin);
    redactValue(api.log, value);
    const store = run.store(isLocal());
    await store.set(secret, value);
    api.log.success(`Secret ${secret} set in ${store.where} (stage ${stage()})`);
  });

  api.hook('secrets:get:get', async () => {
    const secret = secretName();
    const store = run.store(isLocal());
    const value = await store.get(secret);
    // --reveal asks for the value itself: written to the raw stdout sink, past the redaction.
    if (options.reveal === true) api.log.settings.textSink.write(`${value}\n`);
    else api.log.writeText(`${secret}: **** (${value.length} characters; --reveal to show it)`);
    redactValue(api.log, value);
  });

  api.hook('secrets:list:list', async () => {
    const store = run.store(isLocal());
    const rows = await store.list();
    if (rows.length === 0) api.log.notice(`No secrets in ${store.where} (stage ${stage()})`);
    for (const row of rows) api.log.writeText(describeRow(row));
  });

  api.hook('secrets:remove:remove', async () => {
    const secret = secretName();
    const store = run.store(isLocal());
    await store.remove(secret);
    api.log.success(`Secret ${secret} removed from ${store.where} (stage ${stage()})`);
  });
}
