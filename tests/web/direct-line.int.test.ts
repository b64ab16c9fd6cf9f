import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';

// The Direct Line 3.0 protocol as clients use it, over real HTTP: tokens, conversations, activities with a
// watermark; a token opens only its own conversation; with a secret configured, tokens need the secret.

let open: ChannelServer;
let guarded: ChannelServer;
const secret = 'direct-line-secret-for-tests-0123';

beforeAll(async () => {
  open = await startChannelServer({ environment: {} });
  guarded = await startChannelServer({ environment: { VEILEDER_DIRECT_LINE_SECRET: secret } });
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
});

const call = (server: ChannelServer, path: string, options: { method?: string; token?: string; body?: unknown } = {}) =>
  fetch(`${server.url}/v3/directline${path}`, {
    method: options.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });

async function activities(server: ChannelServer, conversationId: string, token: string, watermark?: string) {
  const response = await call(
    server,
    `/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`,
    { token },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { activities: any[]; watermark: string };
}

type Issued = { conversationId: string; token: string; expires_in: number };

/** Polls like a Direct Line client until an activity matches; returns the last page read. */
async function pollUntil(
  server: ChannelServer,
  from: { conversationId: string; token: string; watermark?: string },
  match: (activity: any) => boolean,
) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = await activities(server, from.conversationId, from.token, from.watermark);
    if (page.activities.some(match)) return page;
    if (Date.now() > deadline) throw new Error(`no matching activity; saw ${JSON.stringify(page.activities)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Direct Line', () => {
  test('token, conversation, a message and its reply read with a watermark', async () => {
    const generated = (await (await call(open, '/tokens/generate', { method: 'POST' })).json()) as Issued;
    expect(generated).toMatchObject({
      conversationId: expect.any(String),
      token: expect.any(String),
      expires_in: 3600,
    });
    const started = await call(open, '/conversations', {
      method: 'POST',
      token: generated.token,
      body: { locale: 'nb-NO' },
    });
    expect(started.status).toBe(201);
    expect(((await started.json()) as Issued).conversationId).toBe(generated.conversationId);

    const first = await activities(open, generated.conversationId, generated.token);
    expect(first.activities.map((activity) => activity.from.role)).toEqual(['bot']);
    const posted = await call(open, `/conversations/${generated.conversationId}/activities`, {
      method: 'POST',
      token: generated.token,
      body: {
        type: 'message',
        text: 'Hei! Jeg er sykepleier og vil lære mer om ledelse',
        from: { id: 'someone-else' },
        locale: 'nb-NO',
      },
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    const page = await pollUntil(
      open,
      { conversationId: generated.conversationId, token: generated.token, watermark: first.watermark },
      (activity) => activity.type === 'message' && activity.replyToId === id,
    );
    const types = page.activities.map((activity) => `${activity.from.role}:${activity.type}`);
    expect(types).toEqual(['user:message', 'bot:typing', 'bot:message']);
    // The user is who the token says, not who the activity claims to be.
    expect(page.activities[0].from.id).toMatch(/^dl_/);
    expect(page.activities[2].text).toMatch(/Hvor mye tid har du/);
    const later = await activities(open, generated.conversationId, generated.token, page.watermark);
    expect(later.activities).toEqual([]);
  });

  test('a token opens only its own conversation; refresh keeps it', async () => {
    const one = (await (await call(open, '/tokens/generate', { method: 'POST' })).json()) as Issued;
    const two = (await (await call(open, '/tokens/generate', { method: 'POST' })).json()) as Issued;
    expect((await call(open, `/conversations/${one.conversationId}/activities`, { token: two.token })).status).toBe(
      403,
    );
    expect(
      (await call(open, `/conversations/${one.conversationId}/activities`, { token: 'forged.token' })).status,
    ).toBe(403);
    const refreshed = (await (
      await call(open, '/tokens/refresh', { method: 'POST', token: one.token })
    ).json()) as Issued;
    expect(refreshed.conversationId).toBe(one.conversationId);
    expect(
      (await call(open, `/conversations/${one.conversationId}/activities`, { token: refreshed.token })).status,
    ).toBe(200);
  });

  test('with VEILEDER_DIRECT_LINE_SECRET set, tokens are issued only for the secret, which may name the user', async () => {
    expect((await call(guarded, '/tokens/generate', { method: 'POST' })).status).toBe(401);
    expect(
      (await call(guarded, '/tokens/generate', { method: 'POST', token: 'wrong-secret-wrong-secret' })).status,
    ).toBe(403);
    const issued = await call(guarded, '/tokens/generate', {
      method: 'POST',
      token: secret,
      body: { user: { id: 'portal-user-42' } },
    });
    expect(issued.status).toBe(200);
    const { conversationId, token } = (await issued.json()) as Issued;
    await call(guarded, `/conversations/${conversationId}/activities`, {
      method: 'POST',
      token,
      body: { type: 'message', text: 'hjelp' },
    });
    const page = await pollUntil(
      guarded,
      { conversationId, token },
      (activity) => activity.type === 'message' && activity.replyToId !== undefined,
    );
    // The portal's ids live in their own namespace: no web chat session can name them.
    expect(page.activities.find((activity) => activity.from.role === 'user').from.id).toBe('portal:portal-user-42');
    const { rows } = await guarded.harness.database.pool.query(
      `SELECT 1 FROM channel_identity WHERE channel = 'web' AND external_id = 'portal:portal-user-42'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe('Direct Line input checks', () => {
  test('an activity without a type, or an unparseable token, is refused with a Direct Line error', async () => {
    const issued = (await (await call(open, '/tokens/generate', { method: 'POST' })).json()) as Issued;
    const bad = await call(open, `/conversations/${issued.conversationId}/activities`, {
      method: 'POST',
      token: issued.token,
      body: { text: 'no type' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'BadArgument', message: expect.stringContaining('type') },
    });
    const expired = await call(open, `/conversations/${issued.conversationId}/activities`, {
      token: `${issued.token.split('.')[0]}.tampered`,
    });
    expect(expired.status).toBe(403);
    const preflight = await fetch(`${open.url}/v3/directline/conversations`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});
