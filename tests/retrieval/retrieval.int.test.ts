import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConceptMatcher } from '../../adapters/index/load-concept-matcher.js';
import { openRetrieval } from '../../adapters/index/retrieval-service.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { createHttpApp } from '../../adapters/web/server.js';
import type { ConceptMatcher } from '../../src/retrieval/concept-matcher.js';
import type { Embedder } from '../../src/retrieval/embedder.js';
import { emptyProfile } from '../../src/profile/profile.js';
import { extractFromMessage } from '../../src/understanding/local-extractor.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const offering = (
  id: string,
  title: string,
  city: string | null,
  description: string,
  extra: Record<string, unknown> = {},
) =>
  JSON.stringify({
    id,
    title,
    provider: city ? 'Høgskulen på Vestlandet' : 'edX',
    description,
    city,
    cities: city ? [city] : [],
    level: city ? 'university_college' : 'introductory',
    language: city ? 'nb' : 'en',
    type: city ? 'university_college' : 'mooc',
    url: null,
    price: city ? null : { free_to_audit: true },
    skills: [],
    source: 'test',
    ...extra,
  });

const first = [
  offering(
    't:1',
    'Bachelor i sykepleie',
    'Bergen',
    'Sykepleie gir deg kompetanse til å arbeide som sykepleier i sykehus og kommunehelsetjenesten.',
  ),
  offering('t:2', 'Sveiseteknikk', 'Bergen', 'Kurs i sveising for fagarbeidere, på deltid.'),
  offering('t:3', 'Introduction to Psychology', null, 'An introductory online course in psychology, self-paced.'),
  offering('t:4', 'Årsstudium i historie', 'Stavanger', 'Historie fra antikken til i dag, 60 studiepoeng.'),
].join('\n');
const second = [
  offering(
    't:1',
    'Bachelor i sykepleie',
    'Bergen',
    'Sykepleie gir deg kompetanse til å arbeide som sykepleier i sykehus og kommunehelsetjenesten.',
  ),
  offering('t:3', 'Introduction to Psychology', null, 'An introductory online course in psychology, self-paced.'),
  offering('t:4', 'Årsstudium i historie', 'Stavanger', 'Historie fra antikken til i dag, 60 studiepoeng.'),
  offering('t:5', 'Akvakultur og fiskehelse', 'Bergen', 'Bachelor i havbruk, fiskehelse og oppdrett.'),
].join('\n');

