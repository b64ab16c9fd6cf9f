import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importCatalogueFile } from '../adapters/storage/import-catalogue-file.js';
import { readDialogueState } from '../src/dialogue/dialogue-state.js';
import { searchText } from '../src/dialogue/remember-turn.js';
import type { Reply } from '../src/dialogue/turn.js';
import { profileSchema } from '../src/profile/profile.js';
import { extractFromMessage } from '../src/understanding/local-extractor.js';
import { needSchema, readJsonLines, readQrels } from './collection.js';
import { constraintsCaptured, type Captured } from './constraints-captured.js';
import { meanMetrics, queryMetrics, type QueryMetrics } from './eval-metrics.js';
import { openEvalAssistant } from './eval-assistant.js';
import { freshEvalDatabase } from './fresh-database.js';
import { scriptedLearner } from './scripted-learner.js';

/**
 * npm run eval:interview [-- --catalogue F --needs F --qrels F --model]
 * Each dev need becomes a scripted learner (its text split over 2–3 messages, questions answered only from
 * the need, else "don't know") talking to the real assistant over a freshly imported catalogue, on the local
 * path (or the configured model with --model). Reports turns until the first suggestions, questions asked
 * (and any asked about something already said), the need's constraints captured in the profile, and
 * nDCG@10 of the suggestions shown.
 */

