import { StratusError, type ServiceContext, type VariableSource } from '@stratus/core';
import { defaultRegion } from './default-region';
import type { SsmParameterLoader } from './ssm-parameter-loader';

/**
 * `${ssm:/name}` and `${ssm(<region>, raw, noDecrypt):/name}` (params in any order), as v3:
 * `String` → the value; `StringList` → an array (raw: the text); `SecureString` → decrypted,
 * parsed as JSON when it starts with `{` (raw: the text); not found → null (fallbacks apply).
 * The v2-era suffixes `~true` (decrypt: the default), `~false` (no decryption) and `~split` are
 * accepted on the name too (`~` cannot occur in an SSM name).
 */
export function createSsmSource(loader: SsmParameterLoader, service: Pick<ServiceContext, 'configuration' | 'options'>): VariableSource {
  return {
    async resolve(context) {
      const { name, decrypt } = parseAddress(context.address);
      const flags = { raw: false, noDecrypt: !decrypt, region: undefined as string | undefined };
      for (const param of context.params) {
        if (param === 'raw') flags.raw = true;
        else if (param === 'noDecrypt') flags.noDecrypt = true;
        else if (typeof param === 'string' && param !== '' && flags.region === undefined) flags.region = param;
        else if (param !== null && param !== undefined && param !== '') {
          throw new StratusError('VARIABLES_INVALID_SSM_PARAM', `Unsupported parameter "${String(param)}" in the "ssm" variable source`, {
            hint: 'The "ssm" source takes a region, "raw" and "noDecrypt", in any order: ${ssm(eu-west-1, raw):/path}.',
          });
        }
      }
      const region = flags.region ?? (await defaultRegion(context, service));
      const parameter = await loader.load(name, region, !flags.noDecrypt);
      if (!parameter || parameter.Value === undefined) return { value: null };
      return { value: convert(parameter.Type, parameter.Value, flags.raw) };
    },
  };
}

function parseAddress(address: string | null): { name: string; decrypt: boolean } {
  const text = address?.trim() ?? '';
  if (!text) {
    throw new StratusError('VARIABLES_MISSING_ADDRESS', 'The "ssm" source needs a parameter name', { hint: 'Write it as ${ssm:/path/to/parameter}.' });
  }
  const legacy = /^(.*?)~(true|false|split)$/.exec(text);
  if (legacy?.[1]) return { name: legacy[1], decrypt: legacy[2] !== 'false' };
  return { name: text, decrypt: true };
}

function convert(type: string | undefined, value: string, raw: boolean): unknown {
  if (raw) return value;
  if (type === 'StringList') return value.split(',');
  if (type === 'SecureString' && value.trimStart().startsWith('{')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
