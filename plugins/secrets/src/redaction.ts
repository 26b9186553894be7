import type { Logger } from '@stratus/core';

/**
 * Mask a secret value in everything the CLI prints from now on (log lines, errors, `print`,
 * handler output). The set is the logger's shared one, so the core's error printer masks too.
 */
export function redactValue(log: Logger, value: string): void {
  if (value === '') return;
  const redactions = log.settings.redactions;
  redactions.add(value);
  // The form a value takes inside JSON output (quotes, backslashes, newlines escaped).
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) redactions.add(escaped);
  // Longest first: a secret that contains a shorter one must be masked whole, not around it.
  const ordered = [...redactions].sort((a, b) => b.length - a.length);
  redactions.clear();
  for (const item of ordered) redactions.add(item);
}