describe('retrieval over a real database', () => {
  let database: TestDatabase;
  let directory: string;
  let concepts: ConceptMatcher;

  beforeAll(async () => {
    database = await createTestDatabase();
    directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-retrieval-'));
    concepts = await loadConceptMatcher();
    await writeFile(path.join(directory, 'first.jsonl'), first);
    await writeFile(path.join(directory, 'second.jsonl'), second);
    await importCatalogueFile(database, { file: path.join(directory, 'first.jsonl'), source: 'test' });
  });
  afterAll(async () => {
    await database.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('builds, persists, reloads, updates incrementally and rebuilds for a new embedder', async () => {
    const messages: string[] = [];
    const retrieval = await openRetrieval({
      database,
      dataDir: directory,
      concepts,
      log: (message) => messages.push(message),
    });
    expect(messages.some((message) => message.startsWith('Vector index built: 4'))).toBe(true);

    // An English question meets a Norwegian programme through the occupation bridge, in the city asked for.
    const profile = extractFromMessage({ message: 'I want to become a nurse in Bergen' });
    const [top] = await retrieval.recommender.recommend({
      profile,
      message: 'I want to become a nurse in Bergen',
      limit: 3,
    });
    expect(top?.offering.title).toBe('Bachelor i sykepleie');
    expect(top?.reasons.matchedConcepts.length).toBeGreaterThan(0);
    expect(top?.reasons.constraintsMet).toContain('city:Bergen');

    const reloaded: string[] = [];
    await openRetrieval({ database, dataDir: directory, concepts, log: (message) => reloaded.push(message) });
    expect(reloaded).toContain('Vector index loaded: 4 offerings');
    expect(reloaded).toContain('Lexical index loaded: 4 offerings');

    const report = await importCatalogueFile(database, { file: path.join(directory, 'second.jsonl'), source: 'test' });
    await retrieval.applyImport(report);
    const fish = await retrieval.recommender.recommend({ profile: emptyProfile(), message: 'fiskehelse', limit: 5 });
    expect(fish[0]?.offering.title).toBe('Akvakultur og fiskehelse');
    const welding = await retrieval.recommender.recommend({
      profile: emptyProfile(),
      message: 'sveiseteknikk sveising',
      limit: 5,
    });
    expect(welding.map((result) => result.offering.title)).not.toContain('Sveiseteknikk');

    const afterImport: string[] = [];
    await openRetrieval({ database, dataDir: directory, concepts, log: (message) => afterImport.push(message) });
    expect(afterImport).toContain('Vector index loaded: 4 offerings');
    // The lexical index saved after the import is the one a restart takes: the imported offering is found through it.
    expect(afterImport).toContain('Lexical index loaded: 4 offerings');
    const restarted = await openRetrieval({ database, dataDir: directory, concepts });
    expect(
      (await restarted.recommender.recommend({ profile: emptyProfile(), message: 'fiskehelse', limit: 5 }))[0]?.offering
        .title,
    ).toBe('Akvakultur og fiskehelse');

    const other: Embedder = {
      identity: { name: 'test-embedder', version: '1', dimensions: 8 },
      embedDocuments: async (texts) =>
        texts.map((text) => Float32Array.from({ length: 8 }, (_, index) => ((text.length + index) % 5) + 1)),
      embedQuery: async (text) => Float32Array.from({ length: 8 }, (_, index) => ((text.length + index) % 5) + 1),
    };
    const rebuilt: string[] = [];
    const withOther = await openRetrieval({
      database,
      dataDir: directory,
      concepts,
      embedder: other,
      log: (message) => rebuilt.push(message),
    });
    expect(rebuilt).toContain('Vector index built: 4 offerings (test-embedder, 8 dims)');
    expect(withOther.index.size).toBe(4);
    // Each embedder has its own files: going back to the local one finds its index still current.
    const back: string[] = [];
    await openRetrieval({ database, dataDir: directory, concepts, log: (message) => back.push(message) });
    expect(back).toContain('Vector index loaded: 4 offerings');
  });

  it('serves GET /api/search over HTTP with reasons, and 400 for bad parameters', async () => {
    const retrieval = await openRetrieval({ database, dataDir: directory, concepts });
    const server = createHttpApp({ database, search: retrieval.recommender }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const found = await fetch(`${base}/api/search?q=psychology&free=true&mode=online`);
      expect(found.status).toBe(200);
      const body = (await found.json()) as {
        results: { title: string; reasons: { constraintsMet: string[]; matchedTerms: string[] } }[];
      };
      expect(body.results.map((result) => result.title)).toEqual(['Introduction to Psychology']);
      expect(body.results[0]!.reasons.constraintsMet).toEqual(expect.arrayContaining(['free', 'mode:online']));
      expect(body.results[0]!.reasons.matchedTerms).toContain('psychology');

      const inStavanger = (await (
        await fetch(`${base}/api/search?q=historie&place=Rogaland&level=one_year`)
      ).json()) as { results: { title: string }[] };
      expect(inStavanger.results.map((result) => result.title)).toEqual(['Årsstudium i historie']);

      for (const [query, mention] of [
        ['q=x&mode=boat', 'mode="boat"'],
        ['free=true', 'q is missing'],
        ['q=x&colour=red', 'colour is not a parameter'],
        ['q=x&place=Atlantis', 'place="Atlantis"'],
        ['q=x&limit=500', 'limit="500"'],
      ] as const) {
        const response = await fetch(`${base}/api/search?${query}`);
        expect(response.status, query).toBe(400);
        const body = (await response.json()) as { error: { message: string } };
        expect(body.error.message).toContain(mention);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers GET /api/search with only http(s) URLs, even for a row that holds a javascript: link (security issue 15, item 4)', async () => {
    // As an import before URLs were checked could leave it.
    await database.pool.query(
      `UPDATE offering SET url = 'javascript:alert(document.domain)' WHERE title = 'Årsstudium i historie'`,
    );
    await database.pool.query(
      `UPDATE offering SET url = 'https://www.uib.no/sykepleie' WHERE title = 'Bachelor i sykepleie'`,
    );
    const retrieval = await openRetrieval({ database, dataDir: directory, concepts });
    const server = createHttpApp({ database, search: retrieval.recommender }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const search = async (query: string) =>
        (
          (await (await fetch(`${base}/api/search?q=${encodeURIComponent(query)}`)).json()) as {
            results: { title: string; url: string | null }[];
          }
        ).results;
      expect((await search('historie')).find((result) => result.title === 'Årsstudium i historie')).toMatchObject({
        url: null,
      });
      expect((await search('sykepleie')).find((result) => result.title === 'Bachelor i sykepleie')).toMatchObject({
        url: 'https://www.uib.no/sykepleie',
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
