import type { ChannelSettings } from '../configuration.js';
import type { Logger } from '../logging.js';
import { openSlackStores, type SlackStores } from '../slack/slack-stores.js';
import { createChannelIdentityStore, type ChannelIdentityStore } from '../storage/channel-identity-store.js';
import type { Database } from '../storage/database.js';

/** What the chat channels keep in PostgreSQL besides the conversation, opened once by the composition root. */
export type ChannelStores = {
  /** Who a Teams or Slack user is to Veileder (their learner, for the Home tab and account linking). */
  identities: ChannelIdentityStore;
  /** Absent = Slack is switched off. */
  slack: SlackStores | undefined;
};

export function openChannelStores(options: {
  database: Database;
  channels: ChannelSettings;
  log: Logger;
}): ChannelStores {
  const { database, channels } = options;
  return {
    identities: createChannelIdentityStore({ pool: database.pool }),
    slack: channels.slack.enabled
      ? openSlackStores({
          pool: database.pool,
          databaseKind: database.kind,
          settings: channels.slack,
          log: options.log,
        })
      : undefined,
  };
}
