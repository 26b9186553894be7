import { closest, distance } from 'fastest-levenshtein';

/** The closest candidate to `input`, if it is close enough to be a plausible typo. */
export function suggestClosest(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0) return undefined;
  const best = closest(input, list);
  const limit = Math.max(2, Math.floor(input.length / 3));
  return distance(input, best) <= limit ? best : undefined;
}

/** " Did you mean "x"?" or an empty string: ready to append to a message. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const best = suggestClosest(input, candidates);
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}
