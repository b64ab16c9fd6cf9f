import { writeFile } from 'node:fs/promises';

/**
 * A JSON Lines feed with every kind of damage, one per line, between good records. Generated (not
 * committed) because one of its lines is 10 MB.
 */
export const brokenFeedLines = {
  good: 1,
  badEncoding: 2,
  missingTitle: 3,
  wrongTypes: 4,
  truncated: 5,
  hugeDescription: 6,
  secondGood: 7,
  notAnObject: 9,
  repeatedId: 10,
} as const;

const record = (id: string, title: string) => ({
  id,
  title,
  provider: 'Universitetet i Bergen',
  description: 'Emnet gir 10 studiepoeng.',
  city: 'Bergen',
  source: 'broken_feed',
  url: `https://www.uib.no/emne/${id}`,
});

export async function writeBrokenFeed(file: string): Promise<void> {
  const lines: Buffer[] = [
    Buffer.from(JSON.stringify(record('B1', 'Godt emne'))),
    Buffer.concat([
      Buffer.from('{"id":"B2","title":"Ugyldig '),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('","provider":"UiB","source":"broken_feed"}'),
    ]),
    Buffer.from(JSON.stringify({ id: 'B3', provider: 'UiB', description: 'Uten tittel', source: 'broken_feed' })),
    Buffer.from(
      JSON.stringify({ id: 'B4', title: ['ikke', 'tekst'], provider: 'UiB', credits: 'mange', source: 'broken_feed' }),
    ),
    Buffer.from('{"id":"B5","title":"Avkuttet","provider":"UiB","descr'),
    Buffer.from(JSON.stringify({ ...record('B6', 'Enorm beskrivelse'), description: 'x'.repeat(10 * 1024 * 1024) })),
    Buffer.from(JSON.stringify(record('B7', 'Enda et godt emne'))),
    Buffer.from(''),
    Buffer.from('[1, 2, 3]'),
    Buffer.from(JSON.stringify(record('B1', 'Samme id igjen'))),
  ];
  await writeFile(file, Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])));
}
