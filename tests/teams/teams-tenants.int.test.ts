import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../../adapters/logging.js';
import { createTeamsSender } from '../../adapters/push/channel-senders.js';
import { deliverMessage, type DeliveryServices } from '../../adapters/push/deliver-message.js';
import { createLearnerMessenger } from '../../adapters/push/enqueue-learner-message.js';
import { createAssignmentStore } from '../../adapters/storage/assignment-store.js';
import { linkWorkspace } from '../../adapters/storage/organisation-channel-link-store.js';
import { addMember, linkMemberToLearner } from '../../adapters/storage/organisation-store.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import { assignOffering } from '../../src/organisations/assign-offering.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';

// Issue 21: one Teams bot, two Microsoft 365 tenants, each reached through its own Bot Connector (Teams gives
// each tenant's conversations a serviceUrl of their region). Replies and proactive messages go to the
// tenant's own conversation; one tenant is tied to an organisation (whose assignment reaches its member in
// Teams), the other to none and still gets the learner assistant.

const tenants = { fjord: '0a1b2c3d-1111-4aaa-8bbb-000000000001', skole: '0a1b2c3d-2222-4aaa-8bbb-000000000002' };
const bot = { id: '28:veileder-bot', name: 'Veileder' };
let server: ChannelServer;
const connectors: Record<keyof typeof tenants, FakeBotConnector> = {} as never;

beforeAll(async () => {
  connectors.fjord = await startFakeBotConnector();
  connectors.skole = await startFakeBotConnector();
  server = await startChannelServer({ environment: { VEILEDER_TEAMS: 'true' } });
});
afterAll(async () => {
  await server?.close();
  await connectors.fjord?.close();
  await connectors.skole?.close();
});

const pool = () => server.harness.database.pool;

/** A personal-chat message from `aadObjectId` in `tenant`; the tenant only in channelData, as Teams often sends it. */
async function say(tenant: keyof typeof tenants, who: { conversationId: string; aadObjectId: string }, text: string) {
  const activity = {
    id: randomUUID(),
    type: 'message',
    channelId: 'msteams',
    serviceUrl: connectors[tenant].serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'nb-NO',
    from: { id: `29:${who.aadObjectId}`, name: 'Ansatt', aadObjectId: who.aadObjectId },
    recipient: bot,
    conversation: { id: who.conversationId, conversationType: 'personal' },
    channelData: { tenant: { id: tenants[tenant] } },
    text,
  };
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  expect(response.status).toBe(200);
  await connectors[tenant].waitFor((all) =>
    all.some((entry) => entry.replyToId === activity.id && entry.activity.type === 'message'),
  );
  return connectors[tenant].sent.filter(
    (entry) => entry.replyToId === activity.id && entry.activity.type === 'message',
  );
}

const learnerOf = async (aadObjectId: string) =>
  (
    await pool().query<{ learner_id: string }>(
      `SELECT learner_id FROM channel_identity WHERE channel = 'teams' AND external_id = $1`,
      [aadObjectId],
    )
  ).rows[0]!.learner_id;

