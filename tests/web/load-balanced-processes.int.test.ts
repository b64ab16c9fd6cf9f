import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { catalogueSlice } from '../support/assistant-harness.js';
import type { ChannelServer } from '../support/channel-server.js';
import { sayOnSlack, sayOnTeams } from '../support/channel-clients.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { spawnVeileder, type SpawnedVeileder } from '../support/spawn-veileder.js';

/**
 * Issue 17, item 4: many processes, one product. Two `veileder serve` processes on one PostgreSQL behind a
 * real HAProxy (Debian's package; .ci/run installs it), round-robin, no sticky sessions, readiness checked at
 * /ready. Web chat, Direct Line, Teams and Slack conversations are held across both; one process is killed
 * mid-run and an offering imported while it is down; both then suggest it. Then a rolling restart: each
 * process in turn drains on SIGTERM while learners keep talking, and no turn fails.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const signingSecret = 'load-balancer-test-signing-secret-01';

let database: TestDatabase;
let connector: FakeBotConnector;
let slack: FakeSlackApi;
let workDir: string;
let balancer: ChildProcess;
let balancerUrl: string;
/** What HAProxy wrote (servers going down and up): shown when a check about routing fails. */
let balancerOutput = '';
const ports = { a: 0, b: 0 };
const processes: Partial<Record<'a' | 'b', SpawnedVeileder>> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

async function startProcess(name: 'a' | 'b'): Promise<SpawnedVeileder> {
  const spawned = await spawnVeileder({
    timeoutMs: 240_000,
    environment: {
      DATABASE_URL: database.url,
      PORT: String(ports[name]),
      VEILEDER_WORKERS: '1',
      VEILEDER_DATA_DIR: path.join(workDir, name),
      VEILEDER_DEMO_CATALOGUE: 'false',
      VEILEDER_PUSH: 'false',
      VEILEDER_DRAIN_SECONDS: '3',
      VEILEDER_TEAMS: 'true',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-load-balancer-test',
      SLACK_API_URL: slack.apiUrl,
    },
  });
  processes[name] = spawned;
  return spawned;
}

/**
 * HAProxy on a free port: round-robin, /ready checked every 300 ms (two failures take a process out, two
 * answers bring it back: one slow answer on a busy machine is not a failure), a refused connection retried on
 * the other process.
 */
async function startBalancer(): Promise<void> {
  const port = await freePort();
  const config = path.join(workDir, 'haproxy.cfg');
  await writeFile(
    config,
    `global
  maxconn 512
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 2s
  retries 3
  option redispatch 1
  retry-on conn-failure
frontend veileder
  bind 127.0.0.1:${port}
  default_backend processes
backend processes
  balance roundrobin
  option httpchk GET /ready
  http-check expect status 200
  default-server inter 300ms fall 2 rise 2
  http-response set-header X-Veileder-Backend %s
  server a 127.0.0.1:${ports.a} check
  server b 127.0.0.1:${ports.b} check
`,
  );
  balancer = spawn('haproxy', ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  balancer.stdout!.on('data', (chunk: Buffer) => (balancerOutput += chunk));
  balancer.stderr!.on('data', (chunk: Buffer) => (balancerOutput += chunk));
  const failed = new Promise<never>((_resolve, reject) =>
    balancer.once('error', (error) =>
      reject(new Error(`HAProxy did not start (apt-get install haproxy; .ci/run does): ${error.message}`)),
    ),
  );
  balancerUrl = `http://127.0.0.1:${port}`;
  await Promise.race([failed, until(async () => (await backendsAnswering()).size === 2, 15_000)]);
  expect(balancerOutput).not.toMatch(/\[ALERT\]/);
}

/** Which backends answer /ready through the balancer (a few requests, so round-robin reaches each). */
async function backendsAnswering(): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const response = await fetch(`${balancerUrl}/ready`).catch(() => undefined);
    if (response?.status === 200) seen.add(response.headers.get('x-veileder-backend') ?? '?');
  }
  return seen;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogueFile(database, { file: catalogueSlice });
  connector = await startFakeBotConnector();
  slack = await startFakeSlackApi();
  workDir = await mkdtemp(path.join(tmpdir(), 'veileder-balanced-'));
  ports.a = await freePort();
  ports.b = await freePort();
  // One at a time, as a deployment would: the first builds its index files while the second waits.
  await startProcess('a');
  await startProcess('b');
  await startBalancer();
}, 600_000);
afterAll(async () => {
  balancer?.kill('SIGTERM');
  for (const spawned of Object.values(processes)) await spawned?.stop();
  await connector?.close();
  await slack?.close();
  await database?.drop();
  await rm(workDir, { recursive: true, force: true });
});

