import { Bm25Index } from '../src/retrieval/bm25-index.js';
import type { CatalogueRow } from './need-constraints.js';

/**
 * The baseline the collection defines (../shared/eval/bm25.py): BM25 over title (twice), description and
 * skills, lowercase word tokens, the same stop list, no stemming, the need text alone — computed here in the
 * same run so the ratio compares like with like.
 */
const stopWords = new Set(
  `og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil bli ble blitt kunne inn når være kom noen noe ville dere som deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært være båe begge siden dykk dykkar dei deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ikkje ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre si sia sidan so somt somme um upp vere vore verte vort varte vart gjerne helst finnes finst finns the a an and or of to in for on with is are be i me my we you your it this that as at by from can what which how do want would like am have has not so some there their any also just into about who where more`.split(
    /\s+/,
  ),
);

function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-zæøåäöüéèáàóôç0-9]+/g) ?? []).filter(
    (token) => token.length > 1 && !stopWords.has(token),
  );
}

export function plainBm25(rows: (CatalogueRow & { skills?: string[] })[]): {
  search(text: string, limit: number): string[];
} {
  const index = new Bm25Index();
  for (const row of rows) {
    const frequencies = new Map<string, number>();
    for (const token of tokens(`${row.title} ${row.title} ${row.description} ${(row.skills ?? []).join(' ')}`))
      frequencies.set(token, (frequencies.get(token) ?? 0) + 1);
    index.upsert(row.id, frequencies);
  }
  return {
    search: (text, limit) =>
      index.search({ terms: new Map(tokens(text).map((token) => [token, 1])), limit }).map((hit) => hit.id),
  };
}
