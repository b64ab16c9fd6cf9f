import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importCatalogueFile } from '../adapters/storage/import-catalogue-file.js';
import { readDialogueState } from '../src/dialogue/dialogue-state.js';
import { searchText } from '../src/dialogue/remember-turn.js';
import { profileSchema, type Language } from '../src/profile/profile.js';
import { catalogueRowSchema, conversationSchema, needSchema, readJsonLines, readQrels } from './collection.js';
import { constraintsCaptured, type Captured } from './constraints-captured.js';
import { meanMetrics, queryMetrics, type QueryMetrics } from './eval-metrics.js';
import { openEvalAssistant } from './eval-assistant.js';
import { freshEvalDatabase } from './fresh-database.js';
import { plainBm25 } from './plain-bm25.js';

/**
 * npm run eval:conversation [-- --needs] [--run OUT.trec] [--log OUT.jsonl] [--transcript CID] [--model]
 *                              [--catalogue FILE] [--split DIR]
 * ../shared/eval/converse.py in process: imports the catalogue into a fresh database, then holds each scripted
 * conversation of DIR/conversations.jsonl (with --needs: each need of DIR/needs.jsonl as one message) with the
 * assistant on the web channel, local path (the configured model with --model). After the last turn it asks
 * for suggestions if that reply showed none, then for more; the ranked run is the last list shown, then the new
 * offerings of the "more" list, up to 10. Prints nDCG@10, recall@10, P@5 and judged@10 beside plain BM25 on
 * the need text; how much "more" repeated; suggestions naming a topic the learner turned down (titles after
 * the first turn naming it); failed replies; and the need's constraints the stored profile holds at the end.
 * --run writes the TREC run (for ../shared/eval/score.py), --transcript prints one conversation in full,
 * --log writes every transcript as JSON Lines.
 */

const shared = path.resolve('../shared/eval');
const { values: options } = parseArgs({
  options: {
    catalogue: { type: 'string', default: path.join(shared, 'catalogue.jsonl') },
    split: { type: 'string', default: path.join(shared, 'dev') },
    needs: { type: 'boolean', default: false },
    model: { type: 'boolean', default: false },
    run: { type: 'string' },
    log: { type: 'string' },
    transcript: { type: 'string' },
  },
});

const SHOW: Record<Language, string> = { nb: 'Vis meg forslag', nn: 'Vis meg forslag no', en: 'Show me suggestions' };
const MORE: Record<Language, string> = { nb: 'Flere forslag', nn: 'Fleire forslag', en: 'More suggestions' };

const needs = await readJsonLines(path.join(options.split, 'needs.jsonl'), needSchema);
const needByQid = new Map(needs.map((need) => [need.qid, need]));
const scripts = options.needs
  ? needs.map((need) => ({
      cid: need.qid,
      qid: need.qid,
      lang: need.lang,
      turns: [need.text],
      rejected_topics: [] as string[],
    }))
  : await readJsonLines(path.join(options.split, 'conversations.jsonl'), conversationSchema);
const qrels = await readQrels(path.join(options.split, 'qrels.tsv'));
const baseline = plainBm25(await readJsonLines(options.catalogue, catalogueRowSchema));

