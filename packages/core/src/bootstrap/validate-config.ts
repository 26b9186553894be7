import type { LoadedConfig } from '../config';
import type { Logger } from '../logging/logger';
import type { ServiceContext } from '../plugins/service-context';
import { formatProblems, validateConfiguration, type ConfigSchemaHandler } from '../schema';

/** Validates the resolved configuration; problems are warnings unless `configValidationMode: error`. */
export function warnAboutProblems(context: ServiceContext, loaded: Pick<LoadedConfig, 'fileName' | 'locate'>, schema: ConfigSchemaHandler, log: Logger): void {
  const raw = context.configuration.configValidationMode;
  const mode = raw === 'error' || raw === 'off' ? raw : 'warn';
  const problems = validateConfiguration({ configuration: context.configuration, schema: schema.schema, mode, fileName: loaded.fileName, locate: loaded.locate });
  if (problems.length > 0) {
    log.warning(`Invalid configuration in ${loaded.fileName}:\n${formatProblems(problems, loaded.fileName)}`);
    log.notice('  Set "configValidationMode: error" to make these errors, or "off" to hide them.');
  }
}
