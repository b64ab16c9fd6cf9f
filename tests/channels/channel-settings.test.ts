import { describe, expect, test } from 'vitest';
import { describeChannels } from '../../adapters/channels/describe-channels.js';
import { ConfigurationError, loadConfiguration } from '../../adapters/configuration.js';

describe('channel settings', () => {
  test('by default the web chat and Direct Line are on, Teams and Slack off, and startup says so', () => {
    const lines = describeChannels({ channels: loadConfiguration({}).channels });
    expect(lines).toEqual([
      expect.stringMatching(/^web chat: on/),
      expect.stringMatching(/^Direct Line: on .*open to anyone/),
      expect.stringMatching(/^Teams: off/),
      expect.stringMatching(/^Slack: off/),
    ]);
  });

  test('Teams comes on with an app registration, authenticated; VEILEDER_TEAMS=true alone is on and says it is unauthenticated', () => {
    const registered = loadConfiguration({
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppTenantId: 'tenant',
    }).channels;
    expect(registered.teams).toMatchObject({ enabled: true, appType: 'SingleTenant' });
    expect(describeChannels({ channels: registered })[2]).toMatch(
      /Bot Framework authentication for app app \(SingleTenant\)/,
    );
    const emulator = loadConfiguration({ VEILEDER_TEAMS: 'true' }).channels;
    expect(describeChannels({ channels: emulator })[2]).toMatch(/WITHOUT authentication/);
    expect(
      loadConfiguration({
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'secret',
        MicrosoftAppTenantId: 'tenant',
        VEILEDER_TEAMS: 'false',
      }).channels.teams.enabled,
    ).toBe(false);
  });

  test('Slack comes on with both its secret and token, and the web channels can be switched off', () => {
    const channels = loadConfiguration({
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      VEILEDER_WEB_CHAT: 'false',
      VEILEDER_DIRECT_LINE: 'no',
    }).channels;
    expect(channels.slack).toEqual({
      enabled: true,
      mode: 'single-workspace',
      signingSecret: 's',
      botToken: 'xoxb-1',
      apiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(channels.web.enabled).toBe(false);
    expect(channels.directLine.enabled).toBe(false);
    expect(describeChannels({ channels })[3]).toMatch(/^Slack: on .*http:\/\/127\.0\.0\.1:9\/api\//);
  });

  test('Slack for any workspace comes on with the client id, client secret and signing secret; a token as well is an error', () => {
    const channels = loadConfiguration({
      SLACK_SIGNING_SECRET: 's',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'c',
      VEILEDER_DATA_DIR: '/tmp/v',
    }).channels;
    expect(channels.slack).toMatchObject({
      enabled: true,
      mode: 'any-workspace',
      clientId: '123.456',
      tokenSecret: { configured: undefined, dataDir: '/tmp/v' },
    });
    expect(describeChannels({ channels })[3]).toMatch(/^Slack: on — any workspace installs at \/slack\/install/);
    expect(() =>
      loadConfiguration({
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: 'c',
        SLACK_BOT_TOKEN: 'xoxb-1',
      }),
    ).toThrow(/not both/);
    expect(() => loadConfiguration({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: '1' })).toThrow(
      /SLACK_CLIENT_SECRET: is missing/,
    );
    // On a server the tokens must be sealed with a secret every instance shares.
    expect(() =>
      loadConfiguration({
        SLACK_SIGNING_SECRET: 's',
        SLACK_CLIENT_ID: '1',
        SLACK_CLIENT_SECRET: 'c',
        DATABASE_URL: 'postgresql://x@127.0.0.1/v',
      }),
    ).toThrow(/VEILEDER_CREDENTIAL_SECRET: is required with SLACK_CLIENT_ID/);
  });

  test('a half-configured channel is an error that names what is missing', () => {
    expect(() => loadConfiguration({ SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN: is missing/);
    expect(() => loadConfiguration({ MicrosoftAppId: 'app' })).toThrow(/MicrosoftAppPassword: is required/);
    expect(() =>
      loadConfiguration({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId: is required/);
    expect(() => loadConfiguration({ MicrosoftAppPassword: 'p' })).toThrow(/MicrosoftAppId: is missing/);
    expect(() => loadConfiguration({ VEILEDER_DIRECT_LINE_SECRET: 'short' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ MicrosoftAppType: 'Personal' })).toThrow(
      /MicrosoftAppType: must be MultiTenant, SingleTenant or UserAssignedMSI/,
    );
  });
});
