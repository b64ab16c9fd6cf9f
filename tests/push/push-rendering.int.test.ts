import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cardLink, escapeCardMarkdown } from '../../adapters/channels/card-markdown.js';
import { silentLogger } from '../../adapters/logging.js';
import { createSlackSender, createTeamsSender } from '../../adapters/push/channel-senders.js';
import { deliverMessage, type DeliveryServices } from '../../adapters/push/deliver-message.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { storedMessagePayloadSchema } from '../../src/push/learner-message.js';
import { pushTexts } from '../../src/push/push-texts.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { hostile, hostileIds, writeHostileFeed } from '../support/hostile-offerings.js';

// Security issue 15, items 20–23 for push: a digest of the hostile offerings (1,000-character titles with
// markup, 2,000-character URLs that try to leave Slack links, a javascript: link left by an older import, a
// reason with markup as a model could write it) delivered by the real delivery step and senders to a fake
// Bot Connector and a fake Slack Web API, on real PostgreSQL.

let database: TestDatabase;
let connector: FakeBotConnector;
let slack: FakeSlackApi;
let directory: string;
let services: DeliveryServices;

const reason = 'matcher «ledelse» [Logg inn her](https://evil.example/phish) <!channel> *gratis*';

beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-push-rendering-'));
  await importCatalogueFile(database, { file: await writeHostileFeed(directory), source: 'hostile_feed' });
  // A row as an import before URLs were checked left it.
  await database.pool.query(
    `UPDATE offering SET url = $1 WHERE id = (SELECT offering_id FROM offering_source WHERE external_id = $2)`,
    [hostile.javascriptUrl, hostileIds.javascript],
  );
  connector = await startFakeBotConnector();
  slack = await startFakeSlackApi();
  const channels = loadConfiguration({
    VEILEDER_TEAMS: 'true',
    SLACK_SIGNING_SECRET: 'unused-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-push',
    SLACK_API_URL: slack.apiUrl,
  }).channels;
  services = {
    pool: database.pool,
    workerId: 'test:1',
    senders: {
      teams: createTeamsSender(channels.teams),
      slack: createSlackSender({ botToken: 'xoxb-push', apiUrl: slack.apiUrl }),
    },
    leaseSeconds: 30,
    maxAttempts: 3,
    unsubscribeUrl: async () => 'http://veileder.test/unsubscribe/token',
    log: silentLogger,
  };
});
afterAll(async () => {
  await connector?.close();
  await slack?.close();
  await database?.drop();
  if (directory) await rm(directory, { recursive: true, force: true });
});

/** A learner in `channel` with every hostile offering matched and a digest due; returns the digest's id. */
async function dueDigest(channel: 'teams' | 'slack', externalId: string, reference: unknown): Promise<string> {
  const learner = (await database.pool.query<{ id: string }>('INSERT INTO learner DEFAULT VALUES RETURNING id'))
    .rows[0]!.id;
  await database.pool.query(
    `INSERT INTO push_preference (learner_id, quiet_start_hour, quiet_end_hour, language) VALUES ($1, 0, 0, 'nb')`,
    [learner],
  );
  await database.pool.query(
    'INSERT INTO channel_identity (learner_id, channel, external_id, conversation_reference) VALUES ($1, $2, $3, $4)',
    [learner, channel, externalId, JSON.stringify(reference)],
  );
  await database.pool.query(
    `INSERT INTO push_match (learner_id, offering_id, score, reasons) SELECT $1, offering_id, 1, $2 FROM offering_source WHERE source = 'hostile_feed'`,
    [learner, JSON.stringify({ text: { nb: reason, nn: reason, en: reason } })],
  );
  const message = await database.pool.query<{ id: string }>(
    `INSERT INTO push_message (learner_id, kind, dedupe_key, period, channel) VALUES ($1, 'digest', $2, '2026-12', $3) RETURNING id`,
    [learner, `digest:${learner}`, channel],
  );
  return message.rows[0]!.id;
}

async function storedPayload(messageId: string) {
  return (await database.pool.query('SELECT state, payload FROM push_message WHERE id = $1', [messageId])).rows[0];
}

