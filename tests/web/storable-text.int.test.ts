import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

// NUL and unpaired surrogates cannot be stored as text: every route answers 400 naming where, never 500,
// and nothing of the request is stored.

let harness: AssistantHarness;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  harness = await startAssistantHarness();
  const app = createHttpApp({ database: harness.database, handleTurn: (turn) => harness.assistant.handleTurn(turn) });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await harness?.close();
});

const turnCount = async () =>
  (await harness.database.pool.query<{ count: number }>('SELECT count(*)::int AS count FROM turn')).rows[0]!.count;

describe('text a database cannot hold', () => {
  it.each([
    ['a NUL in a chat message', '{"text":"hei \\u0000 der"}', /body\.text/],
    ['a lone high surrogate in a chat message', '{"text":"hei \\ud800"}', /body\.text/],
    [
      'a lone low surrogate in an action',
      '{"action":{"type":"rate","score":4,"text":"bra \\udc00"}}',
      /body\.action\.text/,
    ],
  ])('POST /api/chat with %s → 400, and no turn is stored', async (_label, body, place) => {
    const before = await turnCount();
    const response = await fetch(`${baseUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('invalid_request');
    expect(error.error.message).toMatch(place);
    expect(await turnCount()).toBe(before);
  });

  it.each([
    ['/api/offerings?q=%00', /query\.q/],
    ['/api/offerings?city=%00', /query\.city/],
    ['/api/offerings/%00', /path/],
    ['/site-check/%00', /path/],
    ['/api/offerings/%E0%A4%A', /percent-encoding/],
  ])('GET %s → 400 naming the place', async (url, place) => {
    const response = await fetch(`${baseUrl}${url}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(place);
  });

  it('ordinary Norwegian, emoji and a paired surrogate pass', async () => {
    const response = await fetch(`${baseUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Jeg vil lære å sveise 👩‍🏭 på Ørland' }),
    });
    expect(response.status).toBe(200);
  });
});
