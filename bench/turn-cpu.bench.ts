// The CPU one turn of each kind costs this process, with the assistant composed in process as `veileder serve`
// composes it (over DATABASE_URL, the index in VEILEDER_DATA_DIR), the same five turns as bench:turns. CPU
// time (process.cpuUsage: this process's threads, not PostgreSQL's) is what bounds throughput, and it moves far
// less than wall time when other work shares the machine (docs/performance.md, "Fewer round trips").
//
//   DATABASE_URL=postgresql://… VEILEDER_DATA_DIR=… npm run bench:turn-cpu -- --conversations 40
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { composeRuntimeAssistant } from '../adapters/assistant/runtime-assistant.js';
import { loadConfiguration } from '../adapters/configuration.js';
import { createLogger } from '../adapters/logging.js';
import { createMetrics } from '../adapters/metrics.js';
import { openDatabase } from '../adapters/storage/database.js';
import type { Turn } from '../src/dialogue/turn.js';
import { turnKinds } from './turn-kinds.js';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '40' } } });
const options = z.object({ conversations: z.coerce.number().int().positive() }).parse(values);

const configuration = loadConfiguration();
const database = await openDatabase({
  databaseUrl: configuration.storage.databaseUrl,
  dataDir: configuration.storage.dataDir,
});
const assistant = await composeRuntimeAssistant({
  database,
  configuration,
  log: createLogger({ level: 'error' }),
  metrics: createMetrics({ pool: database.pool }),
});

const measured = new Map(turnKinds.map(([kind]) => [kind, { wall: [] as number[], cpu: [] as number[] }]));
try {
  for (let conversation = 0; conversation < options.conversations; conversation++) {
    let sessionId: string | undefined;
    for (const [kind, body] of turnKinds) {
      const turn: Turn = { channel: 'web', userId: `turn-cpu-${process.pid}-${conversation}`, sessionId, ...body };
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      sessionId = (await assistant.handleTurn(turn)).sessionId;
      const wall = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      measured.get(kind)!.wall.push(wall);
      measured.get(kind)!.cpu.push((cpu.user + cpu.system) / 1000);
    }
  }
} finally {
  await assistant.close();
  await database.close();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const result = [...measured].map(([kind, { wall, cpu }]) => ({
  kind,
  turns: wall.length,
  cpuMedianMs: Number(median(cpu).toFixed(2)),
  cpuMeanMs: Number(mean(cpu).toFixed(2)),
  wallMedianMs: Number(median(wall).toFixed(1)),
}));
for (const row of result)
  process.stdout.write(
    `${row.kind.padEnd(18)} CPU median ${row.cpuMedianMs} ms, mean ${row.cpuMeanMs} ms; wall median ${row.wallMedianMs} ms (${row.turns} turns)\n`,
  );
process.stdout.write(`${JSON.stringify(result)}\n`);
