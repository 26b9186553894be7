import { compileMappingTemplate, type MappingTemplate } from '../vtl/mapping-template';

/** Compiled templates by source: rendering keeps no state, so routes share them (the defaults above all). */
const compiledBySource = new Map<string, MappingTemplate>();

/**
 * A template compiled at start-up; a syntax error is reported then (naming `where`), and the
 * template fails each time it is used — as the route would not deploy, it must not quietly work.
 */
export function compileOrReport(source: string, where: string, warn: (message: string) => void): MappingTemplate {
  const known = compiledBySource.get(source);
  if (known) return known;
  try {
    const template = compileMappingTemplate(source, where);
    compiledBySource.set(source, template);
    return template;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    warn(message);
    return {
      render: () => {
        throw new Error(message);
      },
    };
  }
}
