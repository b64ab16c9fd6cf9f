import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConceptMatcher } from '../adapters/index/load-concept-matcher.js';
import { remoteEmbeddingFrom } from '../adapters/embeddings/openai-embedder.js';
import { openRetrieval } from '../adapters/index/retrieval-service.js';
import { importCatalogueFile } from '../adapters/storage/import-catalogue-file.js';
import { loadConfiguration } from '../adapters/configuration.js';
import { createRecommender, defaultTuning, type RankingTuning } from '../src/retrieval/recommend.js';
import { extractFromMessage } from '../src/understanding/local-extractor.js';
import { catalogueRowSchema, needSchema, readJsonLines, readQrels } from './collection.js';
import { freshEvalDatabase } from './fresh-database.js';
import { meanMetrics, queryMetrics, type QueryMetrics } from './eval-metrics.js';
import { meetsNeedConstraints } from './need-constraints.js';
import { plainBm25 } from './plain-bm25.js';
import { withTypos } from './typos.js';

/**
 * npm run eval -- --catalogue FILE --needs FILE --qrels FILE --run OUT.trec
 * Imports the catalogue into a fresh database (embedded, or a new database on TEST_DATABASE_URL /
 * DATABASE_URL's server), builds retrieval, sends each need's text through the assistant's first-message
 * path (understand → constraints → recommend), writes a TREC run and prints the metrics beside plain BM25.
 * EVAL_TUNING (JSON of RankingTuning numbers) overrides the ranking settings for one run.
 * --typos RATE also runs every need misspelt (evals/typos.ts: each long word changed with probability RATE),
 * with and without spelling correction, beside plain BM25 on the same misspelt text.
 */

const { values } = parseArgs({
  options: {
    catalogue: { type: 'string' },
    needs: { type: 'string' },
    qrels: { type: 'string' },
    run: { type: 'string' },
    typos: { type: 'string' },
  },
});
const options = z
  .object({
    catalogue: z.string(),
    needs: z.string(),
    qrels: z.string(),
    run: z.string(),
    typos: z.coerce.number().min(0).max(1).optional(),
  })
  .parse(values);

const needs = await readJsonLines(options.needs, needSchema);
const rows = await readJsonLines(options.catalogue, catalogueRowSchema);
const rowById = new Map(rows.map((row) => [row.id, row]));
const qrels = await readQrels(options.qrels);

