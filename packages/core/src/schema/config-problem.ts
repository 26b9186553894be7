import { formatLocation, type ConfigLocation } from '../config/locate';

/** One way the configuration does not match the schema, located in the file. */
export interface ConfigProblem {
  /** Dotted property path (`functions.hello.events.0`); empty for the root. */
  path: string;
  /** v3's wording: `unrecognized property 'x'`, `must be integer`, … */
  message: string;
  location: ConfigLocation;
  /** The closest allowed key or event name, for a misspelt one. */
  suggestion?: string;
}

/**
 * One line per problem:
 * `serverless.yml:12:5  at 'provider.memorySiz': unrecognized property 'memorySiz' — did you mean 'memorySize'?`
 */
export function formatProblems(problems: readonly ConfigProblem[], fileName: string): string {
  return problems.map((problem) => formatProblem(problem, fileName)).join('\n');
}

function formatProblem(problem: ConfigProblem, fileName: string): string {
  const location = formatLocation(problem.location.file ? problem.location : { ...problem.location, file: fileName });
  const where = problem.path === '' ? 'at the root' : `at '${problem.path}'`;
  const suggestion = problem.suggestion === undefined ? '' : ` — did you mean '${problem.suggestion}'?`;
  return `${location}  ${where}: ${problem.message}${suggestion}`;
}