const shared = path.resolve('../shared/eval');
const { values } = parseArgs({
  options: {
    catalogue: { type: 'string', default: path.join(shared, 'catalogue.jsonl') },
    needs: { type: 'string', default: path.join(shared, 'dev/needs.jsonl') },
    qrels: { type: 'string', default: path.join(shared, 'dev/qrels.tsv') },
    model: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const needs = await readJsonLines(values.needs!, needSchema);
const qrels = await readQrels(values.qrels!);

const started = performance.now();
const directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-interview-eval-'));
const { database, drop } = await freshEvalDatabase({ directory });
try {
  const imported = await importCatalogueFile(database, { file: values.catalogue! });
  const { retrieval, assistant } = await openEvalAssistant({ database, directory, model: Boolean(values.model) });
  console.log(`imported ${imported.inserted} offerings; understanding: ${assistant.modelName ?? 'local'}`);
  const externalIds = new Map(
    (
      await database.pool.query<{ offering_id: string; external_id: string }>(
        'SELECT offering_id, external_id FROM offering_source',
      )
    ).rows.map((row) => [row.offering_id, row.external_id]),
  );

  type Row = {
    qid: string;
    lang: string;
    turns: number;
    questions: number;
    askedKnown: number;
    showNowNeeded: boolean;
    languageRight: boolean;
    captured: Captured;
    shown: QueryMetrics;
    top10: QueryMetrics;
    oneShot: QueryMetrics;
  };
  const rows: Row[] = [];
  for (const need of needs) {
    const learner = scriptedLearner({ text: need.text, language: need.lang });
    const userId = `eval-${need.qid}`;
    const say = (text: string) => assistant.handleTurn({ channel: 'terminal', userId, text });
    const pendingQuestion = async () => {
      const {
        rows: [row],
      } = await database.pool.query(
        `SELECT c.state FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.external_id = $1 AND i.channel = 'terminal'`,
        [userId],
      );
      return readDialogueState(row?.state).pending;
    };
    let reply: Reply = await say(learner.opening);
    let turns = 1;
    let questions = 0;
    let askedKnown = 0;
    let showNowNeeded = false;
    const transcript = [`> ${learner.opening}`];
    while (reply.suggestions.length === 0) {
      if (turns >= 6) {
        showNowNeeded = true;
        reply = await say(need.lang === 'en' ? 'just show me' : need.lang === 'nn' ? 'berre vis meg' : 'bare vis meg');
        turns += 1;
        break;
      }
      const question = await pendingQuestion();
      if (reply.questions?.length) questions += 1;
      if (question && learner.alreadySaid(question)) askedKnown += 1;
      const answer = learner.answer(reply.questions?.[0] ?? reply.text);
      transcript.push(
        `< [${question ?? 'no question'}] ${reply.questions?.[0] ?? reply.text.slice(0, 80)}`,
        `> ${answer.text}`,
      );
      reply = await say(answer.text);
      turns += 1;
    }
    const ranked = reply.suggestions.map(
      (suggestion) => externalIds.get(suggestion.offeringId) ?? suggestion.offeringId,
    );
    const judgements = qrels.get(need.qid) ?? new Map<string, number>();
    const {
      rows: [stored],
    } = await database.pool.query(
      `SELECT p.data FROM profile p JOIN channel_identity i ON i.learner_id = p.learner_id WHERE i.external_id = $1`,
      [userId],
    );
    // The same interview's profile and the learner's own words so far, asked for ten: what a longer list would have shown.
    const {
      rows: [conversation],
    } = await database.pool.query(
      `SELECT c.state FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.external_id = $1`,
      [userId],
    );
    const state = readDialogueState(conversation?.state);
    // Scripted learners do not consent, so their profile is the conversation's own copy.
    const profile = state.profile ?? profileSchema.parse(stored?.data ?? {});
    const learnerWords = searchText({ state, profile });
    const longer = await retrieval.recommender.recommend({ profile, message: learnerWords, limit: 10 });
    // The reference: the whole need in one message, through the same first-message path, cut to what a reply shows.
    const oneShot = await retrieval.recommender.recommend({
      profile: extractFromMessage({ message: need.text }),
      message: need.text,
      limit: 5,
    });
    rows.push({
      qid: need.qid,
      lang: need.lang,
      turns,
      questions,
      askedKnown,
      showNowNeeded,
      languageRight: reply.language === need.lang,
      captured: constraintsCaptured({ constraints: need.constraints, profile }),
      shown: queryMetrics({ ranked, judgements }),
      top10: queryMetrics({
        ranked: longer.map((result) => externalIds.get(result.offering.id) ?? result.offering.id),
        judgements,
      }),
      oneShot: queryMetrics({
        ranked: oneShot.map((result) => externalIds.get(result.offering.id) ?? result.offering.id),
        judgements,
      }),
    });
    if (values.verbose)
      console.log(
        `\n${need.qid} (${need.lang}) turns ${turns}, nDCG ${rows.at(-1)!.shown.ndcg.toFixed(3)} (one message: ${rows.at(-1)!.oneShot.ndcg.toFixed(3)}), missed ${rows.at(-1)!.captured.missed.join(', ') || '-'}\n${transcript.join('\n')}`,
      );
  }

  const mean = (pick: (row: Row) => number) => rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
  const distribution = new Map<number, number>();
  for (const row of rows) distribution.set(row.turns, (distribution.get(row.turns) ?? 0) + 1);
  const stated = rows.reduce((sum, row) => sum + row.captured.stated, 0);
  const hard = rows.reduce((sum, row) => sum + row.captured.hard, 0);
  const soft = rows.reduce((sum, row) => sum + row.captured.soft, 0);
  const shown = meanMetrics(rows.map((row) => row.shown));
  const top10 = meanMetrics(rows.map((row) => row.top10));
  const oneShot = meanMetrics(rows.map((row) => row.oneShot));
  const format = (value: number) => value.toFixed(3);
  console.log(
    `\nscripted learners: ${rows.length} (${['nb', 'nn', 'en'].map((language) => `${rows.filter((row) => row.lang === language).length} ${language}`).join(', ')})`,
  );
  console.log(
    `turns until first suggestions: mean ${mean((row) => row.turns).toFixed(2)}, max ${Math.max(...rows.map((row) => row.turns))}; distribution ${[
      ...distribution,
    ]
      .sort(([left], [right]) => left - right)
      .map(([turns, count]) => `${turns}:${count}`)
      .join(' ')}`,
  );
  console.log(
    `questions before suggestions: mean ${mean((row) => row.questions).toFixed(2)}, max ${Math.max(...rows.map((row) => row.questions))}; needed "just show me": ${rows.filter((row) => row.showNowNeeded).length}`,
  );
  console.log(
    `questions about a kind of fact an earlier message carried (by the answerer's rough patterns, an upper bound): ${rows.reduce((sum, row) => sum + row.askedKnown, 0)}`,
  );
  console.log(`reply language = need language: ${rows.filter((row) => row.languageRight).length}/${rows.length}`);
  console.log(
    `constraints captured: ${hard + soft}/${stated} (${format((hard + soft) / Math.max(1, stated))}); as hard ${hard}, as soft wishes ${soft}`,
  );
  const missed = rows.flatMap((row) => row.captured.missed.map((name) => `${row.qid}:${name}`));
  if (missed.length) console.log(`  missed: ${missed.join(', ')}`);
  console.log(
    `nDCG@10 of the suggestions shown (up to 5): ${format(shown.ndcg)}; P@5 ${format(shown.precisionAt5)}; judged ${format(shown.judged)}`,
  );
  console.log(
    `  reference, whole need in one message, top 5: ${format(oneShot.ndcg)}; P@5 ${format(oneShot.precisionAt5)}`,
  );
  console.log(`nDCG@10 of the same interview's top 10:      ${format(top10.ndcg)}; recall@10 ${format(top10.recall)}`);
  console.log(`whole eval ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await drop();
  await rm(directory, { recursive: true, force: true });
}
