import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import { parseTaxonomySeed } from '../../src/taxonomy/taxonomy-seed.js';

/** The shipped taxonomy seed (STYRK-08, NAV job titles, ISCO-08, ESCO) as retrieval's occupation bridge. */
export const taxonomySeedFile = new URL('../../prisma/seed/taxonomy.jsonl.gz', import.meta.url);

export async function loadConceptMatcher(options: { file?: string | URL } = {}): Promise<ConceptMatcher> {
  const file = options.file ?? taxonomySeedFile;
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .split('\n');
  return new ConceptMatcher({ taxonomy: parseTaxonomySeed({ lines, file: String(file) }) });
}
