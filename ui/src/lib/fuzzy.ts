/**
 * Fuzzy matching for the command palette: the query's characters must appear in order in the
 * text (ignoring case); consecutive runs, word starts and an early first hit score higher, as
 * in VS Code's quick open. Pure and allocation-light, so thousands of entries rank per key.
 */

export interface FuzzyMatch {
  score: number;
  /** Indexes in the text of the matched characters, for highlighting. */
  positions: number[];
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text[i - 1]!;
  return (
    /[\s/_\-.:[(]/.test(before) ||
    (before === before.toLowerCase() && text[i] !== text[i]!.toLowerCase())
  );
}

/** How well `query` matches `text`, or `null` when its characters are not all there in order. */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | null {
  const needle = query.trim().toLowerCase();
  if (needle === '') return { score: 0, positions: [] };
  const hay = text.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of needle) {
    if (ch === ' ') continue;
    const at = hay.indexOf(ch, from);
    if (at < 0) return null;
    score += 1;
    if (at === previous + 1) score += 5;
    if (isWordStart(text, at)) score += 3;
    positions.push(at);
    previous = at;
    from = at + 1;
  }
  // A whole-word substring beats scattered letters; earlier and shorter texts win ties.
  if (hay.includes(needle)) score += 10;
  score -= (positions[0] ?? 0) * 0.1 + text.length * 0.01;
  return { score, positions };
}

/** `items` that match `query`, best first (stable among equals), at most `limit`. */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  text: (item: T) => string,
  limit = 50,
): { item: T; match: FuzzyMatch }[] {
  const found: { item: T; match: FuzzyMatch; order: number }[] = [];
  items.forEach((item, order) => {
    const match = fuzzyMatch(query, text(item));
    if (match) found.push({ item, match, order });
  });
  found.sort((a, b) => b.match.score - a.match.score || a.order - b.order);
  return found.slice(0, limit).map(({ item, match }) => ({ item, match }));
}
