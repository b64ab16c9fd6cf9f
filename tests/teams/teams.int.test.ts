import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';

// Teams through the real server: Bot Framework activities POSTed to /api/messages, replies captured by a
// local Bot Connector at the activity's serviceUrl, the real assistant on real PostgreSQL behind it.

let server: ChannelServer;
let connector: FakeBotConnector;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  server = await startChannelServer({ environment: { VEILEDER_TEAMS: 'true' } });
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
});

const bot = { id: '28:veileder-bot', name: 'Veileder' };

function activity(options: {
  conversationId: string;
  aadObjectId: string;
  conversationType?: string;
  [key: string]: unknown;
}) {
  const { conversationId, aadObjectId, conversationType, ...rest } = options;
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'nb-NO',
    from: { id: `29:${aadObjectId}`, name: 'Kari Nordmann', aadObjectId },
    recipient: bot,
    conversation: { id: conversationId, conversationType: conversationType ?? 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...rest,
  };
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Posts a message and waits for the bot's message answering it. */
async function say(options: {
  conversationId: string;
  aadObjectId: string;
  text?: string;
  value?: unknown;
  conversationType?: string;
  entities?: unknown[];
}) {
  const { text, value, entities, ...who } = options;
  const sent = activity({
    ...who,
    type: 'message',
    ...(text ? { text } : {}),
    ...(value ? { value } : {}),
    ...(entities ? { entities } : {}),
  });
  const response = await post(sent);
  expect(response.status).toBe(200);
  const replies = await connector.waitFor((all) =>
    all.some((entry) => entry.replyToId === sent.id && entry.activity.type === 'message'),
  );
  return { sent, replies: replies.filter((entry) => entry.replyToId === sent.id) };
}

describe('Teams', () => {
  test('installing the app (conversationUpdate) gets a welcome and stores the conversation reference', async () => {
    const update = activity({
      conversationId: 'a:install-1',
      aadObjectId: 'aad-install',
      type: 'conversationUpdate',
      membersAdded: [{ id: bot.id }],
    });
    expect((await post(update)).status).toBe(200);
    const sent = await connector.waitFor((all) => all.some((entry) => entry.conversationId === 'a:install-1'));
    const welcome = sent.find((entry) => entry.conversationId === 'a:install-1')!;
    expect(welcome.activity.text).toMatch(/Jeg er Veileder/);
    const { rows } = await server.harness.database.pool.query(
      `SELECT tenant, conversation_reference FROM channel_identity WHERE channel = 'teams' AND external_id = 'aad-install'`,
    );
    expect(rows[0].tenant).toBe('tenant-1');
    expect(rows[0].conversation_reference).toMatchObject({
      conversation: { id: 'a:install-1' },
      serviceUrl: connector.serviceUrl,
      bot: { id: bot.id },
    });
  });

  test('a personal chat ends in an Adaptive Card of suggestions; its buttons rate and explain', async () => {
    const who = { conversationId: 'a:personal-1', aadObjectId: 'aad-kari' };
    const first = await say({ ...who, text: 'Hei! Jeg er sykepleier og vil lære mer om ledelse' });
    expect(first.replies.some((entry) => entry.activity.type === 'typing')).toBe(true);
    await say({ ...who, text: 'Jeg har fem timer i uka' });
    const final = await say({ ...who, text: 'Helst på nett, og gjerne gratis' });
    const message = final.replies.find((entry) => entry.activity.type === 'message')!.activity;
    const card = message.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const containers = card.content.body as any[];
    expect(containers.length).toBeGreaterThanOrEqual(3);
    const actions = containers[0].items.find((item: any) => item.type === 'ActionSet').actions as any[];
    expect(actions.map((action) => action.title)).toEqual(
      expect.arrayContaining(['Mer som dette', 'Hvorfor?', '👍 Nyttig', '👎 Ikke for meg']),
    );
    expect(message.text).not.toMatch(/^1\. /m);

    // Action.Submit: Teams posts the button's data as the message's value.
    const useful = actions.find((action) => action.title === '👍 Nyttig');
    const rated = await say({ ...who, value: useful.data });
    expect(rated.replies.find((entry) => entry.activity.type === 'message')!.activity.text).toMatch(/Takk/);
    const offeringId = useful.data.veileder.offeringId;
    const ratings = await server.harness.database.pool.query(
      `SELECT r.score FROM rating r JOIN channel_identity i ON i.learner_id = r.learner_id WHERE i.channel = 'teams' AND i.external_id = 'aad-kari' AND r.offering_id = $1`,
      [offeringId],
    );
    expect(ratings.rows).toEqual([{ score: 5 }]);

    // Action.Execute: an adaptiveCard/action invoke is answered in the HTTP response and by a message.
    const why = actions.find((action) => action.title === 'Hvorfor?');
    const invoke = activity({
      ...who,
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'why', data: why.data } },
    });
    const response = await post(invoke);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ statusCode: 200 });
    const explained = await connector.waitFor((all) =>
      all.some((entry) => entry.replyToId === invoke.id && entry.activity.type === 'message'),
    );
    expect(
      explained.find((entry) => entry.replyToId === invoke.id && entry.activity.type === 'message')!.activity.text,
    ).toMatch(/Hvorfor/);
  });

  test('an @mention in a channel is answered, with the mention taken out of the text', async () => {
    const mention = { type: 'mention', text: '<at>Veileder</at>', mentioned: { id: bot.id, name: 'Veileder' } };
    await say({
      conversationId: '19:channel@thread.tacv2',
      aadObjectId: 'aad-ola',
      conversationType: 'channel',
      text: '<at>Veileder</at> hjelp',
      entities: [mention],
    });
    const { rows } = await server.harness.database.pool.query(
      `SELECT t.text FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN channel_identity i ON i.learner_id = c.learner_id
        WHERE i.channel = 'teams' AND i.external_id = 'aad-ola' AND t.role = 'user'`,
    );
    expect(rows).toEqual([{ text: 'hjelp' }]);
  });
});