const started = performance.now();
const directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-conversation-eval-'));
const { database, drop } = await freshEvalDatabase({ directory });
try {
  const imported = await importCatalogueFile(database, { file: options.catalogue });
  const { retrieval, assistant } = await openEvalAssistant({ database, directory, model: Boolean(options.model) });
  console.log(`imported ${imported.inserted} offerings; understanding: ${assistant.modelName ?? 'local'}`);
  const evalId = (offeringId: string) =>
    retrieval.service.catalogue.get(offeringId)?.sources[0]?.externalId ?? offeringId;

  type Shown = { offeringId: string; evalId: string; title: string; reason: string };
  type LoggedTurn = { user: string; reply: string | null; suggestions: Shown[]; seconds: number; error?: string };
  type Result = {
    cid: string;
    qid: string;
    lang: Language;
    ranked: string[];
    metrics: QueryMetrics;
    bm25: QueryMetrics;
    repeated: number;
    rejectedShown: number;
    failed: number;
    captured: Captured;
    searchText: string;
    turns: LoggedTurn[];
  };
  const results: Result[] = [];

  for (const script of scripts) {
    const userId = randomUUID(); // as POST /api/chat: the session id is the web learner's identity
    const turns: LoggedTurn[] = [];
    const say = async (text: string): Promise<LoggedTurn> => {
      const begin = performance.now();
      const seconds = () => Number(((performance.now() - begin) / 1000).toFixed(3));
      try {
        const reply = await assistant.handleTurn({ channel: 'web', userId, sessionId: userId, text });
        const suggestions = reply.suggestions.map((suggestion) => ({
          offeringId: suggestion.offeringId,
          evalId: evalId(suggestion.offeringId),
          title: suggestion.title,
          reason: suggestion.reason,
        }));
        turns.push({ user: text, reply: reply.text, suggestions, seconds: seconds() });
      } catch (error) {
        turns.push({
          user: text,
          reply: null,
          suggestions: [],
          seconds: seconds(),
          error: String(error).slice(0, 200),
        });
      }
      return turns.at(-1)!;
    };

    for (const text of script.turns) await say(text);
    if (turns.at(-1)!.suggestions.length === 0) await say(SHOW[script.lang]);
    const last = turns.findLast((turn) => turn.suggestions.length > 0)?.suggestions ?? [];
    const more = (await say(MORE[script.lang])).suggestions;
    const lastIds = new Set(last.map((shown) => shown.offeringId));
    const ranked = [...last, ...more.filter((shown) => !lastIds.has(shown.offeringId))]
      .slice(0, 10)
      .map((shown) => shown.evalId);

    const rejected = script.rejected_topics.map((topic) => topic.toLowerCase());
    const firstRejection = Math.max(
      0,
      turns.findIndex((turn) => rejected.some((topic) => turn.user.toLowerCase().includes(topic))),
    );
    const rejectedShown =
      rejected.length === 0
        ? 0
        : turns
            .slice(firstRejection + 1)
            .flatMap((turn) => turn.suggestions)
            .filter((shown) => rejected.some((topic) => shown.title.toLowerCase().includes(topic))).length;

    const {
      rows: [stored],
    } = await database.pool.query<{ state: unknown; profile: unknown }>(
      `SELECT c.state, p.data AS profile FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id LEFT JOIN profile p ON p.learner_id = c.learner_id
       WHERE i.channel = 'web' AND i.external_id = $1 ORDER BY c.last_turn_at DESC LIMIT 1`,
      [userId],
    );
    // Without consent the profile is the conversation's own copy; with it, the learner's stored one.
    const state = readDialogueState(stored?.state);
    const profile = state.profile ?? profileSchema.parse(stored?.profile ?? {});
    const need = needByQid.get(script.qid);
    if (!need) throw new Error(`${script.cid}: no need ${script.qid} in needs.jsonl`);
    const judgements = qrels.get(script.qid) ?? new Map<string, number>();
    results.push({
      cid: script.cid,
      qid: script.qid,
      lang: script.lang,
      ranked,
      metrics: queryMetrics({ ranked, judgements }),
      bm25: queryMetrics({ ranked: baseline.search(need.text, 10), judgements }),
      repeated: more.filter((shown) => lastIds.has(shown.offeringId)).length,
      rejectedShown,
      failed: turns.filter((turn) => turn.error !== undefined).length,
      captured: constraintsCaptured({ constraints: need.constraints, profile }),
      searchText: searchText({ state, profile }),
      turns,
    });
  }

  if (options.run)
    await writeFile(
      options.run,
      `${results
        .flatMap((result) =>
          result.ranked.map(
            (id, index) => `${result.qid} Q0 ${id} ${index + 1} ${(1 / (index + 1)).toFixed(4)} conversation`,
          ),
        )
        .join('\n')}\n`,
    );
  if (options.log)
    await writeFile(
      options.log,
      `${results
        .map(({ cid, qid, lang, metrics, captured, searchText, turns }) =>
          JSON.stringify({ cid, qid, lang, ndcg: metrics.ndcg, missed: captured.missed, searchText, turns }),
        )
        .join('\n')}\n`,
    );
  if (options.transcript) {
    const result = results.find((candidate) => candidate.cid === options.transcript);
    if (!result) throw new Error(`no conversation ${options.transcript}`);
    const judgements = qrels.get(result.qid) ?? new Map<string, number>();
    console.log(
      `\n${result.cid} (${result.qid}, ${result.lang}): nDCG@10 ${result.metrics.ndcg.toFixed(3)}; constraints missed: ${result.captured.missed.join(', ') || '-'}`,
    );
    for (const turn of result.turns) {
      console.log(`\n> ${turn.user}\n< ${turn.error ? `FAILED ${turn.error}` : turn.reply}`);
      turn.suggestions.forEach((shown, index) => {
        console.log(
          `  ${index + 1}. ${shown.title} [${shown.evalId}, grade ${judgements.get(shown.evalId) ?? 'unjudged'}]\n     ${shown.reason}`,
        );
      });
    }
    console.log(`\nsearch text at the end: ${result.searchText}`);
  }

  const ours = meanMetrics(results.map((result) => result.metrics));
  const bm25 = meanMetrics(results.map((result) => result.bm25));
  const sum = (pick: (result: Result) => number) => results.reduce((total, result) => total + pick(result), 0);
  const format = (value: number) => value.toFixed(3);
  const stated = sum((result) => result.captured.stated);
  const hard = sum((result) => result.captured.hard);
  const soft = sum((result) => result.captured.soft);
  const turnCount = sum((result) => result.turns.length);
  console.log(
    `\n${options.needs ? 'needs as one message' : 'conversations'}: ${results.length} (${(['nb', 'nn', 'en'] as const).map((language) => `${results.filter((result) => result.lang === language).length} ${language}`).join(', ')}), ${turnCount} turns${options.run ? `; run written to ${options.run}` : ''}`,
  );
  console.log('metric                 chat       bm25');
  console.log(`nDCG@10                ${format(ours.ndcg)}      ${format(bm25.ndcg)}`);
  console.log(`recall@10 (grade 2)    ${format(ours.recall)}      ${format(bm25.recall)}`);
  console.log(`P@5 (grade 2)          ${format(ours.precisionAt5)}      ${format(bm25.precisionAt5)}`);
  console.log(`judged@10              ${format(ours.judged)}      ${format(bm25.judged)}`);
  console.log(`nDCG@10 ratio chat/bm25 = ${format(ours.ndcg / bm25.ndcg)}`);
  console.log(
    `"more" repeated ${(sum((result) => result.repeated) / Math.max(1, results.length)).toFixed(2)} of the list before it on average; suggestions naming a topic the learner turned down ${sum((result) => result.rejectedShown)}; failed replies ${sum((result) => result.failed)}`,
  );
  console.log(
    `constraints the profile holds at the end: ${hard + soft}/${stated} (${format((hard + soft) / Math.max(1, stated))}); as hard ${hard}, as soft wishes ${soft}`,
  );
  const missed = results
    .filter((result) => result.captured.missed.length > 0)
    .map((result) => `${result.qid}: ${result.captured.missed.join(', ')}`);
  if (missed.length) console.log(`  missed: ${missed.join('; ')}`);
  console.log(
    `mean turn ${((sum((result) => result.turns.reduce((total, turn) => total + turn.seconds, 0)) / Math.max(1, turnCount)) * 1000).toFixed(0)} ms; whole eval ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await drop();
  await rm(directory, { recursive: true, force: true });
}
