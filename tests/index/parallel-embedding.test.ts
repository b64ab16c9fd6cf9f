import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConceptMatcher } from '../../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../../adapters/index/retrieval-service.js';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

const directories: string[] = [];
afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

const subjects = ['sykepleie', 'sveiseteknikk', 'regnskap', 'ledelse', 'programmering', 'barnehagelærer', 'elektriker'];
const places = ['Bergen', 'Oslo', 'Tromsø', 'på nett'];
// Enough offerings for several batches on each of two workers.
const offerings: CatalogueOffering[] = Array.from({ length: 1400 }, (_, index) =>
  catalogueOffering({
    id: `o${index}`,
    title: `${subjects[index % subjects.length]} ${index % 3 === 0 ? 'for viderekomne' : 'grunnkurs'} ${index}`,
    description: `Kurs i ${subjects[(index * 5) % subjects.length]} og ${subjects[(index * 3) % subjects.length]} i ${places[index % places.length]}, for deg som jobber som sykepleier eller nurse.`,
  }),
);
const source = {
  activePages: async function* () {
    for (let start = 0; start < offerings.length; start += 500) yield offerings.slice(start, start + 500);
  },
  byIds: async (ids: string[]) => offerings.filter((offering) => ids.includes(offering.id)),
};

async function firstStart(threads: number) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'veileder-threads-'));
  directories.push(dataDir);
  const messages: string[] = [];
  const retrieval = await openRetrieval({
    offerings: source,
    dataDir,
    concepts: await loadConceptMatcher(),
    threads,
    log: (message) => messages.push(message),
  });
  const files = new Map<string, Buffer>();
  const directory = path.join(dataDir, 'retrieval');
  for (const name of await readdir(directory)) files.set(name, await readFile(path.join(directory, name)));
  return { retrieval, files, messages };
}

describe('a first start on worker threads', () => {
  it('fits the same model and builds the same index, byte for byte, as on one thread', async () => {
    const one = await firstStart(1);
    const two = await firstStart(2);
    expect(two.messages.some((message) => message.includes('embedded on 2 threads'))).toBe(true);
    expect(one.messages.some((message) => message.includes('threads'))).toBe(false);
    expect([...two.files.keys()].sort()).toEqual([...one.files.keys()].sort());
    for (const [name, bytes] of one.files) expect(two.files.get(name)!.equals(bytes), name).toBe(true);
    for (const message of ['sveising i Bergen', 'nurse', 'regnskap på nett']) {
      const ranked = async (retrieval: typeof one.retrieval) =>
        (await retrieval.recommender.recommend({ profile: emptyProfile(), message, limit: 10 })).map(
          (hit) => hit.offering.id,
        );
      expect(await ranked(two.retrieval)).toEqual(await ranked(one.retrieval));
    }
  });
});
