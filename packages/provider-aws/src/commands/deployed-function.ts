import { didYouMean, StratusError, type ServiceContext } from '@stratus/core';
import { naming } from '../naming/naming';
import { stageOf } from '../provider/stage-region';

export interface DeployedFunction {
  /** The key under `functions:` (`hello`). */
  key: string;
  /** The deployed Lambda name (`functions.<key>.name`, default `<service>-<stage>-<key>`). */
  name: string;
}

/** The function `-f` names, or an error that lists the service's functions. */
export function deployedFunction(service: Pick<ServiceContext, 'configuration' | 'options'>, functionKey: unknown): DeployedFunction {
  const functions = (service.configuration.functions ?? {}) as Record<string, { name?: unknown } | null | undefined>;
  const keys = Object.keys(functions);
  if (typeof functionKey !== 'string' || functionKey === '') {
    throw new StratusError('FUNCTION_OPTION_MISSING', 'Name the function with --function (-f).', { hint: listing(keys) });
  }
  if (!Object.prototype.hasOwnProperty.call(functions, functionKey)) {
    throw new StratusError('FUNCTION_MISSING_IN_SERVICE', `Function "${functionKey}" doesn't exist in this service.${didYouMean(functionKey, keys)}`, {
      hint: listing(keys),
    });
  }
  const configured = functions[functionKey]?.name;
  const name = typeof configured === 'string' && configured ? configured : naming.getDefaultFunctionName(String(service.configuration.service), stageOf(service), functionKey);
  return { key: functionKey, name };
}

function listing(keys: string[]): string {
  return keys.length === 0 ? 'This service defines no functions.' : `The functions of this service: ${keys.join(', ')}.`;
}