const started = performance.now();
const workDirectory = await mkdtemp(path.join(os.tmpdir(), 'veileder-eval-'));
const { database, drop: dropDatabase } = await freshEvalDatabase({ directory: workDirectory });
try {
  const report = await importCatalogueFile(database, { file: options.catalogue });
  console.log(
    `imported ${report.inserted} offerings (${report.merged} merged, ${report.rejected} rejected) in ${report.seconds} s`,
  );
  // With OPENAI_BASE_URL + VEILEDER_EMBEDDING_MODEL set, the vector channel is that model's (the line below names it).
  const remoteEmbedding = remoteEmbeddingFrom(loadConfiguration().openai);
  const retrieval = await openRetrieval({
    database,
    dataDir: workDirectory,
    concepts: await loadConceptMatcher(),
    tuning: tuningOverrides(process.env.EVAL_TUNING),
    remoteEmbedding,
    log: (message) => console.log(message),
  });
  console.log(
    `retrieval ready: ${retrieval.index.size} vectors, embedder ${retrieval.embedder.identity.name} ${retrieval.embedder.identity.version} (${retrieval.embedder.identity.dimensions} dims)`,
  );
  const externalId = (offeringId: string) => retrieval.catalogue.get(offeringId)?.sources[0]?.externalId ?? offeringId;

  const baseline = plainBm25(rows);
  const run: string[] = [];
  const ours: QueryMetrics[] = [];
  const theirs: QueryMetrics[] = [];
  let constrainedTop5 = 0;
  let constrainedTop5Met = 0;
  let baselineTop5Met = 0;
  let searchMilliseconds = 0;
  for (const need of needs) {
    const begin = performance.now();
    const profile = extractFromMessage({ message: need.text });
    const results = await retrieval.recommender.recommend({ profile, message: need.text, limit: 10 });
    searchMilliseconds += performance.now() - begin;
    const ranked = results.map((result) => externalId(result.offering.id));
    ranked.forEach((id, index) => {
      run.push(`${need.qid} Q0 ${id} ${index + 1} ${results[index]!.score.toFixed(6)} veileder`);
    });
    const judgements = qrels.get(need.qid) ?? new Map<string, number>();
    ours.push(queryMetrics({ ranked, judgements }));
    const baselineRanked = baseline.search(need.text, 10);
    theirs.push(queryMetrics({ ranked: baselineRanked, judgements }));
    const { constraints } = need;
    if (Object.keys(constraints).length) {
      const meets = (id: string) => {
        const row = rowById.get(id);
        return row !== undefined && meetsNeedConstraints({ row, constraints });
      };
      constrainedTop5 += 5;
      constrainedTop5Met += ranked.slice(0, 5).filter(meets).length;
      baselineTop5Met += baselineRanked.slice(0, 5).filter(meets).length;
    }
  }
  await writeFile(options.run, `${run.join('\n')}\n`);
  const system = meanMetrics(ours);
  const bm25 = meanMetrics(theirs);
  const format = (value: number) => value.toFixed(3);
  console.log(`\nneeds ${needs.length}; run written to ${options.run}`);
  console.log('metric                 veileder   bm25');
  console.log(`nDCG@10                ${format(system.ndcg)}      ${format(bm25.ndcg)}`);
  console.log(`recall@10 (grade 2)    ${format(system.recall)}      ${format(bm25.recall)}`);
  console.log(`P@5 (grade 2)          ${format(system.precisionAt5)}      ${format(bm25.precisionAt5)}`);
  console.log(`judged@10              ${format(system.judged)}      ${format(bm25.judged)}`);
  console.log(
    `top-5 meet constraints ${format(constrainedTop5Met / Math.max(1, constrainedTop5))}      ${format(baselineTop5Met / Math.max(1, constrainedTop5))}   (needs with stated constraints; unfilled slots count as not meeting)`,
  );
  console.log(`nDCG@10 ratio veileder/bm25 = ${format(system.ndcg / bm25.ndcg)} (target ≥ 1.5)`);
  console.log(`mean recommend ${(searchMilliseconds / needs.length).toFixed(1)} ms`);
  if (options.typos !== undefined) {
    const misspelt = needs.map((need, index) => ({
      need,
      ...withTypos({ text: need.text, rate: options.typos!, seed: index + 1 }),
    }));
    const uncorrected = createRecommender({
      catalogue: retrieval.catalogue,
      embedder: retrieval.embedder,
      vectors: retrieval.index,
      tuning: { ...tuningOverrides(process.env.EVAL_TUNING), spellingCorrection: 0 },
    });
    const score = async (recommender: Pick<typeof uncorrected, 'recommend'>) =>
      meanMetrics(
        await Promise.all(
          misspelt.map(async ({ need, text }) => {
            const results = await recommender.recommend({
              profile: extractFromMessage({ message: text }),
              message: text,
              limit: 10,
            });
            return queryMetrics({
              ranked: results.map((result) => externalId(result.offering.id)),
              judgements: qrels.get(need.qid) ?? new Map(),
            });
          }),
        ),
      );
    const corrected = await score(retrieval.recommender);
    const plain = await score(uncorrected);
    const baselineMisspelt = meanMetrics(
      misspelt.map(({ need, text }) =>
        queryMetrics({ ranked: baseline.search(text, 10), judgements: qrels.get(need.qid) ?? new Map() }),
      ),
    );
    console.log(
      `\nmisspelt needs (rate ${options.typos}, ${misspelt.reduce((sum, item) => sum + item.changed, 0)} words changed): nDCG@10 with correction ${format(corrected.ndcg)}, without ${format(plain.ndcg)}, bm25 ${format(baselineMisspelt.ndcg)} (clean: ${format(system.ndcg)})`,
    );
  }
  console.log(`whole eval ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await dropDatabase();
  await rm(workDirectory, { recursive: true, force: true });
}

/** EVAL_TUNING='{"fusionK":20}' tries other ranking settings without editing code; unknown names are an error. */
function tuningOverrides(json: string | undefined): Partial<RankingTuning> {
  if (!json) return {};
  const names = Object.keys(defaultTuning) as [keyof RankingTuning, ...(keyof RankingTuning)[]];
  const schema = z.partialRecord(z.enum(names), z.number().nonnegative());
  return schema.parse(JSON.parse(json)) as Partial<RankingTuning>;
}
