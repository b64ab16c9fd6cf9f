import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../../adapters/logging.js';
import { createSlackSender } from '../../adapters/push/channel-senders.js';
import { deliverMessage, type DeliveryServices } from '../../adapters/push/deliver-message.js';
import { createInstallTicket } from '../../adapters/slack/install-ticket.js';
import { openSlackInstallations } from '../../adapters/slack/slack-installations.js';
import { slackBotScopes } from '../../adapters/slack/slack-router.js';
import { loadConfiguration } from '../../adapters/configuration.js';
import type { SlackSettings } from '../../adapters/slack/slack-settings.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeSlackApi, type FakeSlackApi, type FakeWorkspace } from '../support/fake-slack-api.js';

// Issue 21: Slack installed by any workspace through "Add to Slack" — Bolt's own installer against a fake
// Slack (oauth.v2.access and the Web API over real HTTP) — then replies and push digests in each workspace
// with that workspace's token only, and uninstalling one stopping it.

const signingSecret = 'workspaces-signing-secret-0123456789';
const credentialSecret = 'workspaces-credential-secret-0123456789abcdef';
let slack: FakeSlackApi;
let server: ChannelServer;
let settings: Extract<SlackSettings, { mode: 'any-workspace' }>;

const fjord: FakeWorkspace = {
  teamId: 'T0FJORD',
  teamName: 'Fjordbygg AS',
  botToken: 'xoxb-fjord-4f1c9d',
  botUserId: 'U0FJORDBOT',
  botId: 'B0FJORD',
  installer: 'U0FJORDADMIN',
};
const bakeri: FakeWorkspace = {
  teamId: 'T0BAKERI',
  teamName: 'Bakeriet i Byen',
  botToken: 'xoxb-bakeri-8e2a7b',
  botUserId: 'U0BAKERIBOT',
  botId: 'B0BAKERI',
  installer: 'U0BAKERIADMIN',
};

beforeAll(async () => {
  slack = await startFakeSlackApi();
  const environment = {
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_CLIENT_ID: slack.client.id,
    SLACK_CLIENT_SECRET: slack.client.secret,
    SLACK_API_URL: slack.apiUrl,
    VEILEDER_CREDENTIAL_SECRET: credentialSecret,
  };
  server = await startChannelServer({ environment });
  settings = loadConfiguration(environment).channels.slack as typeof settings;
});
afterAll(async () => {
  await server?.close();
  await slack?.close();
});

const pool = () => server.harness.database.pool;

/** "Add to Slack" as a browser does it: /slack/install, Slack's consent (the fake hands out `code`), the redirect back. */
async function install(workspace: FakeWorkspace, query = ''): Promise<Response> {
  const start = await fetch(`${server.url}/slack/install${query}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
  expect(authorize.searchParams.get('client_id')).toBe(slack.client.id);
  expect(authorize.searchParams.get('scope')!.split(',')).toEqual(slackBotScopes);
  const state = authorize.searchParams.get('state')!;
  const cookie = /^(veileder-slack-install=[^;]+)/.exec(start.headers.get('set-cookie') ?? '')![1]!;
  const code = `code-${randomUUID()}`;
  slack.addWorkspace({ ...workspace, code });
  return fetch(`${server.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

function sign(body: string) {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'X-Slack-Signature': `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
    'X-Slack-Request-Timestamp': String(timestamp),
  };
}

async function sendEvent(workspace: FakeWorkspace, event: Record<string, unknown>) {
  const body = JSON.stringify({
    token: 'unused',
    team_id: workspace.teamId,
    api_app_id: 'A0VEILEDER',
    type: 'event_callback',
    event_id: `Ev${randomUUID()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: workspace.teamId, user_id: workspace.botUserId, is_bot: true }],
    event,
  });
  return fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...sign(body) },
    body,
  });
}

const postsTo = (channel: string) =>
  slack.calls.filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === channel);

