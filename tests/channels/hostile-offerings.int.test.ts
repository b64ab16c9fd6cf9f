import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { escapeCardMarkdown } from '../../adapters/channels/card-markdown.js';
import { escapeMrkdwn } from '../../adapters/slack/mrkdwn.js';
import { sayOnSlack, sayOnTeams, sayOnWeb } from '../support/channel-clients.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { fakeSlackIds, startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { hostile, hostileCatalogue, hostileQuestion } from '../support/hostile-offerings.js';

// Security issue 15, items 4 and 20–22: offerings an attacker published in a feed (markup in 1,000-character
// titles, URLs of 2,000 characters that try to break out of Slack links, an old row with a javascript: link)
// suggested through the real server on the web, in Teams and in Slack.

const signingSecret = 'hostile-offerings-signing-secret-01';
let server: ChannelServer;
let connector: FakeBotConnector;
let slack: FakeSlackApi;
let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-hostile-'));
  connector = await startFakeBotConnector();
  slack = await startFakeSlackApi();
  server = await startChannelServer({
    environment: {
      VEILEDER_TEAMS: 'true',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
    },
    catalogue: await hostileCatalogue(directory),
  });
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await slack?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

const isHttp = (url: unknown) => typeof url === 'string' && /^https?:\/\//.test(url);

describe('links', () => {
  test('suggestions on the web carry only http(s) URLs, even for a row that holds a javascript: link', async () => {
    const { reply } = await sayOnWeb(server, { text: hostileQuestion });
    const old = reply.suggestions.find((suggestion) => suggestion.title === 'Ledelse for sykepleiere – praktisk kurs');
    expect(old, 'the offering with the javascript: link is among the suggestions').toBeDefined();
    expect(old!.url).toBeNull();
    expect(reply.suggestions.every((suggestion) => suggestion.url === null || isHttp(suggestion.url))).toBe(true);
    expect(reply.text).not.toContain('javascript:');
  });
});

