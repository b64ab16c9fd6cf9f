import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHttpApp } from '../../adapters/web/server.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { fakeSlackIds, startFakeSlackApi, type FakeSlackApi, type SlackCall } from '../support/fake-slack-api.js';

// Slack through the real server: signed Events API, slash command and interactivity requests to
// /slack/events; Bolt's Web API calls captured by a local fake Slack API; the real assistant behind it.

const signingSecret = 'test-signing-secret-0123456789abcdef';
let server: ChannelServer;
let slack: FakeSlackApi;

beforeAll(async () => {
  slack = await startFakeSlackApi();
  server = await startChannelServer({
    environment: {
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.apiUrl,
    },
  });
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

function sign(body: string, timestamp = Math.floor(Date.now() / 1000), secret = signingSecret) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(timestamp) };
}

async function send(body: string, contentType: string, headers = sign(body)) {
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, ...headers },
    body,
  });
}

const sendEvent = (event: Record<string, unknown>) =>
  send(
    JSON.stringify({
      token: 'unused',
      team_id: fakeSlackIds.team,
      api_app_id: 'A0VEILEDER',
      type: 'event_callback',
      event_id: `Ev${randomUUID()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: fakeSlackIds.team, user_id: fakeSlackIds.botUser, is_bot: true }],
      event,
    }),
    'application/json',
  );

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function directMessage(text: string): Promise<SlackCall> {
  const before = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
  const ts = `${Date.now() / 1000}`;
  const response = await sendEvent({
    type: 'message',
    channel_type: 'im',
    channel: 'D0KARI',
    user: 'U0KARI',
    text,
    ts,
    event_ts: ts,
  });
  expect(response.status).toBe(200);
  const calls = await slack.waitFor((all) => all.filter((call) => call.method === 'chat.postMessage').length > before);
  return calls.filter((call) => call.method === 'chat.postMessage')[before]!;
}

describe('Slack request verification', () => {
  const body = JSON.stringify({ type: 'url_verification', challenge: 'challenge-123', token: 'unused' });

  test('a correctly signed request is accepted', async () => {
    const response = await send(body, 'application/json');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('challenge-123');
  });

  test('a bad signature gets 401', async () => {
    const response = await send(body, 'application/json', sign(body, undefined, 'some-other-secret'));
    expect(response.status).toBe(401);
  });

  test('a timestamp older than five minutes gets 401, even when signed correctly', async () => {
    const response = await send(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(response.status).toBe(401);
  });

  test('a timestamp more than five minutes in the future gets 401, even when signed correctly', async () => {
    const response = await send(body, 'application/json', sign(body, Math.floor(Date.now() / 1000) + 6 * 60));
    expect(response.status).toBe(401);
  });
});

describe('Slack retries and replays', () => {
  let second: Server;
  let secondUrl: string;
  beforeAll(async () => {
    // A second server process on the same database: it shares nothing with the first but PostgreSQL.
    const app = createHttpApp({
      database: server.harness.database,
      channels: loadConfiguration({
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_API_URL: slack.apiUrl,
      }).channels,
      handleTurn: (turn) => server.harness.assistant.handleTurn(turn),
    });
    second = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    secondUrl = `http://127.0.0.1:${(second.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    second?.closeAllConnections();
    await new Promise((resolve) => second?.close(resolve));
  });

  const userTurns = async (userId: string) =>
    (
      await server.harness.database.pool.query(
        `SELECT t.text FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.external_id = $1 AND t.role = 'user'`,
        [`${fakeSlackIds.team}:${userId}`],
      )
    ).rows;

  test('an event replayed at once, and retried by Slack to another process, is handled once', async () => {
    const ts = `${Date.now() / 1000}`;
    const body = JSON.stringify({
      token: 'unused',
      team_id: fakeSlackIds.team,
      api_app_id: 'A0VEILEDER',
      type: 'event_callback',
      event_id: `Ev${randomUUID()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: fakeSlackIds.team, user_id: fakeSlackIds.botUser, is_bot: true }],
      event: {
        type: 'message',
        channel_type: 'im',
        channel: 'D0REPLAY',
        user: 'U0REPLAY',
        text: 'hjelp',
        ts,
        event_ts: ts,
      },
    });
    const headers = sign(body);
    expect((await send(body, 'application/json', headers)).status).toBe(200);
    expect((await send(body, 'application/json', headers)).status).toBe(200);
    const retry = await fetch(`${secondUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...sign(body, Math.floor(Date.now() / 1000) + 1),
        'X-Slack-Retry-Num': '1',
        'X-Slack-Retry-Reason': 'http_timeout',
      },
      body,
    });
    expect(retry.status).toBe(200);
    const replies = () =>
      slack.calls.filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === 'D0REPLAY');
    await slack.waitFor(() => replies().length > 0);
    // Nothing more may arrive: give a second (wrong) handling the time the first one took, twice over.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(replies()).toHaveLength(1);
    expect(await userTurns('U0REPLAY')).toEqual([{ text: 'hjelp' }]);
  });

  test('a slash command replayed byte for byte is handled once', async () => {
    const body = form({
      command: '/veileder',
      text: 'Jeg er baker',
      user_id: 'U0BAKER',
      user_name: 'baker',
      team_id: fakeSlackIds.team,
      channel_id: 'C0BAKERY',
      channel_name: 'bakery',
      response_url: slack.responseUrl,
      trigger_id: 't3',
      api_app_id: 'A0VEILEDER',
      token: 'unused',
    });
    const headers = sign(body);
    expect((await send(body, 'application/x-www-form-urlencoded', headers)).status).toBe(200);
    expect(
      (
        await fetch(`${secondUrl}/slack/events`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
          body,
        })
      ).status,
    ).toBe(200);
    for (let waited = 0; (await userTurns('U0BAKER')).length === 0; waited += 50) {
      if (waited > 10_000) throw new Error('the command was not handled within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await userTurns('U0BAKER')).toEqual([{ text: 'Jeg er baker' }]);
  });
});

