import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { StratusError } from '../errors/stratus-error';
import { didYouMean } from '../errors/suggest';
import type { LocateProperty } from './locate';
import { cloudFormationTags } from './yaml-cfn-tags';
import { createYamlLocator } from './yaml-locator';

const KNOWN_TAGS = [...new Set(cloudFormationTags.flatMap((tag) => (typeof tag === 'string' ? [] : [tag.tag])))];

/**
 * Parses a YAML (or JSON — JSON is YAML) configuration text with the CloudFormation short-form
 * tags and `<<` merge keys (v3 read YAML with js-yaml, which merges), keeping positions so
 * messages can point at `serverless.yml:LINE:COL`.
 */
export function parseYamlWithLocations(text: string, fileName: string): { value: unknown; locate: LocateProperty } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { customTags: cloudFormationTags, merge: true, lineCounter });
  const firstError = document.errors[0];
  if (firstError) throw parseError(firstError, fileName);
  // An unknown tag (`!GetAttr`) is only a warning for the yaml library, which would then keep the
  // plain string; v3 rejected the file, and a silently wrong value is worse than a clear error.
  const unknownTag = document.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) throw parseError(unknownTag, fileName);
  return { value: document.toJS(), locate: createYamlLocator(document, lineCounter, fileName) };
}

/** Parses YAML/JSON text with CloudFormation tags; for callers that need no positions. */
export function parseYaml(text: string, fileName: string): unknown {
  return parseYamlWithLocations(text, fileName).value;
}

function parseError(error: YAMLError, fileName: string): StratusError {
  const [start] = error.linePos ?? [];
  const where = start ? `${fileName}:${start.line}:${start.col}` : fileName;
  // yaml's message is "<problem> at line L, column C:\n\n<excerpt with caret>"; we print the
  // position in our own `file:line:col` form and keep the excerpt.
  const match = /^([\s\S]*?) at line \d+, column \d+:?\n?([\s\S]*)$/.exec(error.message);
  const problem = match?.[1] ?? error.message;
  const excerpt = match?.[2]?.replace(/\s+$/, '') ?? '';
  const unknownTag = error.code === 'TAG_RESOLVE_FAILED' ? /!\S+/.exec(problem)?.[0] : undefined;
  const reason = unknownTag ? `unknown tag ${unknownTag}.${didYouMean(unknownTag, KNOWN_TAGS)}` : problem;
  return new StratusError(
    'CONFIG_PARSE_ERROR',
    `Cannot parse "${fileName}": ${where} ${reason}${excerpt ? `\n${excerpt}` : ''}`,
    {
      hint: unknownTag
        ? `Supported short-form tags: ${KNOWN_TAGS.join(', ')}. Check the spelling, or use the long form ({ "Fn::…": … }).`
        : `Fix the ${fileName.endsWith('.json') ? 'JSON' : 'YAML'} syntax at ${where}: check indentation, unclosed quotes or brackets, and quote values that contain ": " or start with a special character.`,
      cause: error,
    },
  );
}
