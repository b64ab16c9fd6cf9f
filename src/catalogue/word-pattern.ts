/**
 * A pattern matching any of the given phrases as whole words (case-insensitive unless other flags are given).
 * JavaScript's `\b` only knows ASCII letters, so "\bårsstudium" never matches after a space; these boundaries
 * are Unicode letters. Phrases are regular-expression fragments (so "samling(?:ar|er)?" works).
 */
export function wordPattern(phrases: string[], flags = 'iu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

/** Text as a regular-expression fragment that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
