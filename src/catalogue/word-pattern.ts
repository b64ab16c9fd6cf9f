/**
 * A case-insensitive pattern matching any of the given phrases as whole words. JavaScript's `\b` only
 * knows ASCII letters, so "\bårsstudium" never matches after a space; these boundaries are Unicode letters.
 * Phrases are regular-expression fragments (so "samling(?:ar|er)?" works).
 */
export function wordPattern(phrases: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'iu');
}
