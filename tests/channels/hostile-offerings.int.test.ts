import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { escapeCardMarkdown } from '../../adapters/channels/card-markdown.js';
import { sayOnTeams, sayOnWeb } from '../support/channel-clients.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
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

describe('Teams', () => {
  test('card texts from data are escaped Markdown, only http(s) URLs open, and the text is sent as plain text', async () => {
    const activity = await sayOnTeams(server, connector, { text: hostileQuestion, aadObjectId: 'aad-hostile' });
    expect(activity['textFormat']).toBe('plain');
    const containers = activity['attachments'][0].content.body as any[];
    const texts = containers.flatMap((container) => container.items.filter((item: any) => item.type === 'TextBlock').map((item: any) => String(item.text)));
    // No Markdown link or emphasis survives from the data: every [ ] * _ ~ < > is escaped.
    for (const text of texts) expect(text.replace(/\\[\\`*_~[\]<>]/g, '')).not.toMatch(/[[\]*_~<>`]/);
    expect(texts).toContain(`1.\u00A0${escapeCardMarkdown(hostile.markupTitle)}`);
    const opened = containers.flatMap((container) => container.items.find((item: any) => item.type === 'ActionSet').actions.filter((action: any) => action.type === 'Action.OpenUrl'));
    expect(opened.length).toBeGreaterThan(0);
    for (const action of opened) expect(isHttp(action.url)).toBe(true);
    const old = containers.find((container) => container.items[0].text.includes('praktisk kurs'));
    expect(old.items.find((item: any) => item.type === 'ActionSet').actions.some((action: any) => action.type === 'Action.OpenUrl')).toBe(false);
  });
});
