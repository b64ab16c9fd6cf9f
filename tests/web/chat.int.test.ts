import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { loadConfiguration } from '../../adapters/configuration.js';
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

const randomUUIDLike = () => '3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60';

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/chat', () => {
  it('starts a session, continues it, and answers in the learner language', async () => {
    const first = await post({ text: 'I want to learn programming in Python' });
    expect(first.status).toBe(200);
    const started = (await first.json()) as {
      sessionId: string;
      reply: { text: string; language: string; suggestions: unknown[]; questions?: string[] };
    };
    expect(started.sessionId).toMatch(/^ws1\.[\w-]{32}\.[\w-]{43}$/);
    expect(started.reply.language).toBe('en');
    expect(started.reply.questions).toHaveLength(1);
    const next = await post({ sessionId: started.sessionId, action: { type: 'show_now' } });
    const shown = (await next.json()) as {
      sessionId: string;
      reply: {
        suggestions: {
          offeringId: string;
          title: string;
          provider: string;
          accredited: string | null;
          isFree: boolean | null;
          price: string;
          mode: string;
          place: string | null;
          workload: string | null;
          rating: unknown;
          url: string | null;
          reason: string;
        }[];
        actions: unknown[];
      };
    };
    expect(shown.sessionId).toBe(started.sessionId);
    expect(shown.reply.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(shown.reply.suggestions[0]!).sort()).toEqual(
      [
        'accredited',
        'certificatePriceNok',
        'isFree',
        'mode',
        'offeringId',
        'place',
        'price',
        'priceNok',
        'provider',
        'rating',
        'reason',
        'title',
        'url',
        'workload',
      ].sort(),
    );
    const rate = await post({
      sessionId: started.sessionId,
      action: { type: 'rate', offeringId: shown.reply.suggestions[0]!.offeringId, score: 4, text: 'looks right' },
    });
    expect(rate.status).toBe(200);
    const { rows } = await harness.database.pool.query('SELECT score, text FROM rating WHERE offering_id = $1', [
      shown.reply.suggestions[0]!.offeringId,
    ]);
    expect(rows).toEqual([{ score: 4, text: 'looks right' }]);
  });

  it('rating the same suggestion again replaces the earlier rating: one per learner and offering, the latest wins', async () => {
    const started = (await (await post({ text: 'Jeg vil lære regnskap' })).json()) as {
      sessionId: string;
      reply: { suggestions: { offeringId: string }[] };
    };
    const shown =
      started.reply.suggestions.length > 0
        ? started
        : ((await (
            await post({ sessionId: started.sessionId, action: { type: 'show_now' } })
          ).json()) as typeof started);
    const offeringId = shown.reply.suggestions[0]!.offeringId;
    for (const score of [2, 3, 4, 5])
      expect((await post({ sessionId: started.sessionId, action: { type: 'rate', offeringId, score } })).status).toBe(
        200,
      );
    const { rows } = await harness.database.pool.query('SELECT score FROM rating WHERE offering_id = $1', [offeringId]);
    expect(rows).toEqual([{ score: 5 }]);
    const summary = await harness.database.pool.query(
      'SELECT avg(score)::float8 AS average, count(*)::int AS count FROM rating WHERE offering_id = $1',
      [offeringId],
    );
    expect(summary.rows[0]).toEqual({ average: 5, count: 1 });
  });

  it("continues the conversation a returned sessionId names: the first message's facts are known and there is no second welcome", async () => {
    const first = (await (await post({ text: 'Jeg er sykepleier og vil lære om demens.' })).json()) as {
      sessionId: string;
      reply: { sessionId: string; text: string };
    };
    expect(first.reply.text).toMatch(/^Hei!/);
    expect(first.reply.sessionId).toBe(first.sessionId);
    const next = (await (await post({ sessionId: first.sessionId, text: 'Hva vet du om meg?' })).json()) as {
      sessionId: string;
      reply: { text: string };
    };
    expect(next.sessionId).toBe(first.sessionId);
    expect(next.reply.text).toMatch(/sykepleier/);
    expect(next.reply.text).not.toMatch(/Velkommen|Hei!/);
    const { rows } = await harness.database.pool.query(
      'SELECT count(*)::int AS count FROM conversation WHERE session_key = $1',
      [`session:${first.sessionId.split('.')[1]}`],
    );
    expect(rows[0].count).toBe(1);
  });

  it('a turn without a session id (any channel) replies with an id that continues the same conversation', async () => {
    const first = await harness.assistant.handleTurn({
      channel: 'terminal',
      userId: 'keyless-ola',
      text: 'Jeg er sykepleier og vil lære om demens.',
    });
    const next = await harness.assistant.handleTurn({
      channel: 'terminal',
      userId: 'keyless-ola',
      sessionId: first.sessionId,
      text: 'Hva vet du om meg?',
    });
    expect(next.sessionId).toBe(first.sessionId);
    expect(next.text).toMatch(/sykepleier/);
    expect(next.text).not.toMatch(/Velkommen|Hei!/);
    const { rows } = await harness.database.pool.query(
      `SELECT count(*)::int AS count FROM conversation c JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.channel = 'terminal' AND i.external_id = 'keyless-ola'`,
    );
    expect(rows[0].count).toBe(1);
    // A later keyless turn still finds the learner's latest conversation.
    const keyless = await harness.assistant.handleTurn({
      channel: 'terminal',
      userId: 'keyless-ola',
      text: 'Hva vet du om meg?',
    });
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
    ['a session id naming a namespace', { sessionId: 'portal:employee-00042', text: 'hei' }, /sessionId/],
    ['text over 4,000 characters', { text: 'x'.repeat(4001) }, /4,000/],
  ])('rejects %s with 400 and a message naming the problem', async (_label, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const error = (await response.json()) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('invalid_request');
    expect(error.error.message).toMatch(message);
  });

  it('never lets a client name whose conversation it joins: only a session id this server issued continues one', async () => {
    // A learner the portal bound through Direct Line, with something personal in their profile.
    await harness.assistant.handleTurn({
      channel: 'web',
      userId: 'portal:employee-00042',
      text: 'Jeg er sykepleier og vil lære om demens.',
    });
    const issued = ((await (await post({ text: 'hei' })).json()) as { sessionId: string }).sessionId;
    const [, random] = issued.split('.');
    const forgeries = [
      'employee-00042', // the portal's user id itself
      randomUUIDLike(), // a made-up id of the old, unsigned kind
      `ws1.${random}.${'A'.repeat(43)}`, // an issued random part with a forged signature
      `ws1.${'B'.repeat(32)}.${issued.split('.')[2]}`, // a real signature moved onto another random part
    ];
    for (const sessionId of forgeries) {
      for (const body of [
        { sessionId, action: { type: 'what_do_you_know' } },
        { sessionId, text: 'eksporter dataene mine' },
      ]) {
        const response = await post(body);
        expect(response.status, sessionId).toBe(401);
        const answer = (await response.json()) as { error: { code: string } };
        expect(answer.error.code).toBe('session_unknown');
        expect(JSON.stringify(answer)).not.toMatch(/sykepleier|demens/);
      }
    }
    // No learner was made for any forged id, and the portal's learner still has only its own conversation.
    const { rows } = await harness.database.pool.query(
      `SELECT count(*)::int AS count FROM channel_identity WHERE channel = 'web' AND (external_id LIKE '%employee-00042%' OR external_id LIKE '%BBBB%')`,
    );
    expect(rows[0].count).toBe(1);
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
    const app = createHttpApp({
      database: harness.database,
      handleTurn: (turn) => harness.assistant.handleTurn(turn),
      channels: configuration.channels,
      frameAncestors: configuration.server.frameAncestors,
    });
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
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/URL contains an invalid percent-encoding/),
    });
  });

  it('answers a body in an unsupported charset with 415 naming the charset', async () => {
    const response = await post(JSON.stringify({ text: 'Hei' }), {
      'content-type': 'application/json; charset=latin1',
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'unsupported_media_type',
      message: 'The request body\'s charset "latin1" is not supported; send UTF-8.',
    });
  });

  it('still calls malformed JSON malformed JSON', async () => {
    const response = await post('{"text": ');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'The request body is not valid JSON.',
    );
  });
});
