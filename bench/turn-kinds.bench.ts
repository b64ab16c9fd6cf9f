// One learner's turns, one kind at a time, against a running Veileder: each conversation is a first message,
// a turn with suggestions, "flere forslag", a rating and a question answered without suggestions. Reports
// the median, 95th percentile, fastest and slowest of each kind (docs/performance.md, "Each kind of turn").
//
//   npm run bench:turns -- --url http://127.0.0.1:3000 --conversations 20
//   options: --mark-database postgresql://…  sends SELECT 'MARK after <kind>' there after each turn, so the
//            statements of each kind can be told apart in PostgreSQL's log (log_statement = 'all')
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { turnKinds } from './turn-kinds.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    conversations: { type: 'string', default: '20' },
    'mark-database': { type: 'string' },
  },
});
const options = z
  .object({ url: z.string().url(), conversations: z.coerce.number().int().positive() })
  .parse({ url: values.url, conversations: values.conversations });

const replySchema = z.object({ sessionId: z.string(), reply: z.object({ text: z.string() }) });

const kinds = turnKinds;

const marks = values['mark-database'] ? new pg.Client({ connectionString: values['mark-database'] }) : undefined;
await marks?.connect();

const times = new Map<string, number[]>(kinds.map(([kind]) => [kind, []]));
try {
  for (let conversation = 0; conversation < options.conversations; conversation++) {
    let sessionId: string | undefined;
    for (const [kind, body] of kinds) {
      const started = performance.now();
      const response = await fetch(`${options.url}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'nb' },
        body: JSON.stringify({ ...body, ...(sessionId ? { sessionId } : {}) }),
      });
      const text = await response.text();
      times.get(kind)!.push(performance.now() - started);
      if (response.status !== 200) throw new Error(`${kind}: HTTP ${response.status} ${text.slice(0, 200)}`);
      sessionId = replySchema.parse(JSON.parse(text)).sessionId;
      await marks?.query(`SELECT 'MARK after ${kind}'`);
    }
  }
} finally {
  await marks?.end();
}

const median = (sorted: number[]) =>
  sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]!
    : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
// Nearest rank: the smallest time at least this share of the turns took no longer than.
const percentile = (sorted: number[], share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
const result = [...times].map(([kind, measured]) => {
  const sorted = [...measured].sort((a, b) => a - b);
  return {
    kind,
    turns: sorted.length,
    medianMs: Number(median(sorted).toFixed(1)),
    p95Ms: Number(percentile(sorted, 0.95).toFixed(1)),
    minMs: Number(sorted[0]!.toFixed(1)),
    maxMs: Number(sorted.at(-1)!.toFixed(1)),
  };
});
for (const row of result)
  process.stdout.write(
    `${row.kind.padEnd(18)} median ${row.medianMs} ms, p95 ${row.p95Ms} ms (${row.minMs}–${row.maxMs}), ${row.turns} turns\n`,
  );
process.stdout.write(`${JSON.stringify(result)}\n`);
