// Names a user typed against the names that exist: one edit distance and one "did you mean" for
// every message that refuses an unknown id, field, option, command or authority.

/**
 * The Levenshtein distance between two strings (insertions, deletions, substitutions).
 * @example editDistance("unitcost", "unitCost") === 1
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = Math.min(up + 1, (row[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length] as number;
}

/** The closest known name to a misspelt one (any case), if any is close. @example closest("unitcost", ["unitCost", "count"]) === "unitCost" */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const score = editDistance(name.toLowerCase(), k.toLowerCase());
    if (score < bestScore) {
      best = k;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * The " (did you mean …?)" suffix for an unknown name, or "" when no known name is close.
 * @example didYouMean("specail", ["special"]) === ' (did you mean "special"?)'
 */
export function didYouMean(
  name: string,
  known: readonly string[],
  quote: (s: string) => string = (s) => `"${s}"`,
): string {
  const hint = closest(name, known);
  return hint === undefined ? "" : ` (did you mean ${quote(hint)}?)`;
}
