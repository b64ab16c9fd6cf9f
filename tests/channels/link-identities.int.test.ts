import { afterAll, beforeAll, expect, test } from 'vitest';
import { createLearnerLinkStore } from '../../adapters/storage/learner-link-store.js';
import { createLearnerLinking } from '../../src/identity/link-learners.js';
import { sayOnSlack, sayOnTeams, sayOnWeb, webIdentityOf } from '../support/channel-clients.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';

// One person, three channels: a one-time code from Teams links the web chat and Slack to the same learner,
// so the profile told in Teams follows; the learners' rows are merged in PostgreSQL.

const signingSecret = 'link-identities-signing-secret-0123';
let server: ChannelServer;
let connector: FakeBotConnector;
let slack: FakeSlackApi;

beforeAll(async () => {
  connector = await startFakeBotConnector();
  slack = await startFakeSlackApi();
  server = await startChannelServer({
    environment: {
      VEILEDER_TEAMS: 'true',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: slack.apiUrl,
    },
    // The served assistant's extension list starts with it (adapters/assistant/dialogue-extensions.ts).
    extensions: (database) => [createLearnerLinking({ store: createLearnerLinkStore({ pool: database.pool }) })],
  });
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await slack?.close();
});

const learnerOf = async (channel: string, externalId: string) =>
  (
    await server.harness.database.pool.query<{ learner_id: string }>(
      'SELECT learner_id FROM channel_identity WHERE channel = $1 AND external_id = $2',
      [channel, externalId],
    )
  ).rows[0]?.learner_id;

test('a code from Teams links a web session (with its own profile) and a Slack user to the Teams learner', async () => {
  await sayOnTeams(server, connector, {
    text: 'Jeg er sykepleier og vil lære mer om ledelse',
    aadObjectId: 'aad-link',
  });
  // Profiles are stored (and so can follow the person) only with consent.
  await sayOnTeams(server, connector, { text: 'Husk meg', aadObjectId: 'aad-link' });
  // The web session has told something of its own before linking.
  const web = await sayOnWeb(server, { text: 'Jeg vil gjerne ha kurs i Bergen' });
  await sayOnWeb(server, { text: 'Husk meg', sessionId: web.sessionId });
  const webLearnerBefore = await learnerOf('web', webIdentityOf(web.sessionId));

  const code = /Koden din er ([A-Z0-9]{6})/.exec(
    (await sayOnTeams(server, connector, { text: 'koble', aadObjectId: 'aad-link' })).text,
  )?.[1];
  expect(code).toBeDefined();
  // The code is shown, never kept: transcripts are read by advisers.
  const kept = await server.harness.database.pool.query(
    "SELECT text FROM turn WHERE role = 'assistant' AND position($1 in text) > 0",
    [code],
  );
  expect(kept.rows).toEqual([]);
  const linked = await sayOnWeb(server, { text: `koble ${code}`, sessionId: web.sessionId });
  expect(linked.reply.text).toMatch(/^Ferdig!/);
  // One-time: the same code again is unknown.
  expect((await sayOnWeb(server, { text: `koble ${code}`, sessionId: web.sessionId })).reply.text).toMatch(
    /kjenner jeg ikke/,
  );

  const teamsLearner = await learnerOf('teams', 'aad-link');
  expect(await learnerOf('web', webIdentityOf(web.sessionId))).toBe(teamsLearner);
  const gone = await server.harness.database.pool.query('SELECT 1 FROM learner WHERE id = $1', [webLearnerBefore]);
  expect(gone.rows).toHaveLength(0);
  const profile = await server.harness.database.pool.query<{ data: any }>(
    'SELECT data FROM profile WHERE learner_id = $1',
    [teamsLearner],
  );
  expect(JSON.stringify(profile.rows[0]!.data)).toMatch(/sykepleier/i);
  expect(JSON.stringify(profile.rows[0]!.data)).toMatch(/Bergen/);

  const known = await sayOnWeb(server, { text: 'Hva vet du om meg?', sessionId: web.sessionId });
  expect(known.reply.text).toMatch(/sykepleier/i);

  // Slack, with a second code.
  const second = /Koden din er ([A-Z0-9]{6})/.exec(
    (await sayOnWeb(server, { text: 'koble', sessionId: web.sessionId })).reply.text,
  )?.[1];
  const slackAnswer = await sayOnSlack(server, slack, { text: `koble ${second}`, userId: 'U0LINK', signingSecret });
  expect(slackAnswer.text).toMatch(/^Ferdig!/);
  expect(await learnerOf('slack', 'T0VEILEDER:U0LINK')).toBe(teamsLearner);
});
