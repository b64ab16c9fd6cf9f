import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { requestFrom } from '../support/request-from.js';

// Issue 15, item 6: one client must not be able to fill the server's memory or lock other visitors out.
// Each test speaks from its own loopback address, so each is a client with its own rate-limit buckets.

let tight: ChannelServer;
let roomy: ChannelServer;

beforeAll(async () => {
  tight = await startChannelServer({
    environment: {
      VEILEDER_DIRECT_LINE_STARTS_PER_MINUTE: '3',
      VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE: '5',
      VEILEDER_DIRECT_LINE_MAX_CONVERSATION_KB: '64',
    },
  });
  roomy = await startChannelServer({ environment: { VEILEDER_DIRECT_LINE_POSTS_PER_MINUTE: '100' } });
});
afterAll(async () => {
  await tight?.close();
  await roomy?.close();
});

const send = (
  server: ChannelServer,
  localAddress: string,
  path: string,
  options: { method?: string; token?: string; body?: unknown } = {},
) => requestFrom({ localAddress, url: `${server.url}/v3/directline${path}`, ...options });

async function start(server: ChannelServer, localAddress: string) {
  const started = await send(server, localAddress, '/conversations', { method: 'POST' });
  expect(started.status).toBe(201);
  return started.body as { conversationId: string; token: string };
}

const event = (kilobytes: number) => ({ type: 'event', name: 'filler', value: 'x'.repeat(kilobytes * 1024) });

describe('Direct Line limits', () => {
  test('an activity over 32 KB is refused with 413 and a Direct Line error, and is not stored', async () => {
    const { conversationId, token } = await start(tight, '127.0.0.2');
    const posted = await send(tight, '127.0.0.2', `/conversations/${conversationId}/activities`, {
      method: 'POST',
      token,
      body: event(40),
    });
    expect(posted.status).toBe(413);
    expect(posted.body).toMatchObject({ error: { code: 'MessageSizeTooBig', message: expect.stringContaining('32') } });
    const page = await send(tight, '127.0.0.2', `/conversations/${conversationId}/activities`, { token });
    expect(page.body.activities.map((activity: { type: string }) => activity.type)).toEqual(['message']);
  });

  test('a conversation refuses activities past its total size', async () => {
    const { conversationId, token } = await start(tight, '127.0.0.3');
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1)
      statuses.push(
        (
          await send(tight, '127.0.0.3', `/conversations/${conversationId}/activities`, {
            method: 'POST',
            token,
            body: event(20),
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 413]);
  });

  test('a page of activities is bounded, and the watermark walks through the rest', async () => {
    const { conversationId, token } = await start(roomy, '127.0.0.4');
    for (let index = 0; index < 12; index += 1) {
      expect(
        (
          await send(roomy, '127.0.0.4', `/conversations/${conversationId}/activities`, {
            method: 'POST',
            token,
            body: event(30),
          })
        ).status,
      ).toBe(200);
    }
    const first = await send(roomy, '127.0.0.4', `/conversations/${conversationId}/activities`, { token });
    expect(JSON.stringify(first.body).length).toBeLessThanOrEqual(256 * 1024);
    expect(first.body.activities.length).toBeGreaterThan(0);
    const second = await send(
      roomy,
      '127.0.0.4',
      `/conversations/${conversationId}/activities?watermark=${first.body.watermark}`,
      { token },
    );
    expect(first.body.activities.length + second.body.activities.length).toBe(13);
    expect(second.body.activities[0].id).not.toBe(first.body.activities.at(-1).id);
  });

  test('starting conversations is rate-limited per client, with Retry-After; other clients still get in', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1)
      statuses.push((await send(tight, '127.0.0.5', '/tokens/generate', { method: 'POST' })).status);
    const refused = await send(tight, '127.0.0.5', '/conversations', { method: 'POST' });
    expect(statuses).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toMatchObject({ error: { code: 'TooManyRequests' } });
    expect((await send(tight, '127.0.0.6', '/tokens/generate', { method: 'POST' })).status).toBe(200);
  });

  test('posting is rate-limited per client, with Retry-After', async () => {
    const { conversationId, token } = await start(tight, '127.0.0.7');
    const statuses: number[] = [];
    for (let index = 0; index < 6; index += 1)
      statuses.push(
        (
          await send(tight, '127.0.0.7', `/conversations/${conversationId}/activities`, {
            method: 'POST',
            token,
            body: { type: 'event', name: 'ping' },
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
