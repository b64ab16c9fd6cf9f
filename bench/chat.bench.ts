// Concurrent web conversations against a running Veileder: each virtual learner holds a whole Norwegian
// conversation over POST /api/chat (interview, suggestions, a rating, a follow-up), then starts a new one.
// Reports turns/s, latency percentiles per turn and errors.
//
//   npm run bench:chat                                  # spawns `veileder serve` (embedded database, demo catalogue)
//   npm run bench:chat -- --url http://127.0.0.1:3000   # against a server you started
//   npm run bench:chat -- --database-url postgresql://postgres@127.0.0.1:5432/veileder_bench   # spawned, on a PostgreSQL server
//   options: --learners 32  --seconds 20  --warmup 3
import http from 'node:http';
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnVeileder, type SpawnedVeileder } from '../tests/support/spawn-veileder.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'database-url': { type: 'string' },
    learners: { type: 'string', default: '32' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
  },
});
const learners = Number(values.learners);
const seconds = Number(values.seconds);
const warmupSeconds = Number(values.warmup);

const agent = new http.Agent({ keepAlive: true, maxSockets: learners });

type Step = { text: string } | { action: Record<string, unknown> };
// Varied learners, so no two conversations in a row ask for the same thing.
const scripts: Step[][] = [
  ['Hei! Jeg er sykepleier og vil lære mer om ledelse', 'Jeg har fem timer i uka', 'Helst på nett, og gjerne gratis'],
  ['Jeg jobber som lærer og vil lære programmering', 'Kveldstid, tre timer i uka', 'Nett er best'],
  ['Eg er elektrikar og vil lære meir om solceller', 'Eg har to kveldar i veka', 'Gjerne i Bergen'],
  ['Jeg er regnskapsfører og vil bli bedre i Excel og dataanalyse', 'Ti timer i uka', 'Gratis hvis mulig'],
  ['I work in logistics and want to learn project management', 'About four hours a week', 'Online, please'],
].map((texts) => [
  ...texts.map((text) => ({ text })),
  { action: { type: 'rate', score: 5 } },
  { text: 'mer som nr 2' },
]);

let spawned: SpawnedVeileder | undefined;
let dataDir: string | undefined;
let url = values.url;
try {
  if (!url) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-bench-chat-'));
    spawned = await spawnVeileder({
      environment: {
        VEILEDER_DATA_DIR: dataDir,
        VEILEDER_LOG_LEVEL: 'info',
        DATABASE_URL: values['database-url'] ?? '',
      },
    });
    url = spawned.url;
    process.stdout.write(
      `spawned veileder serve at ${url} (${values['database-url'] ? 'PostgreSQL server' : 'embedded database'}, demo catalogue) in ${spawned.seconds.toFixed(1)} s\n`,
    );
  }

  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let measuring = false;
  let stopping = false;

  /** One POST over a kept-alive connection (node:http: the client should cost the machine as little as possible). */
  function post(body: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        `${url}/api/chat`,
        {
          method: 'POST',
          agent,
          headers: {
            'Content-Type': 'application/json',
            'Accept-Language': 'nb',
            'Content-Length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  async function turn(body: Record<string, unknown>): Promise<string | undefined> {
    const started = performance.now();
    try {
      const response = await post(body);
      if (response.status !== 200) throw new Error(`HTTP ${response.status} ${response.text.slice(0, 120)}`);
      if (measuring) latencies.push(performance.now() - started);
      return (JSON.parse(response.text) as { sessionId: string }).sessionId;
    } catch (error) {
      const message = String((error as Error).message);
      if (measuring) errors.set(message, (errors.get(message) ?? 0) + 1);
      return undefined;
    }
  }

  async function learner(index: number) {
    for (let round = 0; !stopping; round++) {
      let sessionId: string | undefined;
      for (const step of scripts[(index + round) % scripts.length]!) {
        if (stopping) return;
        sessionId = (await turn({ ...step, ...(sessionId ? { sessionId } : {}) })) ?? sessionId;
      }
    }
  }

  const probe = await post({ text: 'hei' });
  if (probe.status !== 200) throw new Error(`POST ${url}/api/chat answered ${probe.status}: ${probe.text}`);

  const running = Array.from({ length: learners }, (_, index) => learner(index));
  await new Promise((resolve) => setTimeout(resolve, warmupSeconds * 1000));
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  stopping = true;
  await Promise.all(running);

  latencies.sort((a, b) => a - b);
  const percentile = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? NaN;
  const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
  const result = {
    learners,
    seconds: Number(elapsed.toFixed(1)),
    turns: latencies.length,
    turnsPerSecond: Number((latencies.length / elapsed).toFixed(1)),
    p50Ms: Number(percentile(0.5).toFixed(1)),
    p95Ms: Number(percentile(0.95).toFixed(1)),
    p99Ms: Number(percentile(0.99).toFixed(1)),
    maxMs: Number((latencies.at(-1) ?? NaN).toFixed(1)),
    errors: errorCount,
  };
  process.stdout.write(
    `${result.turns} turns in ${result.seconds} s by ${learners} concurrent learners: ${result.turnsPerSecond} turns/s, p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms, ${errorCount} errors\n`,
  );
  for (const [message, count] of errors) process.stdout.write(`  error ×${count}: ${message}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  // Stop what this run started, also when it fails.
  await spawned?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
