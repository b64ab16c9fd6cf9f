import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../adapters/push/unsubscribe-token.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import type { ChannelServer } from '../support/channel-server.js';
import { sayOnSlack, sayOnTeams, sayOnWeb } from '../support/channel-clients.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeBotConnector, waitUntil, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { spawnVeileder, type SpawnedVeileder } from '../support/spawn-veileder.js';

/**
 * Issue 7's must-show: two real `veileder serve` processes on one PostgreSQL, pushing digests of new
 * offerings through pg-boss to a fake Bot Connector (Teams) and a fake Slack Web API, and to the web.
 * Learners follow topics by talking to the servers; offerings are imported by this process (the servers
 * hear the NOTIFY). A digest goes out once per learner and period; a process killed while sending loses
 * nothing and sends nothing twice; the unsubscribe link is honoured at once.
 */

const secret = 'push-test-secret-0123456789abcdefghij';
const signingSecret = 'slack-signing-secret-for-push-tests';

let database: TestDatabase;
let connector: FakeBotConnector;
let slack: FakeSlackApi;
let workDir: string;
const servers: SpawnedVeileder[] = [];
let portA: number;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

async function spawnServer(name: string, port = 0): Promise<SpawnedVeileder> {
  const server = await spawnVeileder({
    timeoutMs: 240_000,
    environment: {
      DATABASE_URL: database.url,
      PORT: String(port),
      VEILEDER_DATA_DIR: path.join(workDir, name),
      VEILEDER_DEMO_CATALOGUE: 'false',
      VEILEDER_LOG_LEVEL: 'debug',
      VEILEDER_TEAMS: 'true',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-push-test',
      SLACK_API_URL: slack.apiUrl,
      VEILEDER_PUBLIC_URL: `http://127.0.0.1:${portA}`,
      VEILEDER_PUSH_SECRET: secret,
      VEILEDER_PUSH_CHECK_SECONDS: '1',
      VEILEDER_PUSH_GATHER_MINUTES: '0',
      VEILEDER_PUSH_LEASE_SECONDS: '4',
    },
  });
  servers.push(server);
  return server;
}

const alive = () => servers.filter((server) => server.process.exitCode === null && server.process.signalCode === null);
const server = () => alive()[0]! as unknown as ChannelServer;

async function importOfferings(name: string, records: Record<string, unknown>[]): Promise<void> {
  const file = path.join(workDir, `${name}.jsonl`);
  await writeFile(
    file,
    `${records
      .map((record) => JSON.stringify({ level: 'course', language: 'nb', type: 'course', source: name, ...record }))
      .join('\n')}\n`,
  );
  await importCatalogueFile(database, { file, source: name });
}

const course = (id: string, title: string, description: string) => ({
  id,
  title,
  description,
  provider: 'Fagskolen Test',
  city: 'Oslo',
  url: `https://example.org/${id}`,
});

async function learnerOf(channel: string, externalId: string): Promise<string> {
  const { rows } = await database.pool.query<{ learner_id: string }>(
    'SELECT learner_id FROM channel_identity WHERE channel = $1 AND external_id = $2',
    [channel, externalId],
  );
  return rows[0]!.learner_id;
}

async function digests(learnerId: string): Promise<
  {
    id: string;
    state: string;
    channel: string | null;
    activity_id: string | null;
    period: string;
    claimed_by: string | null;
    payload: any;
  }[]
> {
  return (
    await database.pool.query(
      `SELECT id, state, channel, activity_id, period, claimed_by, payload FROM push_message WHERE learner_id = $1 AND kind = 'digest' ORDER BY created_at`,
      [learnerId],
    )
  ).rows;
}

/** Quiet hours off, so the test does not depend on the hour it runs at. */
async function noQuietHours(learnerId: string): Promise<void> {
  await database.pool.query(
    'UPDATE push_preference SET quiet_start_hour = 0, quiet_end_hour = 0 WHERE learner_id = $1',
    [learnerId],
  );
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const teamsDigests = (conversationId: string) =>
  connector.sent.filter(
    (entry) => entry.conversationId === conversationId && entry.activity.channelData?.veilederMessageId,
  );
const slackDigests = (user: string) =>
  slack.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' &&
      call.arguments.channel === `D${user}` &&
      call.arguments.metadata?.event_type === 'veileder_push',
  );