describe('Teams in two tenants', () => {
  test("replies and proactive messages go to each tenant's own conversation; an unlinked tenant still gets the assistant", async () => {
    const ola = { conversationId: 'a:fjord-ola', aadObjectId: 'aad-fjord-ola' };
    const siri = { conversationId: 'a:skole-siri', aadObjectId: 'aad-skole-siri' };

    // The fjord tenant is tied to its organisation; the school's tenant to none.
    const organisationId = (
      await pool().query<{ id: string }>(
        `INSERT INTO organisation (id, name, organisation_number) VALUES ($1, 'Fjordbygg AS', '923609016') RETURNING id`,
        [randomUUID()],
      )
    ).rows[0]!.id;
    await linkWorkspace(pool(), {
      channel: 'teams',
      workspaceId: tenants.fjord,
      name: 'Fjordbygg',
      organisationId,
      adviserId: null,
    });

    const olaReplies = await say('fjord', ola, 'Hei! Jeg er tømrer og vil lære mer om prosjektledelse');
    const siriReplies = await say('skole', siri, 'Hei! Jeg er lærer og vil lære programmering');
    expect(olaReplies.map((entry) => entry.conversationId)).toEqual(olaReplies.map(() => ola.conversationId));
    expect(siriReplies.map((entry) => entry.conversationId)).toEqual(siriReplies.map(() => siri.conversationId));
    // Nothing crossed over: each connector saw only its own tenant's conversation.
    expect(new Set(connectors.fjord.sent.map((entry) => entry.conversationId))).toEqual(new Set([ola.conversationId]));
    expect(new Set(connectors.skole.sent.map((entry) => entry.conversationId))).toEqual(new Set([siri.conversationId]));
    // The unlinked tenant got the learner assistant's answer (a question back about the learner), not an error.
    expect(siriReplies.at(-1)!.activity.text).not.toMatch(/Beklager, noe gikk galt/);
    expect(String(siriReplies.at(-1)!.activity.text ?? '')).not.toBe('');

    // The tenant is stored with the identity and inside each conversation reference.
    const stored = await pool().query(
      `SELECT external_id, tenant, conversation_reference FROM channel_identity WHERE channel = 'teams' ORDER BY external_id`,
    );
    expect(
      stored.rows.map((row) => [
        row.external_id,
        row.tenant,
        row.conversation_reference.conversation.tenantId,
        row.conversation_reference.serviceUrl,
      ]),
    ).toEqual([
      ['aad-fjord-ola', tenants.fjord, tenants.fjord, connectors.fjord.serviceUrl],
      ['aad-skole-siri', tenants.skole, tenants.skole, connectors.skole.serviceUrl],
    ]);

    // Proactive: the organisation recommends a course to Ola (a member linked to his learner), and Siri gets a digest.
    const member = await addMember(pool(), { organisationId, member: { name: 'Ola Tømrer', access: 'member' } });
    await linkMemberToLearner(pool(), { memberId: member.id, learnerId: await learnerOf(ola.aadObjectId) });
    const offeringId = (await pool().query<{ id: string }>('SELECT id FROM offering ORDER BY id LIMIT 1')).rows[0]!.id;
    await assignOffering({
      store: createAssignmentStore({ pool: pool() }),
      messenger: createLearnerMessenger({ pool: pool() }),
      organisationId,
      offeringId,
      target: { memberIds: [member.id] },
      note: 'Før sommeren',
      adviserId: null,
    });
    const siriLearner = await learnerOf(siri.aadObjectId);
    await pool().query(
      `INSERT INTO push_preference (learner_id, quiet_start_hour, quiet_end_hour, language) VALUES ($1, 0, 0, 'nb')`,
      [siriLearner],
    );
    await pool().query(
      `INSERT INTO push_match (learner_id, offering_id, score, reasons) SELECT $1, id, 1, '{}' FROM offering ORDER BY id DESC LIMIT 2`,
      [siriLearner],
    );
    await pool().query(
      `INSERT INTO push_message (learner_id, kind, dedupe_key, period) VALUES ($1, 'digest', $2, '2026-12')`,
      [siriLearner, `digest:${siriLearner}`],
    );
    await pool().query(
      `INSERT INTO push_preference (learner_id, quiet_start_hour, quiet_end_hour, language) VALUES ($1, 0, 0, 'nb') ON CONFLICT (learner_id) DO NOTHING`,
      [await learnerOf(ola.aadObjectId)],
    );

    const services: DeliveryServices = {
      pool: pool(),
      workerId: 'test:tenants',
      senders: { teams: createTeamsSender(loadConfiguration({ VEILEDER_TEAMS: 'true' }).channels.teams) },
      leaseSeconds: 30,
      maxAttempts: 3,
      unsubscribeUrl: async () => 'http://veileder.test/unsubscribe/x',
      log: silentLogger,
    };
    const due = await pool().query<{ id: string; kind: string }>(
      `SELECT id, kind FROM push_message WHERE state = 'pending' ORDER BY kind`,
    );
    expect(due.rows.map((row) => row.kind)).toEqual(['assignment', 'digest']);
    for (const row of due.rows) expect(await deliverMessage(services, row.id)).toBe('sent');

    const proactive = (tenant: keyof typeof tenants) =>
      connectors[tenant].sent.filter((entry) => entry.activity.channelData?.veilederMessageId);
    expect(proactive('fjord')).toHaveLength(1);
    expect(proactive('skole')).toHaveLength(1);
    expect(proactive('fjord')[0]).toMatchObject({
      conversationId: ola.conversationId,
      activity: { channelData: { tenant: { id: tenants.fjord } } },
    });
    expect(proactive('skole')[0]).toMatchObject({
      conversationId: siri.conversationId,
      activity: { channelData: { tenant: { id: tenants.skole } } },
    });
    expect(JSON.stringify(proactive('fjord')[0]!.activity)).toContain('Før sommeren');
  });
});
