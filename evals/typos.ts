/**
 * Misspells a need the way people type in a chat: each word of five letters or more is, with probability
 * `rate`, given one edit — a letter dropped, doubled, replaced by a neighbour on a Norwegian keyboard, or two
 * neighbours swapped — never the first letter. Seeded, so every run misspells the same words the same way.
 */
const keyboardRows = ['qwertyuiopå', 'asdfghjkløæ', 'zxcvbnm'];

function neighbours(letter: string): string[] {
  for (const row of keyboardRows) {
    const at = row.indexOf(letter);
    if (at >= 0) return [row[at - 1], row[at + 1]].filter((near): near is string => near !== undefined);
  }
  return [];
}

export function withTypos(options: { text: string; rate: number; seed: number }): { text: string; changed: number } {
  let state = options.seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  let changed = 0;
  const text = options.text.replace(/\p{L}{5,}/gu, (word) => {
    if (random() >= options.rate) return word;
    const at = 1 + Math.floor(random() * (word.length - 1));
    const kind = Math.floor(random() * 4);
    const letter = word[at]!;
    const near = neighbours(letter.toLowerCase());
    changed += 1;
    if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
    if (kind === 1) return word.slice(0, at) + letter + word.slice(at);
    if (kind === 2 && near.length)
      return word.slice(0, at) + near[Math.floor(random() * near.length)]! + word.slice(at + 1);
    if (at + 1 < word.length) return word.slice(0, at) + word[at + 1]! + letter + word.slice(at + 2);
    return word.slice(0, at);
  });
  return { text, changed };
}
