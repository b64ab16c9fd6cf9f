import { credentialSettings } from './credentials/credential-settings.js';
import { feedSettings } from './feeds/feed-settings.js';
import { harvestSettings } from './feeds/harvest-settings.js';
import { chatModelSettings, openAiSettings } from './llm/llm-settings.js';
import { loggingSettings } from './logging-settings.js';
import { organisationSettings } from './organisations/organisation-settings.js';
import { pushSettings } from './push/push-settings.js';
import { readSections, type SettingsOf } from './settings/settings-section.js';
import { slackSettings } from './slack/slack-settings.js';
import { privacySettings } from './storage/privacy/privacy-settings.js';
import { storageSettings } from './storage/storage-settings.js';
import { teamsSettings } from './teams/teams-settings.js';
import { adviserSettings } from './web/advisers/adviser-settings.js';
import { directLineSettings } from './web/direct-line/direct-line-settings.js';
import { offeringsSettings } from './web/routes/offerings-settings.js';
import { serverSettings } from './web/server-settings.js';
import { webChatSettings } from './web/web-chat-settings.js';

/**
 * Configuration is read from the environment once, at startup, and nowhere else. Each adapter owns its
 * settings: a `*-settings.ts` beside its code exporting a settingsSection (the variables it reads, each
 * described, and the settings they become). This is the one place they are composed; a new section is one
 * import and one line here, and one row per variable in README's table (tests/config/readme-settings.test.ts
 * fails until it is there). The core (src/) reads no settings: adapters hand it what it needs.
 */
export const configurationSections = {
  storage: storageSettings,
  server: serverSettings,
  logging: loggingSettings,
  openai: openAiSettings,
  chat: chatModelSettings,
  feeds: feedSettings,
  harvest: harvestSettings,
  /** Which channels the one server process serves; see describeChannels in adapters/channels. */
  channels: { web: webChatSettings, directLine: directLineSettings, teams: teamsSettings, slack: slackSettings },
  offerings: offeringsSettings,
  advisers: adviserSettings,
  privacy: privacySettings,
  push: pushSettings,
  organisations: organisationSettings,
  credentials: credentialSettings,
};

export type Configuration = SettingsOf<typeof configurationSections>;
export type ChannelSettings = Configuration['channels'];

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function loadConfiguration(environment: Record<string, string | undefined> = process.env): Configuration {
  const read = readSections(configurationSections, environment);
  if (read.settings === undefined) {
    const lines = read.issues.map((issue) => `  ${issue.variable}: ${issue.message}`);
    throw new ConfigurationError(
      `Veileder's configuration is not valid:\n${lines.join('\n')}\nFix these environment variables and start again.`,
    );
  }
  return read.settings;
}