beforeAll(async () => {
  database = await createTestDatabase();
  // The servers do not need the taxonomy seed here (understanding reads the shipped files); one row skips 20 s of seeding.
  await database.pool.query(
    `INSERT INTO taxonomy_concept (id, scheme, code, label, alt_labels) VALUES ('test:1', 'test', '1', 'test', '{}')`,
  );
  await importCatalogueFile(database, { file: catalogueSlice });
  connector = await startFakeBotConnector();
  slack = await startFakeSlackApi();
  workDir = await mkdtemp(path.join(tmpdir(), 'veileder-push-'));
  portA = await freePort();
  await spawnServer('a', portA);
  await spawnServer('b');
}, 600_000);

afterAll(async () => {
  connector?.release();
  slack?.release();
  for (const running of servers) await running.stop();
  await connector?.close();
  await slack?.close();
  await database?.drop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('push with two server processes on one database', () => {
  it('sends one digest per learner and period, in Teams, Slack and on the web, each item saying why', async () => {
    const [a, b] = servers as unknown as [ChannelServer, ChannelServer];
    // Learners follow a topic by talking to either process.
    const teamsReply = await sayOnTeams(a, connector, {
      text: 'følg med på kurs i sveising',
      aadObjectId: 'aad-teams-1',
    });
    expect(teamsReply.text).toContain('sveising');
    await sayOnSlack(b, slack, { text: 'følg med på kurs i sveising', userId: 'U0SLACK1', signingSecret });
    const web = await sayOnWeb(a, { text: 'følg med på kurs i sveising' });
    const teamsLearner = await learnerOf('teams', 'aad-teams-1');
    const slackLearner = await learnerOf('slack', 'T0VEILEDER:U0SLACK1');
    const webLearner = (
      await database.pool.query<{ learner_id: string }>(
        `SELECT learner_id FROM push_subscription WHERE topic = 'sveising' AND learner_id NOT IN ($1, $2)`,
        [teamsLearner, slackLearner],
      )
    ).rows[0]!.learner_id;
    for (const learner of [teamsLearner, slackLearner, webLearner]) await noQuietHours(learner);

    await importOfferings('welding-1', [
      course(
        'weld-1',
        'Sveising for nybegynnere',
        'Grunnkurs i sveising: MIG/MAG-sveising, TIG og sikkerhet på verkstedet.',
      ),
      course(
        'weld-2',
        'Sveisesertifikat etter NS-EN ISO 9606',
        'Forbered deg til sveisesertifikat. Praktisk sveising og prøver.',
      ),
      course('bake-1', 'Surdeigsbaking hjemme', 'Lær å bake brød med surdeig.'),
    ]);

    await connector.waitFor(() => teamsDigests('a:aad-teams-1').length >= 1, 90_000);
    await slack.waitFor(() => slackDigests('U0SLACK1').length >= 1, 90_000);
    await eventually(async () => (await digests(webLearner)).some((digest) => digest.state === 'sent'), 90_000);

    const teamsDigest = teamsDigests('a:aad-teams-1')[0]!.activity;
    const card = teamsDigest.attachments[0].content;
    expect(JSON.stringify(card.body)).toContain('Sveising for nybegynnere');
    expect(JSON.stringify(card.body)).not.toContain('Surdeig');
    expect(JSON.stringify(card.body)).toMatch(/Hvorfor: /);
    expect(
      card.actions.some(
        (action: any) => action.type === 'Action.Submit' && action.data.veileder.command === 'unsubscribe',
      ),
    ).toBe(true);
    expect(
      card.actions.some(
        (action: any) => action.type === 'Action.OpenUrl' && String(action.url).includes('/unsubscribe/'),
      ),
    ).toBe(true);
    const slackDigest = slackDigests('U0SLACK1')[0]!.arguments;
    expect(JSON.stringify(slackDigest.blocks)).toContain('Sveisesertifikat');

    // Several more ticks of both processes: still one each.
    await pause(5_000);
    expect(teamsDigests('a:aad-teams-1')).toHaveLength(1);
    expect(slackDigests('U0SLACK1')).toHaveLength(1);
    for (const learner of [teamsLearner, slackLearner, webLearner]) expect(await digests(learner)).toHaveLength(1);

    // More offerings the same week are matched but wait for the next period: never more than the rhythm allows.
    await importOfferings('welding-2', [
      course('weld-3', 'TIG-sveising av aluminium', 'Videregående kurs i TIG-sveising av aluminium og rustfritt.'),
    ]);
    await eventually(
      async () =>
        (
          await database.pool.query(
            `SELECT 1 FROM push_match m JOIN offering o ON o.id = m.offering_id WHERE m.learner_id = $1 AND o.title LIKE 'TIG%' AND m.message_id IS NULL`,
            [teamsLearner],
          )
        ).rows.length === 1,
      60_000,
    );
    await pause(4_000);
    expect(teamsDigests('a:aad-teams-1')).toHaveLength(1);
    expect(await digests(teamsLearner)).toHaveLength(1);

    // The web learner sees the digest at the next visit, once.
    const visit = await sayOnWeb(b, { text: 'hei', sessionId: web.sessionId });
    expect(visit.reply.text).toContain('Sveising for nybegynnere');
    const again = await sayOnWeb(b, { text: 'hei igjen', sessionId: web.sessionId });
    expect(again.reply.text).not.toContain('Sveising for nybegynnere');
  }, 400_000);

  it('loses no digest and sends none twice when the sending process is killed mid-send', async () => {
    const [a, b] = servers as unknown as [ChannelServer, ChannelServer];
    await sayOnTeams(a, connector, { text: 'følg med på kurs i snekring', aadObjectId: 'aad-teams-2' });
    await sayOnSlack(b, slack, { text: 'følg med på kurs i snekring', userId: 'U0SLACK2', signingSecret });
    const teamsLearner = await learnerOf('teams', 'aad-teams-2');
    const slackLearner = await learnerOf('slack', 'T0VEILEDER:U0SLACK2');
    for (const learner of [teamsLearner, slackLearner]) await noQuietHours(learner);

    // Teams: the Connector has not accepted the activity when the sender dies. Slack: it has, and the sender never hears so.
    connector.hold(
      (activity) => activity.conversation?.id === 'a:aad-teams-2' && Boolean(activity.channelData?.veilederMessageId),
    );
    slack.holdPosts(
      (call) => call.arguments.channel === 'DU0SLACK2' && call.arguments.metadata?.event_type === 'veileder_push',
    );
    await importOfferings('carpentry', [
      course('carp-1', 'Snekring og tømrerfag for voksne', 'Kurs i snekring: treverk, verktøy og tømrerfaget.'),
      course('carp-2', 'Møbelsnekring på kveldstid', 'Lær møbelsnekring og trearbeid.'),
    ]);
    await waitUntil(() => connector.held() >= 1 && slack.heldPosts() >= 1, 90_000);

    // Kill whichever process holds each message (claimed_by is host:pid:…); SIGKILL leaves no chance to clean up.
    const claimers = new Set(
      [...(await digests(teamsLearner)), ...(await digests(slackLearner))].map((digest) =>
        Number(String(digest.claimed_by).split(':')[1]),
      ),
    );
    const killed = alive().filter((running) => claimers.has(running.process.pid!));
    expect(killed.length).toBeGreaterThan(0);
    await Promise.all(
      killed.map(
        (running) =>
          new Promise((resolve) => {
            running.process.once('exit', resolve);
            running.process.kill('SIGKILL');
          }),
      ),
    );
    // The killed sender's connection must be seen closed before anything is released: the child's exit can be
    // heard before its socket's close, and the Connector would then accept the dead sender's activity.
    await waitUntil(() => connector.held() === 0, 10_000);
    connector.release();
    slack.release();
    if (alive().length === 0) await spawnServer('c'); // both were sending: a restarted process takes over

    await eventually(
      async () =>
        (await digests(teamsLearner)).every((digest) => digest.state === 'sent') &&
        (await digests(slackLearner)).every((digest) => digest.state === 'sent'),
      90_000,
    );
    await pause(3_000);
    expect(teamsDigests('a:aad-teams-2')).toHaveLength(1);
    expect(slackDigests('U0SLACK2')).toHaveLength(1);
    const [slackDigest] = await digests(slackLearner);
    // The survivor found the message in Slack's history (by its metadata) and only recorded it.
    expect(slackDigest!.activity_id).toMatch(/^DU0SLACK2:\d+\.000100$/);
    expect(
      slack.calls.some((call) => call.method === 'conversations.history' && call.arguments.channel === 'DU0SLACK2'),
    ).toBe(true);
    expect(JSON.stringify(teamsDigests('a:aad-teams-2')[0]!.activity.attachments)).toContain('Snekring og tømrerfag');
  }, 400_000);

  it('honours unsubscribing at once: by the link in a digest, and for a digest still on its way', async () => {
    const teamsLearner = await learnerOf('teams', 'aad-teams-1');
    const card = teamsDigests('a:aad-teams-1')[0]!.activity.attachments[0].content;
    const link = card.actions.find((action: any) => action.type === 'Action.OpenUrl').url as string;
    // The link names server A's public URL; either process answers it the same (the key is shared).
    const viaAny = link.replace(`http://127.0.0.1:${portA}`, server().url);
    const page = await fetch(viaAny);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Varslene er stoppet');
    const { rows } = await database.pool.query('SELECT unsubscribed_at FROM push_preference WHERE learner_id = $1', [
      teamsLearner,
    ]);
    expect(rows[0].unsubscribed_at).not.toBeNull();
    expect((await fetch(`${server().url}/unsubscribe/not-a-token.abc`)).status).toBe(400);

    // A learner whose digest is planned but held back by quiet hours unsubscribes before it goes.
    const web = await sayOnWeb(server(), { text: 'følg med på kurs i maling' });
    const learner = (
      await database.pool.query<{ learner_id: string }>(
        `SELECT learner_id FROM push_subscription WHERE topic = 'maling'`,
      )
    ).rows[0]!.learner_id;
    const osloHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', hourCycle: 'h23' }).format(
        new Date(),
      ),
    );
    await database.pool.query(
      'UPDATE push_preference SET quiet_start_hour = $2, quiet_end_hour = $3 WHERE learner_id = $1',
      [learner, osloHour, (osloHour + 2) % 24],
    );
    await importOfferings('painting', [
      course('paint-1', 'Maling og overflatebehandling', 'Kurs i maling, sparkling og overflatebehandling.'),
    ]);
    await eventually(async () => (await digests(learner)).length === 1, 60_000);
    expect((await digests(learner))[0]!.state).toBe('pending');

    const response = await fetch(
      `${server().url}/unsubscribe/${unsubscribeToken({ key: secret, learnerId: learner })}`,
    );
    expect(response.status).toBe(200);
    expect((await digests(learner))[0]!.state).toBe('cancelled');
    // Even once the quiet hours are over, nothing goes out.
    await database.pool.query(
      'UPDATE push_preference SET quiet_start_hour = 0, quiet_end_hour = 0 WHERE learner_id = $1',
      [learner],
    );
    await database.pool.query('UPDATE push_message SET not_before = CURRENT_TIMESTAMP WHERE learner_id = $1', [
      learner,
    ]);
    await pause(4_000);
    expect((await digests(learner)).map((digest) => digest.state)).toEqual(['cancelled']);
    const visit = await sayOnWeb(server(), { text: 'hei', sessionId: web.sessionId });
    expect(visit.reply.text).not.toContain('Maling og overflatebehandling');
  }, 300_000);
});