describe('a digest of hostile offerings', () => {
  test('in Teams: the items once (in the card, not again in the text), Markdown escaped, only http(s) links', async () => {
    const conversationId = `a:${randomUUID()}`;
    const messageId = await dueDigest('teams', 'aad-push-hostile', {
      serviceUrl: connector.serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationId },
      bot: { id: '28:veileder' },
      user: { id: '29:learner' },
    });
    expect(await deliverMessage(services, messageId)).toBe('sent');
    const activity = connector.sent.find((entry) => entry.conversationId === conversationId)!.activity;
    const card = activity.attachments[0].content;

    // Item 23: the text is the lead, the items are in the card only.
    expect(activity.text).toBe(pushTexts.nb.digestLead(4));
    expect(activity.textFormat).toBe('plain');
    const everything = JSON.stringify({ text: activity.text, body: card.body });
    expect(everything.split('Offisiell NOKUT-side').length - 1).toBe(1);
    expect(card.body).toHaveLength(4);

    // Item 20: titles, providers and reasons are escaped; a link only to an http(s) address.
    const texts = (card.body as any[]).map((container) => container.items.map((item: any) => String(item.text)));
    expect(texts.map((blocks) => blocks[0])).toEqual(
      expect.arrayContaining([
        cardLink(hostile.markupTitle, hostile.breakoutUrl),
        escapeCardMarkdown('Ledelse for sykepleiere – praktisk kurs'),
      ]),
    );
    for (const [, provider, why] of texts) {
      expect(provider).toBe(escapeCardMarkdown(hostile.providerName));
      expect(why).toBe(escapeCardMarkdown(`Hvorfor: ${reason}`));
    }
    expect(everything).not.toContain('javascript:');
    for (const action of card.actions) if (action.type === 'Action.OpenUrl') expect(action.url).toMatch(/^https?:\/\//);

    // A 1,000-character title still reads back from the stored digest (a re-claim parses it again).
    const stored = await storedPayload(messageId);
    expect(stored.state).toBe('sent');
    expect(storedMessagePayloadSchema.safeParse(stored.payload).success).toBe(true);
  });

  test('in Slack: escaped, links that cannot be left, every section within 3,000 characters and no text lost', async () => {
    const messageId = await dueDigest('slack', 'T0VEILEDER:U0PUSHHOSTILE', null);
    expect(await deliverMessage(services, messageId)).toBe('sent');
    const posts = slack.calls
      .filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === 'DU0PUSHHOSTILE')
      .map((call) => call.arguments);
    expect(posts.length).toBeGreaterThan(0);
    const sections = posts.flatMap((post) =>
      (post.blocks as any[]).filter((block) => block.type === 'section').map((block) => String(block.text.text)),
    );
    for (const post of posts) expect((post.blocks as any[]).length).toBeLessThanOrEqual(50);
    for (const section of sections) expect(section.length).toBeLessThanOrEqual(3000);
    for (const text of [...sections, ...posts.map((post) => String(post.text))]) {
      expect(text).not.toMatch(/<[!@#]/);
      expect(text.match(/<[^<>]*>/g)?.every((token) => /^<https?:\/\/[^|<>\s]+\|[^<>]*>$/.test(token)) ?? true).toBe(
        true,
      );
      // A bare & outside a link address would be a cut entity.
      expect(text.replace(/<https?:\/\/[^|<>\s]+\|/g, '<|').replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      expect(text).not.toContain('javascript:');
    }
    /** What the reader sees, without layout: link labels but not addresses, entities read, no whitespace or bold/italic markers. */
    const letters = (text: string) =>
      text
        .replace(/<https?:\/\/[^|<>\s]+\|([^<>]*)>/g, '$1')
        .replace(/[\s*_]/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    expect(letters(sections.join(''))).toContain(letters(hostile.ampersandTitle));
    expect(letters(sections.join(''))).toContain(letters(hostile.markupTitle));
    expect((await storedPayload(messageId)).state).toBe('sent');
  });
});