async function directMessage(workspace: FakeWorkspace, user: string, text: string) {
  const before = postsTo(`D${user}`).length;
  const ts = `${Date.now() / 1000}`;
  expect(
    (
      await sendEvent(workspace, {
        type: 'message',
        channel_type: 'im',
        channel: `D${user}`,
        user,
        text,
        ts,
        event_ts: ts,
      })
    ).status,
  ).toBe(200);
  await slack.waitFor(() => postsTo(`D${user}`).length > before);
  return postsTo(`D${user}`).slice(before);
}

/** A digest due for the learner `team:user` with three offerings of the catalogue matched. */
async function dueDigest(externalId: string): Promise<string> {
  const learner = (
    await pool().query<{ learner_id: string }>(
      'SELECT learner_id FROM channel_identity WHERE channel = $1 AND external_id = $2',
      ['slack', externalId],
    )
  ).rows[0]!.learner_id;
  await pool().query(
    `INSERT INTO push_preference (learner_id, quiet_start_hour, quiet_end_hour, language) VALUES ($1, 0, 0, 'nb') ON CONFLICT (learner_id) DO NOTHING`,
    [learner],
  );
  await pool().query(
    `INSERT INTO push_match (learner_id, offering_id, score, reasons) SELECT $1, id, 1, '{}' FROM offering WHERE id NOT IN (SELECT offering_id FROM push_match WHERE learner_id = $1) ORDER BY id LIMIT 3`,
    [learner],
  );
  return (
    await pool().query<{ id: string }>(
      `INSERT INTO push_message (learner_id, kind, dedupe_key, period) VALUES ($1, 'digest', $2, $3) RETURNING id`,
      [learner, `digest:${randomUUID()}`, randomUUID().slice(0, 8)],
    )
  ).rows[0]!.id;
}

function delivery(): DeliveryServices {
  const installations = openSlackInstallations({ pool: pool(), databaseKind: 'server', settings, log: silentLogger });
  return {
    pool: pool(),
    workerId: 'test:workspaces',
    senders: { slack: createSlackSender({ installations, apiUrl: slack.apiUrl }) },
    leaseSeconds: 30,
    maxAttempts: 3,
    unsubscribeUrl: async () => 'http://veileder.test/unsubscribe/x',
    log: silentLogger,
  };
}

