import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sayOnWeb } from '../support/channel-clients.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { hostileCatalogue, hostileQuestion } from '../support/hostile-offerings.js';

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
    environment: { VEILEDER_TEAMS: 'true', SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl },
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
