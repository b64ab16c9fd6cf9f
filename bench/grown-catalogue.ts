import { readFileSync } from 'node:fs';
import { CompoundSplitter } from '../src/retrieval/compound-splitter.js';
import { tokenize } from '../src/retrieval/text-analysis.js';

/**
 * The benchmark's catalogue: the real one (../shared/eval/catalogue.jsonl) grown to any size with
 * perturbed copies under new ids (words dropped and shuffled, so copies are near, not equal). Seeded, so
 * the search benchmark and its serving-footprint child build the very same rows.
 */
export type BenchRow = { id: string; text: string };

export function grownCatalogue(options: { file: string; size: number }): BenchRow[] {
  const base: BenchRow[] = readFileSync(options.file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const row = JSON.parse(line) as {
        id: string;
        title: string;
        description?: string;
        provider: string;
        skills?: string[];
      };
      return {
        id: row.id,
        text: [row.title, (row.skills ?? []).join(' '), row.description ?? '', row.provider].join('\n'),
      };
    });
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const rows = base.slice(0, options.size);
  for (let copy = 0; rows.length < options.size; copy += 1) {
    const original = base[copy % base.length]!;
    const words = original.text.split(/\s+/).filter(() => random() > 0.15);
    for (let swap = 0; swap < words.length / 10; swap += 1) {
      const left = Math.floor(random() * words.length);
      const right = Math.floor(random() * words.length);
      [words[left], words[right]] = [words[right]!, words[left]!];
    }
    rows.push({ id: `copy:${copy}:${original.id}`, text: words.join(' ') });
  }
  return rows;
}

/** The compound vocabulary as retrieval learns it (words in at least two offerings), from the first 20k rows. */
export function benchSplitter(rows: BenchRow[]): CompoundSplitter {
  const vocabulary = new Map<string, number>();
  for (const row of rows.slice(0, 20_000))
    for (const token of new Set(tokenize(row.text))) vocabulary.set(token, (vocabulary.get(token) ?? 0) + 1);
  return new CompoundSplitter({
    vocabulary: [...vocabulary].filter(([word, count]) => count >= 2 && word.length >= 3).map(([word]) => word),
  });
}

/**
 * The same growth as `grownCatalogue`, as feed rows the importer takes (title and description perturbed
 * apart, every other field kept), so a benchmark can serve it from PostgreSQL like the app does. Each copy
 * gets its own URL and a number after its title: otherwise the importer would recognise it as the same
 * offering as its original and merge the two.
 */
export function grownFeedLines(options: { file: string; size: number }): string[] {
  const base = readFileSync(options.file, 'utf8')
    .trim()
    .split('\n')
    .map(
      (line) =>
        JSON.parse(line) as Record<string, unknown> & {
          id: string;
          title: string;
          description?: string | null;
          url?: string | null;
        },
    );
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const perturb = (text: string) => {
    const words = text.split(/\s+/).filter((word) => word && random() > 0.15);
    for (let swap = 0; swap < words.length / 10; swap += 1) {
      const left = Math.floor(random() * words.length);
      const right = Math.floor(random() * words.length);
      [words[left], words[right]] = [words[right]!, words[left]!];
    }
    return words.join(' ');
  };
  const lines = base.slice(0, options.size).map((row) => JSON.stringify(row));
  for (let copy = 0; lines.length < options.size; copy += 1) {
    const original = base[copy % base.length]!;
    const title = `${perturb(original.title) || original.title} ${copy + 1}`;
    lines.push(
      JSON.stringify({
        ...original,
        id: `copy:${copy}:${original.id}`,
        title,
        description: perturb(original.description ?? ''),
        url: original.url ? `${original.url.replace(/\/+$/, '')}/kopi-${copy + 1}` : null,
      }),
    );
  }
  return lines;
}
