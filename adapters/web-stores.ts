import type { ChannelSettings } from './configuration.js';
import type { Logger } from './logging.js';
import { openSlackStores, type SlackStores } from './slack/slack-stores.js';
import { createAdviserSessionStore, type AdviserSessionStore } from './storage/adviser-session-store.js';
import { createAdviserStore, type AdviserStore } from './storage/adviser-store.js';
import { createOidcAttemptStore, type OidcAttemptStore } from './storage/adviser-oidc-attempt-store.js';
import { recordAudit, type AuditEntry } from './storage/audit-log-store.js';
import { createChannelIdentityStore, type ChannelIdentityStore } from './storage/channel-identity-store.js';
import type { Database } from './storage/database.js';
import { createSharedRateLimiter } from './storage/rate-limit-store.js';
import { createRateLimiter, type RateLimiter } from './web/rate-limiter.js';
import { createDirectLineConversations, loadDirectLineTokenKey } from './storage/direct-line-conversation-store.js';
import type { WebChatConversations } from '../src/web-chat/web-chat-conversations.js';
import { createSignInThrottleStore, type SignInThrottleStore } from './storage/sign-in-throttle-store.js';

/**
 * What the web adapters' own machinery keeps in PostgreSQL — the workspace's sessions and sign-in, the chat
 * channels' identities and Slack's installations — opened once by createHttpApp. What a page or an API does
 * is a use case (adapters/use-cases.ts); these are what carries it there.
 */
export type WebStores = {
  workspace: WorkspaceStores;
  /** A per-client budget named `name`: shared by every process on a database server, this process's own on the embedded one. */
  rateLimiter(options: { name: string; perMinute: number }): RateLimiter;
  /** Absent = no chat channel is served. */
  channels: ChannelStores | undefined;
};

export type WorkspaceStores = {
  sessions: AdviserSessionStore;
  advisers: AdviserStore;
  /** Failed sign-ins per client address, shared by every process. */
  signInThrottle: SignInThrottleStore;
  /** OpenID Connect sign-ins between the redirect and the callback. */
  oidcAttempts: OidcAttemptStore;
  /** Writes one row of the audit log. */
  audit(entry: AuditEntry): Promise<void>;
};

type ChannelStores = {
  /** Who a Teams or Slack user is to Veileder (their learner, for the Home tab and account linking). */
  identities: ChannelIdentityStore;
  /** Absent = Slack is switched off. */
  slack: SlackStores | undefined;
  directLine: {
    conversations: WebChatConversations;
    /** The key Direct Line tokens are signed with, read (or made) on each call. */
    tokenKey: () => Promise<Buffer>;
  };
};

export function openWebStores(options: {
  database: Database;
  /** Absent = no chat channel is served (no channel settings, or no assistant to answer). */
  channels: ChannelSettings | undefined;
  log: Logger;
}): WebStores {
  const { database, channels } = options;
  const { pool } = database;
  return {
    rateLimiter: ({ name, perMinute }) =>
      database.kind === 'server'
        ? createSharedRateLimiter({ pool, name, perMinute })
        : createRateLimiter({ perMinute }),
    workspace: {
      sessions: createAdviserSessionStore({ pool }),
      advisers: createAdviserStore({ pool }),
      signInThrottle: createSignInThrottleStore({ pool }),
      oidcAttempts: createOidcAttemptStore({ pool }),
      audit: (entry) => recordAudit(pool, entry),
    },
    channels: channels && {
      identities: createChannelIdentityStore({ pool }),
      slack: channels.slack.enabled
        ? openSlackStores({ pool, databaseKind: database.kind, settings: channels.slack, log: options.log })
        : undefined,
      directLine: {
        conversations: createDirectLineConversations({ pool, limits: channels.directLine.limits }),
        tokenKey: () => loadDirectLineTokenKey({ pool, secret: channels.directLine.secret }),
      },
    },
  };
}