describe('Slack conversation', () => {
  test('direct messages end in Block Kit suggestions; a rating button is stored; App Home shows profile and suggestions', async () => {
    await directMessage('Hei! Jeg er sykepleier og vil lære mer om ledelse');
    await directMessage('Jeg har fem timer i uka');
    const final = await directMessage('Helst på nett, og gjerne gratis');
    expect(slack.calls.some((call) => call.method === 'auth.test')).toBe(true);
    expect(final.arguments.channel).toBe('D0KARI');
    const blocks = final.arguments.blocks as any[];
    const actionBlocks = blocks.filter(
      (block) => block.type === 'actions' && String(block.block_id).startsWith('veileder-suggestion-'),
    );
    expect(actionBlocks.length).toBeGreaterThanOrEqual(3);
    const useful = actionBlocks[0].elements.find((element: any) => element.action_id.startsWith('veileder:rate_up'));
    const offeringId = JSON.parse(useful.value).offeringId as string;

    const payload = {
      type: 'block_actions',
      api_app_id: 'A0VEILEDER',
      trigger_id: 't1',
      response_url: slack.responseUrl,
      user: { id: 'U0KARI', team_id: fakeSlackIds.team },
      team: { id: fakeSlackIds.team, domain: 'test' },
      channel: { id: 'D0KARI', name: 'directmessage' },
      container: { type: 'message', message_ts: '1.1', channel_id: 'D0KARI', is_ephemeral: false },
      message: { ts: '1.1', type: 'message', text: '' },
      actions: [{ ...useful, block_id: actionBlocks[0].block_id, action_ts: '1.2' }],
    };
    const before = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
    expect((await send(form({ payload: JSON.stringify(payload) }), 'application/x-www-form-urlencoded')).status).toBe(
      200,
    );
    const afterRating = await slack.waitFor(
      (all) => all.filter((call) => call.method === 'chat.postMessage').length > before,
    );
    expect(afterRating.filter((call) => call.method === 'chat.postMessage')[before]!.arguments.text).toMatch(/Takk/);
    const { rows } = await server.harness.database.pool.query(
      `SELECT r.score FROM rating r JOIN channel_identity i ON i.learner_id = r.learner_id WHERE i.channel = 'slack' AND i.external_id = $1 AND r.offering_id = $2`,
      [`${fakeSlackIds.team}:U0KARI`, offeringId],
    );
    expect(rows).toEqual([{ score: 5 }]);

    // The Home tab shows the stored profile, which is kept only with the learner's consent.
    expect((await directMessage('Ja, husk meg')).arguments.text).toMatch(/husker det du forteller/);
    expect(
      (await sendEvent({ type: 'app_home_opened', user: 'U0KARI', channel: 'D0KARI', tab: 'home', event_ts: '2.1' }))
        .status,
    ).toBe(200);
    const published = (await slack.waitFor((all) => all.some((call) => call.method === 'views.publish'))).find(
      (call) => call.method === 'views.publish',
    )!;
    expect(published.arguments.user_id).toBe('U0KARI');
    const home = JSON.stringify(published.arguments.view);
    expect(home).toContain('Sykepleier');
    expect(home).toContain('Lagret (vurdert som nyttig)');
    expect(home).toContain('Siste forslag');
  });

  test('an app_mention is answered in its thread without the mention in the text', async () => {
    const before = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
    await sendEvent({
      type: 'app_mention',
      user: 'U0OLA',
      channel: 'C0GENERAL',
      text: `<@${fakeSlackIds.botUser}> hjelp`,
      ts: '3.1',
      event_ts: '3.1',
    });
    const calls = await slack.waitFor(
      (all) => all.filter((call) => call.method === 'chat.postMessage').length > before,
    );
    const reply = calls.filter((call) => call.method === 'chat.postMessage')[before]!;
    expect(reply.arguments).toMatchObject({ channel: 'C0GENERAL', thread_ts: '3.1' });
    const { rows } = await server.harness.database.pool.query(
      `SELECT t.text FROM turn t JOIN conversation c ON c.id = t.conversation_id JOIN channel_identity i ON i.learner_id = c.learner_id WHERE i.external_id = $1 AND t.role = 'user'`,
      [`${fakeSlackIds.team}:U0OLA`],
    );
    expect(rows).toEqual([{ text: 'hjelp' }]);
  });

  test('the /veileder command is acknowledged and answered at its response_url', async () => {
    const body = form({
      command: '/veileder',
      text: 'Jeg er lærer og vil lære programmering',
      user_id: 'U0PER',
      user_name: 'per',
      team_id: fakeSlackIds.team,
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      response_url: slack.responseUrl,
      trigger_id: 't2',
      api_app_id: 'A0VEILEDER',
      token: 'unused',
    });
    expect((await send(body, 'application/x-www-form-urlencoded')).status).toBe(200);
    const calls = await slack.waitFor((all) => all.some((call) => call.method === 'response_url'));
    const answer = calls.find((call) => call.method === 'response_url')!;
    expect(answer.arguments).toMatchObject({ response_type: 'ephemeral' });
    expect(String(answer.arguments.text).length).toBeGreaterThan(10);
  });
});