const balanced = { url: '' } as ChannelServer;

/** One web chat turn through the balancer; which backend answered it. */
async function sayOnWeb(text: string, sessionId?: string) {
  const response = await fetch(`${balancerUrl}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'nb' },
    body: JSON.stringify({ text, ...(sessionId ? { sessionId } : {}) }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const body = (await response.json()) as {
    sessionId: string;
    reply: { text: string; suggestions: { title: string }[] };
  };
  return { ...body, backend: response.headers.get('x-veileder-backend') };
}

type DirectLineConversation = { conversationId: string; token: string };

async function directLine(pathname: string, conversation: DirectLineConversation | undefined, body?: unknown) {
  return fetch(`${balancerUrl}/v3/directline${pathname}`, {
    method: body === undefined && conversation ? 'GET' : 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(conversation ? { Authorization: `Bearer ${conversation.token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** Posts a message, then polls (through the balancer, so from either process) until its reply is there. */
async function sayOnDirectLine(conversation: DirectLineConversation, text: string) {
  const posted = await directLine(`/conversations/${conversation.conversationId}/activities`, conversation, {
    type: 'message',
    text,
    locale: 'nb-NO',
  });
  expect(posted.status).toBe(200);
  const { id } = (await posted.json()) as { id: string };
  const backend = posted.headers.get('x-veileder-backend');
  const deadline = Date.now() + 20_000;
  for (;;) {
    const page = (await (
      await directLine(`/conversations/${conversation.conversationId}/activities`, conversation)
    ).json()) as { activities: { type: string; replyToId?: string; text?: string }[] };
    const replies = page.activities.filter((activity) => activity.type === 'message' && activity.replyToId === id);
    if (replies.length > 0) return { id, backend, replies: replies.length };
    expect(Date.now()).toBeLessThan(deadline);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Turns one process counted, by channel, from its own /metrics. */
async function turnsOf(name: 'a' | 'b', channel: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${ports[name]}/metrics`)).text();
  return [...text.matchAll(/^veileder_turn_duration_seconds_count\{([^}]*)\} (\d+)/gm)]
    .filter((match) => match[1]?.includes(`channel="${channel}"`))
    .reduce((sum, match) => sum + Number(match[2]), 0);
}

/** Per learner of a channel: conversations, the learner's turns and the assistant's, as PostgreSQL holds them. */
async function storedTurns(channel: string, externalId: string) {
  const { rows } = await database.pool.query<{ conversations: number; said: number; answered: number }>(
    `SELECT count(DISTINCT c.id)::int AS conversations,
            count(t.id) FILTER (WHERE t.role = 'user')::int AS said,
            count(t.id) FILTER (WHERE t.role = 'assistant')::int AS answered
       FROM channel_identity ci JOIN conversation c ON c.learner_id = ci.learner_id
       LEFT JOIN turn t ON t.conversation_id = c.id
      WHERE ci.channel = $1 AND ci.external_id LIKE '%' || $2`,
    [channel, externalId],
  );
  return rows[0];
}

const beeCourse = 'Birøkt og pollinering for nybegynnere';

it('holds web, Direct Line, Teams and Slack conversations across both, loses none when one dies, and both suggest a new import', async () => {
  balanced.url = balancerUrl;
  const teamsUser = `aad-${randomUUID()}`;
  const slackUser = `U${randomUUID().slice(0, 8).toUpperCase()}`;
  const teamsSent: string[] = [];
  const slackSaid: string[] = [];
  const messages = [
    'Hei! Jeg er sykepleier og vil lære mer om ledelse',
    'Jeg har fem timer i uka',
    'Helst på nett, og gjerne gratis',
  ];

  // Two turns on every channel with both processes up: consecutive requests go to different processes.
  const web: { sessionId?: string; backends: string[] } = { backends: [] };
  const generated = await directLine('/tokens/generate', undefined, {});
  expect(generated.status).toBe(200);
  const conversation = (await generated.json()) as DirectLineConversation;
  const directLineBackends: string[] = [];
  const teamsBefore = { a: await turnsOf('a', 'teams'), b: await turnsOf('b', 'teams') };
  const slackBefore = { a: await turnsOf('a', 'slack'), b: await turnsOf('b', 'slack') };
  for (const text of messages.slice(0, 2)) {
    const said = await sayOnWeb(text, web.sessionId);
    web.sessionId = said.sessionId;
    web.backends.push(said.backend!);
  }
  for (const text of messages.slice(0, 2)) {
    // The polls for the reply went to either process: step round-robin so the next post goes to the other one.
    const previous = directLineBackends.at(-1);
    if (previous)
      await until(
        async () => (await fetch(`${balancerUrl}/ready`)).headers.get('x-veileder-backend') === previous,
        2000,
      );
    directLineBackends.push((await sayOnDirectLine(conversation, text)).backend!);
  }
  for (const text of messages.slice(0, 2)) {
    teamsSent.push((await sayOnTeams(balanced, connector, { text, aadObjectId: teamsUser })).replyToId);
  }
  expect(teamsSent.every((id) => typeof id === 'string')).toBe(true);
  for (const text of messages.slice(0, 2)) {
    await sayOnSlack(balanced, slack, { text, userId: slackUser, signingSecret });
    slackSaid.push(text);
  }
  expect(new Set(web.backends)).toEqual(new Set(['a', 'b']));
  expect(new Set(directLineBackends)).toEqual(new Set(['a', 'b']));
  // Teams and Slack answer through their vendors' APIs, so which process took a turn is read from each one's /metrics.
  for (const [channel, before] of [
    ['teams', teamsBefore],
    ['slack', slackBefore],
  ] as const) {
    const onA = (await turnsOf('a', channel)) - before.a;
    const onB = (await turnsOf('b', channel)) - before.b;
    expect([onA, onB], channel).toEqual([1, 1]);
  }

  // Process A dies mid-conversation, without any warning; the balancer notices at its next check.
  processes.a!.process.kill('SIGKILL');
  await processes.a!.stop();

  // An import while A is down: B's search follows it at once (NOTIFY), A's when it comes back.
  const feed = path.join(workDir, 'bees.jsonl');
  await writeFile(
    feed,
    `${JSON.stringify({
      id: 'balanced:bees-1',
      title: beeCourse,
      provider: 'Birøkterlaget Test',
      description: 'Grunnkurs i birøkt: bikuber, bier, honning og pollinering. På nett, gratis.',
      city: 'Hamar',
      level: 'course',
      language: 'nb',
      type: 'course',
      url: 'https://example.org/birokt',
      source: 'balanced-test',
    })}\n`,
  );
  await run(process.execPath, ['bin/veileder.js', 'import', feed, '--partial', '--json'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url },
  });

  // The third turn of every conversation: only B is left, and it continues each where it stood.
  const third = await sayOnWeb(messages[2]!, web.sessionId);
  expect(third.backend).toBe('b');
  await sayOnDirectLine(conversation, messages[2]!);
  teamsSent.push((await sayOnTeams(balanced, connector, { text: messages[2]!, aadObjectId: teamsUser })).replyToId);
  await sayOnSlack(balanced, slack, { text: messages[2]!, userId: slackUser, signingSecret });
  slackSaid.push(messages[2]!);

  // A comes back; the balancer routes to it again once /ready answers.
  await startProcess('a');
  await until(async () => (await backendsAnswering()).size === 2, 20_000);

  // Nothing lost, nothing answered twice: one conversation per learner, every message stored and answered once.
  expect(await storedTurns('web', web.sessionId!.split('.')[1]!)).toEqual({ conversations: 1, said: 3, answered: 3 });
  expect(await storedTurns('teams', teamsUser)).toEqual({ conversations: 1, said: 3, answered: 3 });
  expect(await storedTurns('slack', slackUser)).toEqual({ conversations: 1, said: 3, answered: 3 });
  const transcript = (await (
    await directLine(`/conversations/${conversation.conversationId}/activities`, conversation)
  ).json()) as { activities: { type: string; id: string; replyToId?: string; from: { role: string } }[] };
  const userMessages = transcript.activities.filter((activity) => activity.from.role === 'user');
  expect(userMessages).toHaveLength(3);
  for (const message of userMessages)
    expect(
      transcript.activities.filter((activity) => activity.type === 'message' && activity.replyToId === message.id),
    ).toHaveLength(1);
  for (const id of teamsSent)
    expect(connector.sent.filter((entry) => entry.replyToId === id && entry.activity.type === 'message')).toHaveLength(
      1,
    );
  // A long reply may go out as several messages; one answered twice would repeat a message exactly.
  const slackReplies = slack.calls
    .filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === `D${slackUser}`)
    .map((call) => JSON.stringify(call.arguments));
  expect(slackReplies.length).toBeGreaterThanOrEqual(slackSaid.length);
  expect(new Set(slackReplies).size).toBe(slackReplies.length);

  // Both processes suggest the offering imported while one of them was down.
  for (const name of ['a', 'b'] as const) {
    const response = await fetch(`http://127.0.0.1:${ports[name]}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Jeg vil lære birøkt og om bier og honning. Vis meg kurs nå.' }),
    });
    const body = (await response.json()) as { reply: { suggestions: { title: string }[] } };
    expect(
      body.reply.suggestions.map((suggestion) => suggestion.title),
      name,
    ).toContain(beeCourse);
  }
}, 600_000);

it('drains each process in a rolling restart while learners keep talking, and no turn fails', async () => {
  const failures: string[] = [];
  const answeredBy = new Map<string, number>();
  let stopped = false;
  let turns = 0;
  const sessions: string[] = [];
  const learner = async (index: number) => {
    let sessionId: string | undefined;
    let step = 0;
    const script = ['Jeg jobber som lærer og vil lære programmering', 'Kveldstid, tre timer i uka', 'Nett er best'];
    while (!stopped) {
      const response = await fetch(`${balancerUrl}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: script[step % script.length], ...(sessionId ? { sessionId } : {}) }),
      }).catch((error: Error) => error);
      if (response instanceof Error || response.status !== 200) {
        failures.push(
          `learner ${index}: ${response instanceof Error ? response.message : `${response.status} ${await response.text()}`}`,
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      const body = (await response.json()) as { sessionId: string };
      if (!sessionId) sessions.push(body.sessionId);
      sessionId = body.sessionId;
      step += 1;
      turns += 1;
      const backend = response.headers.get('x-veileder-backend') ?? '?';
      answeredBy.set(backend, (answeredBy.get(backend) ?? 0) + 1);
    }
  };
  const running = [0, 1, 2, 3].map(learner);

  for (const name of ['b', 'a'] as const) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const old = processes[name]!;
    // SIGTERM: /ready turns 503, the balancer stops routing here, running turns finish, then it stops.
    expect(await old.stop()).toBe(0);
    expect(old.log()).toMatch(/SIGTERM: draining for 3 s/);
    await startProcess(name);
    await until(async () => (await backendsAnswering()).size === 2, 20_000);
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  stopped = true;
  await Promise.all(running);

  expect(failures, balancerOutput).toEqual([]);
  expect(turns).toBeGreaterThan(8);
  expect([...answeredBy.keys()].sort()).toEqual(['a', 'b']);
  // Every answered turn is stored once, with its answer: nothing dropped by a stopping process.
  const { rows } = await database.pool.query<{ said: number; answered: number }>(
    `SELECT count(*) FILTER (WHERE t.role = 'user')::int AS said, count(*) FILTER (WHERE t.role = 'assistant')::int AS answered
       FROM channel_identity ci JOIN conversation c ON c.learner_id = ci.learner_id JOIN turn t ON t.conversation_id = c.id
      WHERE ci.channel = 'web' AND ci.external_id = ANY($1)`,
    [sessions.map((sessionId) => `session:${sessionId.split('.')[1]}`)],
  );
  expect(rows[0]).toEqual({ said: turns, answered: turns });
}, 600_000);