describe('Slack in any workspace', () => {
  test('two workspaces install through "Add to Slack"; each answers and gets digests with its own token only; uninstalling one stops it', async () => {
    const installed = await install(fjord);
    expect(installed.status).toBe(200);
    expect(await installed.text()).toContain('Veileder er lagt til i Fjordbygg AS');
    expect((await install(bakeri)).status).toBe(200);
    // Bolt's installer asked Slack who the bot is with the new token, once per workspace.
    expect(slack.calls.filter((call) => call.method === 'auth.test').map((call) => call.token)).toEqual(
      expect.arrayContaining([fjord.botToken, bakeri.botToken]),
    );

    // Tokens at rest: neither token is anywhere in the table's text, and another secret opens nothing.
    const dump = JSON.stringify((await pool().query('SELECT * FROM slack_installation ORDER BY id')).rows);
    expect(dump).toContain('T0FJORD');
    expect(dump).not.toContain('xoxb-');
    const withOtherSecret = openSlackInstallations({
      pool: pool(),
      databaseKind: 'server',
      settings: {
        ...settings,
        tokenSecret: { configured: 'some-other-secret-that-is-long-enough-0123', dataDir: '/nonexistent' },
      },
    });
    await expect(withOtherSecret.botToken({ teamId: fjord.teamId })).rejects.toThrow(
      /not the secret it was sealed with/,
    );
    expect(
      await openSlackInstallations({ pool: pool(), databaseKind: 'server', settings }).botToken({
        teamId: fjord.teamId,
      }),
    ).toBe(fjord.botToken);

    // A message in each workspace is answered with that workspace's token.
    const fjordReplies = await directMessage(fjord, 'U0FJORDOLA', 'Jeg er tømrer og vil lære mer om ledelse');
    const bakeriReplies = await directMessage(bakeri, 'U0BAKERIKARI', 'Jeg er baker og vil lære regnskap');
    expect(fjordReplies.map((call) => call.token)).toEqual(fjordReplies.map(() => fjord.botToken));
    expect(bakeriReplies.map((call) => call.token)).toEqual(bakeriReplies.map(() => bakeri.botToken));
    // App Home too.
    expect(
      (
        await sendEvent(bakeri, {
          type: 'app_home_opened',
          user: 'U0BAKERIKARI',
          channel: 'DU0BAKERIKARI',
          tab: 'home',
          event_ts: '2.1',
        })
      ).status,
    ).toBe(200);
    const home = (
      await slack.waitFor((all) =>
        all.some((call) => call.method === 'views.publish' && call.arguments.user_id === 'U0BAKERIKARI'),
      )
    ).find((call) => call.method === 'views.publish')!;
    expect(home.token).toBe(bakeri.botToken);

    // A push digest in each, with the same workspace's token only.
    const services = delivery();
    const fjordDigest = await dueDigest('T0FJORD:U0FJORDOLA');
    const bakeriDigest = await dueDigest('T0BAKERI:U0BAKERIKARI');
    expect(await deliverMessage(services, fjordDigest)).toBe('sent');
    expect(await deliverMessage(services, bakeriDigest)).toBe('sent');
    const digestCalls = (user: string) =>
      slack.calls.filter(
        (call) =>
          ['conversations.open', 'chat.postMessage'].includes(call.method) &&
          (call.arguments.users === user ||
            (call.arguments.channel === `D${user}` && call.arguments.metadata?.event_type === 'veileder_push')),
      );
    expect(digestCalls('U0FJORDOLA').length).toBeGreaterThanOrEqual(2);
    expect(new Set(digestCalls('U0FJORDOLA').map((call) => call.token))).toEqual(new Set([fjord.botToken]));
    expect(new Set(digestCalls('U0BAKERIKARI').map((call) => call.token))).toEqual(new Set([bakeri.botToken]));

    // The bakery uninstalls: Slack revokes the token and sends app_uninstalled.
    slack.revoke(bakeri.botToken);
    expect((await sendEvent(bakeri, { type: 'app_uninstalled', event_ts: '3.1' })).status).toBe(200);
    for (
      let waited = 0;
      (await pool().query('SELECT 1 FROM slack_installation WHERE id = $1', [bakeri.teamId])).rowCount! > 0;
      waited += 50
    ) {
      if (waited > 10_000) throw new Error('the installation was not deleted within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await pool().query('SELECT id FROM slack_installation')).rows).toEqual([{ id: 'T0FJORD' }]);

    // Nothing more goes to the bakery: a message there is not answered, its digest waits on the web.
    const callsBefore = slack.calls.length;
    const ts = `${Date.now() / 1000}`;
    expect(
      (
        await sendEvent(bakeri, {
          type: 'message',
          channel_type: 'im',
          channel: 'DU0BAKERIKARI',
          user: 'U0BAKERIKARI',
          text: 'hjelp',
          ts,
          event_ts: ts,
        })
      ).status,
    ).toBe(200);
    const nextDigest = await dueDigest('T0BAKERI:U0BAKERIKARI');
    expect(await deliverMessage(services, nextDigest)).toBe('sent');
    expect((await pool().query('SELECT channel FROM push_message WHERE id = $1', [nextDigest])).rows[0]).toEqual({
      channel: 'web',
    });
    // The fjord goes on as before.
    await directMessage(fjord, 'U0FJORDOLA', 'hjelp');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(slack.calls.slice(callsBefore).filter((call) => call.token === bakeri.botToken)).toEqual([]);
  });

  test('the install state is checked: another browser, a replay and a made-up state are refused', async () => {
    const start = await fetch(`${server.url}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cookie = /^(veileder-slack-install=[^;]+)/.exec(start.headers.get('set-cookie') ?? '')![1]!;
    const workspace = { ...fjord, teamId: 'T0STATE', botToken: 'xoxb-state-1' };
    slack.addWorkspace({ ...workspace, code: 'state-code' });
    // Without the cookie (another browser): refused, and Slack is never asked for the token.
    const otherBrowser = await fetch(
      `${server.url}/slack/oauth_redirect?code=state-code&state=${encodeURIComponent(state)}`,
      { redirect: 'manual' },
    );
    expect(otherBrowser.status).toBe(400);
    const madeUp = await fetch(`${server.url}/slack/oauth_redirect?code=state-code&state=made-up`, {
      headers: { cookie: 'veileder-slack-install=made-up' },
      redirect: 'manual',
    });
    expect(madeUp.status).toBe(400);
    expect(await madeUp.text()).toContain('Lenken var utløpt eller allerede brukt');
    expect(slack.calls.some((call) => call.method === 'oauth.v2.access' && call.arguments.code === 'state-code')).toBe(
      false,
    );
    // The right browser installs once; the same state again is refused.
    expect(
      (
        await fetch(`${server.url}/slack/oauth_redirect?code=state-code&state=${encodeURIComponent(state)}`, {
          headers: { cookie },
          redirect: 'manual',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await fetch(`${server.url}/slack/oauth_redirect?code=state-code&state=${encodeURIComponent(state)}`, {
          headers: { cookie },
          redirect: 'manual',
        })
      ).status,
    ).toBe(400);
    await pool().query(`DELETE FROM slack_installation WHERE id = 'T0STATE'`);
  });

  test("installed from an organisation's page, the workspace is linked to that organisation; a forged ticket is refused", async () => {
    const organisation = (
      await pool().query<{ id: string }>(
        `INSERT INTO organisation (id, name, organisation_number) VALUES ($1, 'Fjellbygg AS', '923609016') RETURNING id`,
        [randomUUID()],
      )
    ).rows[0]!.id;
    const ticket = await createInstallTicket({
      pool: pool(),
      origin: { organisationId: organisation, adviserId: null },
    });
    const workspace: FakeWorkspace = {
      teamId: 'T0FJELL',
      teamName: 'Fjellbygg',
      botToken: 'xoxb-fjell-1',
      botUserId: 'U0FJELLBOT',
      botId: 'B0FJELL',
      installer: 'U0FJELLHR',
    };
    const installed = await install(workspace, `?organisation=${encodeURIComponent(ticket)}`);
    expect(installed.status).toBe(200);
    expect(await installed.text()).toContain('koblet til organisasjonen');
    expect(
      (
        await pool().query(
          'SELECT channel, workspace_id, name, organisation_id FROM organisation_channel_link WHERE organisation_id = $1',
          [organisation],
        )
      ).rows,
    ).toEqual([{ channel: 'slack', workspace_id: 'T0FJELL', name: 'Fjellbygg', organisation_id: organisation }]);
    const forged = `${ticket.split('.')[0]}.${'A'.repeat(43)}`;
    expect(
      (await fetch(`${server.url}/slack/install?organisation=${encodeURIComponent(forged)}`, { redirect: 'manual' }))
        .status,
    ).toBe(400);
    // A ticket is good for an hour.
    const old = await createInstallTicket({
      pool: pool(),
      origin: { organisationId: organisation, adviserId: null },
      now: new Date(Date.now() - 61 * 60_000),
    });
    expect(
      (await fetch(`${server.url}/slack/install?organisation=${encodeURIComponent(old)}`, { redirect: 'manual' }))
        .status,
    ).toBe(400);
    // Uninstalling removes the link with the installation.
    expect(
      (await sendEvent(workspace, { type: 'tokens_revoked', tokens: { bot: [workspace.botUserId] }, event_ts: '4.1' }))
        .status,
    ).toBe(200);
    for (
      let waited = 0;
      (await pool().query('SELECT 1 FROM organisation_channel_link WHERE organisation_id = $1', [organisation]))
        .rowCount! > 0;
      waited += 50
    ) {
      if (waited > 10_000) throw new Error('the link was not removed within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await pool().query(`SELECT 1 FROM slack_installation WHERE id = 'T0FJELL'`)).rowCount).toBe(0);
    const audit = await pool().query(
      `SELECT action, detail->>'via' AS via FROM audit_log WHERE subject_id = $1 ORDER BY at`,
      [organisation],
    );
    expect(audit.rows).toEqual([
      { action: 'organisation.workspace_linked', via: 'slack_install' },
      { action: 'organisation.workspace_unlinked', via: 'slack_uninstall' },
    ]);
  });
});
