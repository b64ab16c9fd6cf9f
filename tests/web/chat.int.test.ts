import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { loadConfiguration } from '../../src/config.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';

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

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('POST /api/chat', () => {
  it('starts a session, continues it, and answers in the learner language', async () => {
    const first = await post({ text: 'I want to learn programming in Python' });
    expect(first.status).toBe(200);
    const started = (await first.json()) as { sessionId: string; reply: { text: string; language: string; suggestions: unknown[]; questions?: string[] } };
    expect(started.sessionId).toMatch(/^[\w-]{36}$/);
    expect(started.reply.language).toBe('en');
    expect(started.reply.questions).toHaveLength(1);
    const next = await post({ sessionId: started.sessionId, action: { type: 'show_now' } });
    const shown = (await next.json()) as { sessionId: string; reply: { suggestions: { offeringId: string; title: string; provider: string; accredited: string | null; isFree: boolean | null; price: string; mode: string; place: string | null; workload: string | null; rating: unknown; url: string | null; reason: string }[]; actions: unknown[] } };
    expect(shown.sessionId).toBe(started.sessionId);
    expect(shown.reply.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(shown.reply.suggestions[0]!).sort()).toEqual(['accredited', 'isFree', 'mode', 'offeringId', 'place', 'price', 'priceNok', 'provider', 'rating', 'reason', 'title', 'url', 'workload'].sort());
    const rate = await post({ sessionId: started.sessionId, action: { type: 'rate', offeringId: shown.reply.suggestions[0]!.offeringId, score: 4, text: 'looks right' } });
    expect(rate.status).toBe(200);
    const { rows } = await harness.database.pool.query('SELECT score, text FROM rating WHERE offering_id = $1', [shown.reply.suggestions[0]!.offeringId]);
    expect(rows).toEqual([{ score: 4, text: 'looks right' }]);
  });

  it('continues the conversation a returned sessionId names: the first message\'s facts are known and there is no second welcome', async () => {
    const first = (await (await post({ text: 'Jeg er sykepleier og vil lære om demens.' })).json()) as { sessionId: string; reply: { sessionId: string; text: string } };
    expect(first.reply.text).toMatch(/^Hei!/);
    expect(first.reply.sessionId).toBe(first.sessionId);
    const next = (await (await post({ sessionId: first.sessionId, text: 'Hva vet du om meg?' })).json()) as { sessionId: string; reply: { text: string } };
    expect(next.sessionId).toBe(first.sessionId);
    expect(next.reply.text).toMatch(/sykepleier/);
    expect(next.reply.text).not.toMatch(/Velkommen|Hei!/);
    const { rows } = await harness.database.pool.query('SELECT count(*)::int AS count FROM conversation WHERE session_key = $1', [first.sessionId]);
    expect(rows[0].count).toBe(1);
  });

  it('a turn without a session id (any channel) replies with an id that continues the same conversation', async () => {
    const first = await harness.assistant.handleTurn({ channel: 'terminal', userId: 'keyless-ola', text: 'Jeg er sykepleier og vil lære om demens.' });
    const next = await harness.assistant.handleTurn({ channel: 'terminal', userId: 'keyless-ola', sessionId: first.sessionId, text: 'Hva vet du om meg?' });
    expect(next.sessionId).toBe(first.sessionId);
    expect(next.text).toMatch(/sykepleier/);
    expect(next.text).not.toMatch(/Velkommen|Hei!/);
    const { rows } = await harness.database.pool.query(
      `SELECT count(*)::int AS count FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.channel = 'terminal' AND i.external_id = 'keyless-ola'`,
    );
    expect(rows[0].count).toBe(1);
    // A later keyless turn still finds the learner's latest conversation.
    const keyless = await harness.assistant.handleTurn({ channel: 'terminal', userId: 'keyless-ola', text: 'Hva vet du om meg?' });
    expect(keyless.sessionId).toBe(first.sessionId);
  });

  it('uses the Accept-Language hint when the text does not tell', async () => {
    const response = await post({ text: '?' }, { 'accept-language': 'nn-NO,nn;q=0.9' });
    const body = (await response.json()) as { reply: { language: string } };
    expect(body.reply.language).toBe('nn');
  });

  it.each([
    ['an empty body', {}, /send text, an action, or both/],
    ['blank text', { text: '   ' }, /send text, an action, or both/],
    ['an unknown action', { action: { type: 'teleport' } }, /action/],
    ['a score of 9', { action: { type: 'rate', score: 9 } }, /score/],
    ['an unknown field', { text: 'hei', userId: 'someone-else' }, /userId/],
    ['a malformed session id', { sessionId: '../../etc', text: 'hei' }, /sessionId/],
    ['text over 4,000 characters', { text: 'x'.repeat(4001) }, /4,000/],
  ])('rejects %s with 400 and a message naming the problem', async (_label, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('invalid_request');
    expect(error.error.message).toMatch(message);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await post('{"text": ');
    expect(response.status).toBe(400);
  });
});

describe('frame protection and precise transport errors', () => {
  let framed: Server;
  let framedUrl: string;
  beforeAll(async () => {
    const configuration = loadConfiguration({ VEILEDER_FRAME_ANCESTORS: "'self' https://portal.example.no" });
    const app = createHttpApp({ database: harness.database, handleTurn: (turn) => harness.assistant.handleTurn(turn), channels: configuration.channels, frameAncestors: configuration.frameAncestors });
    framed = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    framedUrl = `http://127.0.0.1:${(framed.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => framed?.close(resolve));
  });

  it("lets only the portal's origins frame / and /chat ('self' by default)", async () => {
    expect((await fetch(`${baseUrl}/`)).headers.get('content-security-policy')).toBe("frame-ancestors 'self'");
    for (const path of ['/', '/chat']) {
      const response = await fetch(`${framedUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'self' https://portal.example.no");
    }
  });

  it('names a bad percent-encoding in the URL (400)', async () => {
    const response = await fetch(`${baseUrl}/api/offerings/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/URL contains an invalid percent-encoding/) });
  });

  it('answers a body in an unsupported charset with 415 naming the charset', async () => {
    const response = await post(JSON.stringify({ text: 'Hei' }), { 'content-type': 'application/json; charset=latin1' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unsupported_media_type', message: 'The request body\'s charset "latin1" is not supported; send UTF-8.' });
  });

  it('still calls malformed JSON malformed JSON', async () => {
    const response = await post('{"text": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('The request body is not valid JSON.');
  });
});