describe('Teams with Bot Framework authentication configured', () => {
  let secured: ChannelServer;
  beforeAll(async () => {
    secured = await startChannelServer({
      environment: {
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: 'tenant-1',
        MicrosoftAppType: 'SingleTenant',
      },
    });
  });
  afterAll(async () => secured?.close());

  test('a request without a token, or with a token that is not a Bot Framework JWT, gets 401', async () => {
    const body = activity({ conversationId: 'a:secured', aadObjectId: 'aad-x', type: 'message', text: 'hei' });
    const unsigned = await fetch(`${secured.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(unsigned.status).toBe(401);
    const forged = await fetch(`${secured.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not.a.jwt' },
      body: JSON.stringify(body),
    });
    expect(forged.status).toBe(401);
    expect(connector.sent.some((entry) => entry.conversationId === 'a:secured')).toBe(false);
  });
});

describe('Teams when the Bot Framework token cannot be trusted', () => {
  const appId = '00000000-0000-0000-0000-000000000002';
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let keyServer: Server;
  let keyServerUrl: string;
  let closedUrl: string;
  const servers: ChannelServer[] = [];

  beforeAll(async () => {
    // A stand-in for login.botframework.com publishing a key under the forged token's key id — not the one that signed it.
    const published = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const app = express();
    app.get('/openidconfiguration', (_request, response) =>
      response.json({ issuer: 'https://api.botframework.com', jwks_uri: `${keyServerUrl}/keys` }),
    );
    app.get('/keys', (_request, response) =>
      response.json({ keys: [{ ...published, kid: 'forged-key', use: 'sig', endorsements: ['msteams'] }] }),
    );
    keyServer = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    keyServerUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
    // A port nothing listens on: fetching the key metadata fails with a connection error.
    const closed: Server = await new Promise((resolve) => {
      const listening = express().listen(0, '127.0.0.1', () => resolve(listening));
    });
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/openidconfiguration`;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await new Promise((resolve) => keyServer?.close(resolve));
  });

  const start = async (openIdMetadataUrl: string) => {
    const server = await startChannelServer({
      environment: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: 'tenant-1',
        MicrosoftAppType: 'SingleTenant',
        BotOpenIdMetadata: openIdMetadataUrl,
      },
    });
    servers.push(server);
    return server;
  };

  function forgedToken(): string {
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${encode({ iss: 'https://api.botframework.com', aud: appId, serviceurl: connector.serviceUrl, nbf: now - 60, exp: now + 3600 })}`;
    return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(signingKey.privateKey).toString('base64url')}`;
  }

  const postForged = (server: ChannelServer, conversationId: string) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${forgedToken()}` },
      body: JSON.stringify(activity({ conversationId, aadObjectId: 'aad-forger', type: 'message', text: 'hei' })),
    });

  test('key metadata that cannot be fetched gets 503 with a neutral message, not 500 with the fetch error', async () => {
    const response = await postForged(await start(closedUrl), 'a:keys-unreachable');
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: {
        code: 'identity_provider_unavailable',
        message: 'The credentials cannot be checked right now. Try again shortly.',
      },
    });
    expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|openidconfiguration|request to/);
    expect(connector.sent.some((entry) => entry.conversationId === 'a:keys-unreachable')).toBe(false);
  });

  test('a token signed by the wrong key gets 401, not 500 "invalid signature"', async () => {
    const response = await postForged(await start(`${keyServerUrl}/openidconfiguration`), 'a:wrong-key');
    expect(response.status).toBe(401);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'unauthenticated', message: 'A valid Bot Framework token is required.' },
    });
    expect(text).not.toMatch(/signature/);
    expect(connector.sent.some((entry) => entry.conversationId === 'a:wrong-key')).toBe(false);
  });
});
