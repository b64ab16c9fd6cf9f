import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  offeringIdsInBlocks,
  offeringIdsInCard,
  sayOnSlack,
  sayOnTeams,
  sayOnWeb,
} from '../support/channel-clients.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';
import { startFakeBotConnector, type FakeBotConnector } from '../support/fake-bot-connector.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';

// Channels are only translations: one server with every channel on, the same first message from a new
// learner in each, and the same suggestions, in the same order, must come back in all of them.

const signingSecret = 'same-suggestions-signing-secret-0123';
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
  });
});
afterAll(async () => {
  await server?.close();
  await connector?.close();
  await slack?.close();
});

test('the same first message gets the same suggestions on the web, in Teams and in Slack', async () => {
  const message = 'Jeg er sykepleier og vil lære mer om ledelse. Jeg har fem timer i uka, helst på nett og gratis.';
  const web = (await sayOnWeb(server, { text: message })).reply.suggestions.map((suggestion) => suggestion.offeringId);
  const teams = offeringIdsInCard(await sayOnTeams(server, connector, { text: message, aadObjectId: 'aad-same' }));
  const slackIds = offeringIdsInBlocks(
    await sayOnSlack(server, slack, { text: message, userId: 'U0SAME', signingSecret }),
  );
  expect(web.length).toBeGreaterThanOrEqual(3);
  expect(teams).toEqual(web);
  expect(slackIds).toEqual(web);
});