describe('Teams', () => {
  test('card texts from data are escaped Markdown, only http(s) URLs open, and the text is sent as plain text', async () => {
    const activity = await sayOnTeams(server, connector, { text: hostileQuestion, aadObjectId: 'aad-hostile' });
    expect(activity.textFormat).toBe('plain');
    const containers = activity.attachments[0].content.body as any[];
    const texts = containers.flatMap((container) =>
      container.items.filter((item: any) => item.type === 'TextBlock').map((item: any) => String(item.text)),
    );
    // No Markdown link or emphasis survives from the data: every [ ] * _ ~ < > is escaped.
    for (const text of texts) expect(text.replace(/\\[\\`*_~[\]<>]/g, '')).not.toMatch(/[[\]*_~<>`]/);
    expect(texts).toContain(`1.\u00A0${escapeCardMarkdown(hostile.markupTitle)}`);
    const opened = containers.flatMap((container) =>
      container.items
        .find((item: any) => item.type === 'ActionSet')
        .actions.filter((action: any) => action.type === 'Action.OpenUrl'),
    );
    expect(opened.length).toBeGreaterThan(0);
    for (const action of opened) expect(isHttp(action.url)).toBe(true);
    const old = containers.find((container) => container.items[0].text.includes('praktisk kurs'));
    expect(
      old.items
        .find((item: any) => item.type === 'ActionSet')
        .actions.some((action: any) => action.type === 'Action.OpenUrl'),
    ).toBe(false);
  });
});

describe('Slack', () => {
  const sections = (message: Record<string, any>) =>
    (message.blocks as any[]).filter((block) => block.type === 'section').map((block) => String(block.text.text));
  /** The links in mrkdwn, as [target, label]. */
  const links = (text: string) =>
    [...text.matchAll(/<([^<>|]*)\|([^<>]*)>/g)].map((match): [string, string] => [match[1]!, match[2]!]);

  test('links cannot be broken out of, data cannot mention anyone, and the fallback text is escaped', async () => {
    const message = await sayOnSlack(server, slack, { text: hostileQuestion, userId: 'U0HOSTILE', signingSecret });
    const texts = sections(message);
    for (const text of [...texts, String(message.text)]) {
      // Every < starts a link to an http(s) address; no <!channel>, <!here> or <@user> from the data.
      expect(
        text.match(/<[^<>]*>/g)?.every((token) => /^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(token)) ?? true,
        text.slice(0, 200),
      ).toBe(true);
      expect(text).not.toMatch(/<[!@#]/);
    }
    const all = links(texts.join('\n'));
    expect(all).toContainEqual([
      'https://evil.example/x%7COffisiell%20NOKUT-side%3E',
      'Ledelse i sykepleie: Offisiell NOKUT-side',
    ]);
    expect(all.every(([target]) => isHttp(target))).toBe(true);
    expect(all.some(([, label]) => label.includes('praktisk kurs'))).toBe(false);
  });

  test('long texts are split over sections within Slack’s limits at word and entity boundaries, and no text is lost', async () => {
    const message = await sayOnSlack(server, slack, { text: hostileQuestion, userId: 'U0LIMITS', signingSecret });
    const answer = slack.calls
      .filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === 'DU0LIMITS')
      .at(-1)!;
    expect(answer.arguments).toBe(message);
    const texts = sections(message);
    expect((message.blocks as any[]).length).toBeLessThanOrEqual(50);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(3000);
      // A bare & outside a link address would be a cut entity.
      expect(text.replace(/<https?:\/\/[^|<>\s]+\|/g, '<|').replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
    /** What the reader sees, without layout: link labels but not addresses, no whitespace or bold/italic markers. */
    const letters = (text: string) => text.replace(/<https?:\/\/[^|<>\s]+\|([^<>]*)>/g, '$1').replace(/[\s*_]/g, '');
    expect(letters(texts.join(''))).toContain(letters(escapeMrkdwn(hostile.ampersandTitle)));
    expect(letters(texts.join(''))).toContain(letters(escapeMrkdwn(hostile.markupTitle)));

    // "Why?" on the ampersand offering: an answer whose text alone is longer than one section, all of it shown.
    const blocks = message.blocks as any[];
    const titleAt = blocks.findIndex(
      (block) => block.type === 'section' && /^\*\d+\. (<[^|<>]*\|)?Ledelse &amp; sykepleie/.test(block.text.text),
    );
    expect(titleAt).toBeGreaterThan(0);
    const buttons = blocks.slice(titleAt).find((block) => block.type === 'actions');
    const explained = await pressSlackButton(
      buttons.elements.find((element: any) => element.action_id.startsWith('veileder:why')),
      'U0LIMITS',
    );
    const explainedTexts = sections(explained);
    expect(explainedTexts.length).toBeGreaterThan(1);
    for (const text of explainedTexts) expect(text.length).toBeLessThanOrEqual(3000);
    expect(letters(explainedTexts.join(''))).toContain(letters(escapeMrkdwn(hostile.ampersandTitle)));
  });

  test('the App Home tab lists the same offerings escaped, with links that cannot be left', async () => {
    await sayOnSlack(server, slack, { text: hostileQuestion, userId: 'U0HOME', signingSecret });
    const event = { type: 'app_home_opened', user: 'U0HOME', channel: 'DU0HOME', tab: 'home', event_ts: '9.1' };
    const body = JSON.stringify({
      token: 'unused',
      team_id: fakeSlackIds.team,
      api_app_id: 'A0VEILEDER',
      type: 'event_callback',
      event_id: `Ev${randomUUID()}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: fakeSlackIds.team, user_id: fakeSlackIds.botUser, is_bot: true }],
      event,
    });
    expect((await signedPost(body, 'application/json')).status).toBe(200);
    const published = (
      await slack.waitFor((all) =>
        all.some((call) => call.method === 'views.publish' && call.arguments.user_id === 'U0HOME'),
      )
    ).find((call) => call.method === 'views.publish' && call.arguments.user_id === 'U0HOME')!;
    const texts = sections(published.arguments.view);
    expect(texts.join('\n')).toContain('Offisiell NOKUT-side');
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(3000);
      expect(text).not.toMatch(/<[!@#]/);
      expect(
        text.match(/<[^<>]*>/g)?.every((token) => /^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(token)) ?? true,
        text.slice(0, 200),
      ).toBe(true);
    }
  });

  async function signedPost(body: string, contentType: string) {
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': contentType,
        'X-Slack-Signature': signature,
        'X-Slack-Request-Timestamp': String(timestamp),
      },
      body,
    });
  }

  async function pressSlackButton(element: Record<string, any>, user: string): Promise<Record<string, any>> {
    const before = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
    const payload = {
      type: 'block_actions',
      api_app_id: 'A0VEILEDER',
      trigger_id: 't1',
      response_url: slack.responseUrl,
      user: { id: user, team_id: fakeSlackIds.team },
      team: { id: fakeSlackIds.team, domain: 'test' },
      channel: { id: `D${user}`, name: 'directmessage' },
      container: { type: 'message', message_ts: '1.1', channel_id: `D${user}`, is_ephemeral: false },
      message: { ts: '1.1', type: 'message', text: '' },
      actions: [{ ...element, block_id: 'veileder-suggestion-1', action_ts: '1.2' }],
    };
    const response = await signedPost(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(200);
    const calls = await slack.waitFor(
      (all) => all.filter((call) => call.method === 'chat.postMessage').length > before,
    );
    return calls.filter((call) => call.method === 'chat.postMessage')[before]!.arguments;
  }
});
