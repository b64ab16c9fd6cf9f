import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openDatabase, type Database } from '../../adapters/storage/database.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

// Issue 15, item 16: two server processes behind one load balancer share only the database. A token one
// issued must work on the other, and the reply to a message posted on one must be readable on the other.
// Two apps, each with its own connection pool, stand in for the two processes.

let harness: AssistantHarness;
let secondPool: Database;
const servers: Server[] = [];
let urlA: string;
let urlB: string;

async function listen(database: Database): Promise<string> {
  const channels = loadConfiguration({}).channels;
  const server = createHttpApp({ database, channels, handleTurn: (turn) => harness.assistant.handleTurn(turn) }).listen(
    0,
    '127.0.0.1',
  );
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
}

beforeAll(async () => {
  harness = await startAssistantHarness();
  secondPool = await openDatabase({ databaseUrl: harness.database.url, dataDir: '' });
  urlA = await listen(harness.database);
  urlB = await listen(secondPool);
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await secondPool?.close();
  await harness?.close();
});

const call = (url: string, options: { method?: string; token: string; body?: unknown }) =>
  fetch(url, {
    method: options.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });

test('a token from process A works on B, and the reply to a message posted on A is read on B', async () => {
  const generated = (await (await fetch(`${urlA}/tokens/generate`, { method: 'POST' })).json()) as {
    conversationId: string;
    token: string;
  };
  const onB = await call(`${urlB}/conversations/${generated.conversationId}/activities`, { token: generated.token });
  expect(onB.status).toBe(200);
  expect(
    ((await onB.json()) as { activities: { from: { role: string } }[] }).activities.map(
      (activity) => activity.from.role,
    ),
  ).toEqual(['bot']);

  const posted = await call(`${urlA}/conversations/${generated.conversationId}/activities`, {
    method: 'POST',
    token: generated.token,
    body: { type: 'message', text: 'Hei! Jeg er sykepleier og vil lære mer om ledelse', locale: 'nb-NO' },
  });
  expect(posted.status).toBe(200);
  const { id } = (await posted.json()) as { id: string };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = (await (
      await call(`${urlB}/conversations/${generated.conversationId}/activities`, { token: generated.token })
    ).json()) as { activities: any[] };
    const reply = page.activities.find((activity) => activity.type === 'message' && activity.replyToId === id);
    if (reply) {
      expect(reply.text).toMatch(/Hvor mye tid har du/);
      return;
    }
    if (Date.now() > deadline)
      throw new Error(`process B never saw the reply; it saw ${JSON.stringify(page.activities)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
