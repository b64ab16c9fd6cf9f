import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../tests/support/database.js';

/**
 * Raw `pg` against the Prisma client (7, query compiler + @prisma/adapter-pg on the same pool, as
 * adapters/storage/database.ts builds it) for the store calls a chat turn makes: two reads and two writes, on
 * a fresh PostgreSQL database. Rounds alternate which side goes first, so a noisy machine weighs on both
 * alike. Prints per call: median and p95 wall time, and the process CPU per call (Prisma's cost is mostly
 * on our side of the wire). Decision and figures: docs/decisions/0006-raw-pg-row-types-from-the-schema.md.
 *
 *   npx tsx bench/storage-client.bench.ts [calls per side and operation=2000]
 */
const calls = Number(process.argv[2] ?? 2000);
const rounds = 10;
const database = await createTestDatabase();
const { pool, prisma } = database;

type Side = () => Promise<unknown>;
type Operation = { name: string; pg: Side; prisma: Side };

try {
  const { rows: providers } = await pool.query<{ id: string }>(
    `INSERT INTO provider (name, normalized_name) VALUES ('Bench', 'bench') RETURNING id`,
  );
  const { rows: offerings } = await pool.query<{ id: string }>(
    `INSERT INTO offering (title, provider_id, dedupe_key, content_hash, url, languages, cities)
     SELECT 'Kurs ' || n, $1, 'bench-' || n, 'h', 'https://example.org/' || n, '{nb}', '{Oslo}' FROM generate_series(1, 200) n
     RETURNING id`,
    [providers[0]!.id],
  );
  const { rows: learners } = await pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
  const learnerId = learners[0]!.id;
  const profile = { role: 'sykepleier', hoursPerWeek: 5, places: ['Oslo'], goals: ['lede team'] };
  await pool.query('INSERT INTO profile (learner_id, data) VALUES ($1, $2)', [learnerId, JSON.stringify(profile)]);
  const { rows: conversations } = await pool.query<{ id: string }>(
    `INSERT INTO conversation (learner_id, channel) VALUES ($1, 'web') RETURNING id`,
    [learnerId],
  );
  const conversationId = conversations[0]!.id;
  const cardIds = offerings.slice(0, 10).map((row) => row.id);

  const operations: Operation[] = [
    {
      name: "read: a learner's profile",
      pg: () => pool.query('SELECT data FROM profile WHERE learner_id = $1', [learnerId]),
      prisma: () => prisma.profile.findUnique({ where: { learnerId }, select: { data: true } }),
    },
    {
      name: 'read: 10 offerings with their provider (cards)',
      pg: () =>
        pool.query(
          `SELECT o.id, o.title, o.url, o.languages, o.cities, p.name AS provider
             FROM offering o JOIN provider p ON p.id = o.provider_id WHERE o.id = ANY($1::text[])`,
          [cardIds],
        ),
      prisma: () =>
        prisma.offering.findMany({
          where: { id: { in: cardIds } },
          select: {
            id: true,
            title: true,
            url: true,
            languages: true,
            cities: true,
            provider: { select: { name: true } },
          },
        }),
    },
    {
      name: "write: a learner's turn",
      pg: () =>
        pool.query(
          `INSERT INTO turn (id, conversation_id, role, text, action, created_at) VALUES ($1, $2, 'user', $3, $4, clock_timestamp())`,
          [randomUUID(), conversationId, 'Jeg vil lære ledelse', JSON.stringify({ kind: 'text' })],
        ),
      prisma: () =>
        prisma.turn.create({
          data: { conversationId, role: 'user', text: 'Jeg vil lære ledelse', action: { kind: 'text' } },
          select: { id: true },
        }),
    },
    {
      name: 'write: upsert the profile',
      pg: () =>
        pool.query(
          `INSERT INTO profile (learner_id, data, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (learner_id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
          [learnerId, JSON.stringify(profile)],
        ),
      prisma: () =>
        prisma.profile.upsert({
          where: { learnerId },
          create: { learnerId, data: profile },
          update: { data: profile },
          select: { learnerId: true },
        }),
    },
  ];

  // Warm both paths (connections, prepared plans, the query compiler's caches) before measuring.
  for (const operation of operations) {
    for (let index = 0; index < 200; index += 1) {
      await operation.pg();
      await operation.prisma();
    }
  }

  console.log(`${calls} calls per side and operation, ${rounds} alternating rounds, one connection at a time\n`);
  console.log(
    '| operation | pg p50 / p95 | Prisma p50 / p95 | pg CPU per call | Prisma CPU per call | Prisma ÷ pg (p50, CPU) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const operation of operations) {
    const times = { pg: [] as number[], prisma: [] as number[] };
    const cpu = { pg: 0, prisma: 0 };
    const perRound = Math.ceil(calls / rounds);
    for (let round = 0; round < rounds; round += 1) {
      const order: ('pg' | 'prisma')[] = round % 2 === 0 ? ['pg', 'prisma'] : ['prisma', 'pg'];
      for (const side of order) {
        const started = process.cpuUsage();
        for (let index = 0; index < perRound; index += 1) {
          const start = process.hrtime.bigint();
          await operation[side]();
          times[side].push(Number(process.hrtime.bigint() - start) / 1e3);
        }
        const used = process.cpuUsage(started);
        cpu[side] += used.user + used.system;
      }
    }
    const pgP50 = percentile(times.pg, 0.5);
    const prismaP50 = percentile(times.prisma, 0.5);
    const pgCpu = cpu.pg / times.pg.length;
    const prismaCpu = cpu.prisma / times.prisma.length;
    console.log(
      `| ${operation.name} | ${us(pgP50)} / ${us(percentile(times.pg, 0.95))} | ${us(prismaP50)} / ${us(percentile(times.prisma, 0.95))} | ${us(pgCpu)} | ${us(prismaCpu)} | ${(prismaP50 / pgP50).toFixed(2)}×, ${(prismaCpu / pgCpu).toFixed(2)}× |`,
    );
  }
} finally {
  await database.drop();
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function us(microseconds: number): string {
  return `${Math.round(microseconds)} µs`;
}
