import type { z } from 'zod';
import { credentialSecretVariable } from '../credentials/credential-settings.js';
import { optionalText, optionalUrl } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';
import { dataDirVariable, databaseUrlVariable } from '../storage/storage-settings.js';

/**
 * Slack at /slack/events. One workspace when SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are set; any workspace
 * (OAuth v2 install at /slack/install, a bot token per workspace kept sealed under the credential secret) when
 * SLACK_SIGNING_SECRET, SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are.
 */
export const slackSettings = settingsSection(
  {
    SLACK_SIGNING_SECRET: optionalText.describe("the Slack app's signing secret (Basic Information)"),
    SLACK_BOT_TOKEN: optionalText.describe('the bot token (xoxb-…) for one workspace'),
    SLACK_CLIENT_ID: optionalText.describe('the app\'s client id, for any workspace to install through "Add to Slack"'),
    SLACK_CLIENT_SECRET: optionalText.describe("the app's client secret, with SLACK_CLIENT_ID"),
    SLACK_API_URL: optionalUrl('must be the base URL of the Slack Web API, e.g. https://slack.com/api/').describe(
      "the Slack Web API's base URL; unset = Slack's own",
    ),
    DATABASE_URL: databaseUrlVariable,
    VEILEDER_DATA_DIR: dataDirVariable,
    VEILEDER_CREDENTIAL_SECRET: credentialSecretVariable,
  },
  (env, problem) => {
    const oauth = Boolean(env.SLACK_CLIENT_ID || env.SLACK_CLIENT_SECRET);
    if (oauth && env.SLACK_BOT_TOKEN) {
      problem(
        'SLACK_BOT_TOKEN',
        'set it for one workspace, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for any workspace to install through "Add to Slack" — not both',
      );
    } else if (oauth) {
      for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET'] as const) {
        if (!env[name])
          problem(
            name,
            "is missing — installing Slack in any workspace needs the app's client id, client secret and signing secret (Basic Information)",
          );
      }
      if (env.DATABASE_URL && !env.VEILEDER_CREDENTIAL_SECRET) {
        problem(
          'VEILEDER_CREDENTIAL_SECRET',
          "is required with SLACK_CLIENT_ID on a PostgreSQL server — it seals the workspaces' bot tokens (at least 32 characters, the same on every instance)",
        );
      }
    } else if (Boolean(env.SLACK_SIGNING_SECRET) !== Boolean(env.SLACK_BOT_TOKEN)) {
      problem(
        env.SLACK_SIGNING_SECRET ? 'SLACK_BOT_TOKEN' : 'SLACK_SIGNING_SECRET',
        "is missing — Slack needs both the signing secret and the bot token (xoxb-…) from the app's settings",
      );
    }
    if (env.SLACK_SIGNING_SECRET && env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET) {
      return {
        enabled: true as const,
        mode: 'any-workspace' as const,
        signingSecret: env.SLACK_SIGNING_SECRET,
        clientId: env.SLACK_CLIENT_ID,
        clientSecret: env.SLACK_CLIENT_SECRET,
        apiUrl: env.SLACK_API_URL,
        /** Seals the installations' tokens: VEILEDER_CREDENTIAL_SECRET, or on the embedded database the file beside it. */
        tokenSecret: { configured: env.VEILEDER_CREDENTIAL_SECRET, dataDir: env.VEILEDER_DATA_DIR },
      };
    }
    if (env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN) {
      return {
        enabled: true as const,
        mode: 'single-workspace' as const,
        signingSecret: env.SLACK_SIGNING_SECRET,
        botToken: env.SLACK_BOT_TOKEN,
        apiUrl: env.SLACK_API_URL,
      };
    }
    return { enabled: false as const };
  },
);

/** Slack when it is on, in either mode. */
export type SlackSettings = Extract<z.infer<typeof slackSettings>, { enabled: true }>;
