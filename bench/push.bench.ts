import { randomUUID } from 'node:crypto';
import { deliverMessage, type DeliveryServices } from '../adapters/push/deliver-message.js';
import { createTeamsSender } from '../adapters/push/channel-senders.js';
import { dueMessageIds, planDigests } from '../adapters/push/plan-digests.js';
import { silentLogger } from '../adapters/logging.js';
import { createTestDatabase } from '../tests/support/database.js';
import { startFakeBotConnector } from '../tests/support/fake-bot-connector.js';

/**
 * Digest throughput: N learners (half on Teams through a fake Bot Connector on localhost, half on the web),
 * each with 5 waiting matches, on a fresh PostgreSQL database. Measures planning (one digest row per learner)
 * and delivery (claim → attach matches → render → send → sent) with 1 and with 4 concurrent deliverers, the
 * way two server processes with a few pg-boss workers each would run. Not part of the tests.
 *
 *   npx tsx bench/push.bench.ts [learners=400]
 */
const learners = Number(process.argv[2] ?? 400);
const database = await createTestDatabase();
const connector = await startFakeBotConnector();
try {
  const { rows: offerings } = await database.pool.query<{ id: string }>(
    `WITH p AS (INSERT INTO provider (name, normalized_name) VALUES ('Bench', 'bench') RETURNING id)
     INSERT INTO offering (title, provider_id, dedupe_key, content_hash, url) SELECT 'Kurs ' || n, p.id, 'bench-' || n, 'h', 'https://example.org/' || n FROM p, generate_series(1, 5) n RETURNING id`,
  );
  for (let index = 0; index < learners; index += 1) {
    const { rows } = await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id');
    const learnerId = rows[0]!.id;
    await database.pool.query(
      `INSERT INTO push_preference (learner_id, quiet_start_hour, quiet_end_hour) VALUES ($1, 0, 0)`,
      [learnerId],
    );
    if (index % 2 === 0) {
      const reference = {
        serviceUrl: connector.serviceUrl,
        conversation: { id: `a:${learnerId}` },
        user: { id: learnerId },
        bot: { id: 'bot' },
        channelId: 'msteams',
      };
      await database.pool.query(
        `INSERT INTO channel_identity (learner_id, channel, external_id, conversation_reference) VALUES ($1, 'teams', $2, $3)`,
        [learnerId, randomUUID(), JSON.stringify(reference)],
      );
    }
    for (const offering of offerings)
      await database.pool.query(
        `INSERT INTO push_match (learner_id, offering_id, score, reasons) VALUES ($1, $2, 0.05, $3)`,
        [learnerId, offering.id, JSON.stringify({ text: { nb: 'passer', nn: 'passar', en: 'fits' } })],
      );
  }
  let started = performance.now();
  const planned = await planDigests({ pool: database.pool, gatherMinutes: 0 });
  const planSeconds = (performance.now() - started) / 1000;
  const services = (workerId: string): DeliveryServices => ({
    pool: database.pool,
    workerId,
    senders: {
      teams: createTeamsSender({
        enabled: true,
        appId: undefined,
        appPassword: undefined,
        tenantId: undefined,
        appType: 'MultiTenant',
        openIdMetadataUrl: undefined,
      }),
    },
    leaseSeconds: 60,
    maxAttempts: 3,
    log: silentLogger,
    unsubscribeUrl: async () => 'http://localhost/unsubscribe/x',
  });
  const due = await dueMessageIds({ pool: database.pool, limit: learners });
  const half = Math.floor(due.length / 2);
  started = performance.now();
  for (const id of due.slice(0, half)) await deliverMessage(services('one'), id);
  const oneSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const rest = due.slice(half);
  await Promise.all(
    [0, 1, 2, 3].map(async (worker) => {
      for (let index = worker; index < rest.length; index += 4)
        await deliverMessage(services(`w${worker}`), rest[index]!);
    }),
  );
  const fourSeconds = (performance.now() - started) / 1000;
  const { rows } = await database.pool.query<{ state: string; channel: string; count: number }>(
    `SELECT state, channel, count(*)::int AS count FROM push_message GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  console.log(
    `learners ${learners}: planned ${planned.planned} digests in ${planSeconds.toFixed(2)} s (${(planned.planned / planSeconds).toFixed(0)}/s)`,
  );
  console.log(
    `delivered ${half} with 1 deliverer in ${oneSeconds.toFixed(2)} s (${(half / oneSeconds).toFixed(0)} digests/s); ${rest.length} with 4 in ${fourSeconds.toFixed(2)} s (${(rest.length / fourSeconds).toFixed(0)} digests/s)`,
  );
  console.log(
    `outbox: ${rows.map((row) => `${row.state}/${row.channel} ${row.count}`).join(', ')}; Teams activities received ${connector.sent.length}`,
  );
} finally {
  await connector.close();
  await database.drop();
}
