import { AsyncLocalStorage } from 'node:async_hooks';
import {
  App,
  ExpressReceiver,
  LogLevel,
  webApi,
  type Authorize,
  type ExpressReceiverOptions,
  type Logger,
} from '@slack/bolt';
import { Router } from 'express';
import type { SlackSettings } from './slack-settings.js';
import { z } from 'zod';
import { turnActionSchema, type Reply, type Turn } from '../../src/dialogue/turn.js';
import { loadReplyTemplates, type ReplyTemplates } from '../../src/prompts/reply-templates.js';
import { channelText } from '../channels/channel-text.js';
import type { TurnHandler } from '../channels/turn-handler.js';
import type { ChannelIdentityStore } from '../storage/channel-identity-store.js';
import type { InstallOrigin } from '../storage/slack-install-state-store.js';
import { installMetadataSchema, type SlackInstallationStore } from '../storage/slack-installation-store.js';
import { promptsDirectory } from '../assistant/create-assistant.js';
import { homeView } from './app-home.js';
import { actionIdPrefix, replyMessages, type SlackMessage } from './block-kit.js';
import { slackDeliveryGuard } from './slack-delivery-guard.js';
import { badTicketPage, installedPage, installFailedPage } from './install-pages.js';
import type { SlackStores } from './slack-stores.js';
import type { WorkInFlight } from '../web/work-in-flight.js';

/**
 * Slack through Bolt's ExpressReceiver at /slack/events (events, the /veileder command and button clicks
 * all arrive there). slack-delivery-guard.ts goes first: 401 to a bad signature or a timestamp more than five
 * minutes off either way, and each request handled once however often it is retried or replayed. The
 * signature covers the raw body, which server.ts keeps for JSON and the guard reads for forms.
 *
 * One workspace (SLACK_BOT_TOKEN) or any workspace: then Bolt's own installer serves "Add to Slack" at
 * /slack/install (straight on to Slack's consent screen) and /slack/oauth_redirect, with the state kept in
 * PostgreSQL and the installations sealed there; every reply, App Home view and push uses the token of the
 * workspace it is for. `app_uninstalled` and a revoked bot token delete the installation (and its link to an
 * organisation), after which nothing more goes to that workspace.
 */
export type SlackRouterOptions = {
  settings: SlackSettings & { enabled: true };
  /** Installations (any-workspace mode), deliveries, install state and tickets: adapters/slack/slack-stores.ts. */
  stores: SlackStores;
  /** Where people reach this server: the OAuth redirect URL is built from it (unset = Slack uses the app's first redirect URL). */
  publicUrl?: string | undefined;
  handleTurn: TurnHandler;
  identities: ChannelIdentityStore;
  log?: (message: string, error?: unknown) => void;
  /** Where a turn, answered after Slack's event is acknowledged, is counted until its reply is posted. */
  inFlight?: WorkInFlight;
};

// Slack ids are unique within a workspace; team + user is the identity.
const identity = (teamId: string | undefined, userId: string) => ({
  userId: `${teamId ?? 'unknown'}:${userId}`,
  tenant: teamId,
});

const messageSchema = z.object({
  user: z.string(),
  text: z.string().default(''),
  channel: z.string(),
  channel_type: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
});

/** The bot scopes "Add to Slack" asks for: exactly slack/manifest.json's (tests/channels/app-manifests.test.ts). */
export const slackBotScopes = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:read', 'im:write'];

export function createSlackRouter(options: SlackRouterOptions): Router {
  const { settings } = options;
  const failed = (error: unknown) => options.log?.('Slack turn failed', error);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  // The organisation an install begun on its page is for, from the ticket in /slack/install's query to the state store.
  const installOrigin = new AsyncLocalStorage<InstallOrigin>();
  let receiver: ExpressReceiver;
  let app: App;
  if (settings.mode === 'single-workspace') {
    receiver = new ExpressReceiver({
      signingSecret: settings.signingSecret,
      endpoints: '/slack/events',
      logLevel: LogLevel.ERROR,
    });
    app = new App({
      receiver,
      authorize: memoisedAuthorize(settings.botToken, settings.apiUrl),
      logLevel: LogLevel.ERROR,
      clientOptions,
    });
  } else {
    const installations = options.stores.installations;
    if (!installations) throw new Error('Slack for any workspace needs the installation store');
    receiver = new ExpressReceiver(
      installerOptions({
        settings,
        installations,
        installStates: options.stores.installStates,
        publicUrl: options.publicUrl,
        origin: () => installOrigin.getStore(),
        log: options.log,
      }),
    );
    app = new App({ receiver, logLevel: LogLevel.ERROR, clientOptions });
    const removed = async (
      body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean },
      why: string,
    ) => {
      await installations.deleteInstallation({
        teamId: body.team_id,
        enterpriseId: body.enterprise_id,
        isEnterpriseInstall: Boolean(body.is_enterprise_install),
      } as Parameters<SlackInstallationStore['deleteInstallation']>[0]);
      options.log?.(
        `Slack: ${why}; the installation of ${body.is_enterprise_install ? body.enterprise_id : body.team_id} is deleted`,
      );
    };
    app.event('app_uninstalled', async ({ body }) => removed(body, 'Veileder was uninstalled'));
    // Only the bot token matters: Veileder asks for no user scopes, so a revoked user token changes nothing.
    app.event('tokens_revoked', async ({ event, body }) => {
      if ((event.tokens.bot ?? []).length > 0) await removed(body, 'the bot token was revoked');
    });
  }
  // The Home tab words the profile with the assistant's own templates, read on first use.
  let templates: Promise<ReplyTemplates> | undefined;

  /** `post` sends one message; a reply too big for one goes out as several, in order. */
  function run(turn: Turn, tenant: string | undefined, post: (message: SlackMessage) => Promise<unknown>) {
    return options.inFlight ? options.inFlight.run(() => answer(turn, tenant, post)) : answer(turn, tenant, post);
  }

  async function answer(turn: Turn, tenant: string | undefined, post: (message: SlackMessage) => Promise<unknown>) {
    let reply: Reply;
    try {
      reply = await options.handleTurn(turn);
    } catch (error) {
      failed(error);
      for (const message of replyMessages({
        sessionId: turn.sessionId ?? '',
        text: channelText('nb').failed,
        language: 'nb',
        suggestions: [],
      }))
        await post(message);
      return;
    }
    for (const message of replyMessages(reply)) await post(message);
    // Where to write to this learner later (issue 7's pushes); a failure here must not fail the answered turn.
    await options.identities
      .rememberConversationReference({
        channel: 'slack',
        userId: turn.userId,
        tenant,
        reference: { channel: turn.sessionId?.split(':')[0] },
      })
      .catch((error: unknown) => options.log?.('Slack: could not store the conversation reference', error));
  }

  // Direct messages (not edits, not bots, not Veileder's own).
  app.message(async ({ message: event, body, client }) => {
    const parsed = messageSchema.safeParse(event);
    if (!parsed.success || parsed.data.channel_type !== 'im' || 'subtype' in event || 'bot_id' in event) return;
    const who = identity(body.team_id, parsed.data.user);
    await run(
      { channel: 'slack', userId: who.userId, sessionId: parsed.data.channel, text: parsed.data.text },
      who.tenant,
      (message) => client.chat.postMessage({ channel: parsed.data.channel, ...message }),
    );
  });

  // @Veileder in a channel: answered in the thread, which is also the conversation.
  app.event('app_mention', async ({ event, body, client }) => {
    const thread = event.thread_ts ?? event.ts;
    const who = identity(body.team_id, event.user ?? 'unknown');
    const text = event.text.replace(/<@[A-Z0-9]+>/g, '').trim();
    await run(
      { channel: 'slack', userId: who.userId, sessionId: `${event.channel}:${thread}`, text },
      who.tenant,
      (message) => client.chat.postMessage({ channel: event.channel, thread_ts: thread, ...message }),
    );
  });

  app.command('/veileder', async ({ command, ack, respond }) => {
    await ack();
    const who = identity(command.team_id, command.user_id);
    const text = command.text.trim();
    await run(
      {
        channel: 'slack',
        userId: who.userId,
        sessionId: command.channel_id,
        ...(text ? { text } : { action: { type: 'help' } }),
      },
      who.tenant,
      (message) => respond({ response_type: 'ephemeral', ...message }),
    );
  });

  app.action(new RegExp(`^${actionIdPrefix}:`), async ({ action, body, ack, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
    const parsed = turnActionSchema.safeParse(value ? safeJson(value) : undefined);
    const channel = 'channel' in body && body.channel ? body.channel.id : undefined;
    if (!parsed.success || !channel) return;
    const thread = 'message' in body && body.message ? (body.message.thread_ts as string | undefined) : undefined;
    const who = identity(body.team?.id ?? undefined, body.user.id);
    await run(
      {
        channel: 'slack',
        userId: who.userId,
        sessionId: thread ? `${channel}:${thread}` : channel,
        action: parsed.data,
      },
      who.tenant,
      (message) => client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), ...message }),
    );
  });

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const who = identity(body.team_id, event.user);
    const overview = await options.identities.learnerOverview({ channel: 'slack', userId: who.userId });
    templates ??= loadReplyTemplates({ directory: promptsDirectory });
    await client.views.publish({ user_id: event.user, view: homeView({ overview, templates: await templates }) });
  });

  app.error(async (error) => failed(error));
  const router = Router();
  router.use(slackDeliveryGuard({ signingSecret: settings.signingSecret, deliveries: options.stores.deliveries }));
  if (settings.mode === 'any-workspace') {
    router.get('/slack/install', async (request, response, next) => {
      const ticket = typeof request.query.organisation === 'string' ? request.query.organisation : undefined;
      if (!ticket) return next();
      const origin = await options.stores.readInstallTicket(ticket);
      if (!origin) return void response.status(400).type('html').send(badTicketPage());
      installOrigin.run(origin, next);
    });
  }
  router.use(receiver.router);
  return router;
}

function installerOptions(options: {
  settings: Extract<SlackSettings, { mode: 'any-workspace' }>;
  installations: SlackInstallationStore;
  installStates: SlackStores['installStates'];
  publicUrl: string | undefined;
  origin: () => InstallOrigin | undefined;
  log: SlackRouterOptions['log'];
}): ExpressReceiverOptions {
  const { settings } = options;
  return {
    signingSecret: settings.signingSecret,
    endpoints: '/slack/events',
    // The installer logs a refused state or a failed exchange as an error; ours says it once, through our log.
    logger: boltLogger(options.log),
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    scopes: slackBotScopes,
    installationStore: options.installations,
    ...(options.publicUrl ? { redirectUri: `${options.publicUrl.replace(/\/$/, '')}/slack/oauth_redirect` } : {}),
    installerOptions: {
      installPath: '/slack/install',
      redirectUriPath: '/slack/oauth_redirect',
      // The page behind "Add to Slack" is ours (site, organisation page): /slack/install goes straight to Slack.
      directInstall: true,
      stateStore: options.installStates(options.origin),
      stateCookieName: 'veileder-slack-install',
      ...(settings.apiUrl ? { clientOptions: { slackApiUrl: settings.apiUrl } } : {}),
      callbackOptions: {
        success(installation, _installOptions, _request, response) {
          const linked = installation.metadata
            ? installMetadataSchema.safeParse(safeJson(installation.metadata)).success
            : false;
          response
            .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
            .end(installedPage(installation, linked));
        },
        failure(error, _installOptions, _request, response) {
          const reason =
            error.code === 'slack_oauth_installer_authorization_error'
              ? 'cancelled'
              : ['slack_oauth_invalid_state', 'slack_oauth_missing_state'].includes(error.code)
                ? 'state'
                : 'other';
          if (reason === 'other') options.log?.('Slack: an installation failed', error);
          response
            .writeHead(reason === 'other' ? 502 : 400, { 'Content-Type': 'text/html; charset=utf-8' })
            .end(installFailedPage(reason));
        },
      },
    },
  };
}

/**
 * The bot's own ids come from auth.test once; a failure is not cached, so Slack being briefly unreachable at
 * startup does not break every later event (Bolt's own single-token mode caches a rejected check).
 */
function memoisedAuthorize(botToken: string, apiUrl: string | undefined): Authorize<boolean> {
  let pending: Promise<{ botId: string; botUserId: string }> | undefined;
  return async () => {
    pending ??= authTest(botToken, apiUrl).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    const ids = await pending;
    return { botToken, botId: ids.botId, botUserId: ids.botUserId };
  };
}

async function authTest(botToken: string, apiUrl: string | undefined) {
  const result = await new webApi.WebClient(botToken, apiUrl ? { slackApiUrl: apiUrl } : {}).auth.test();
  return z
    .object({ bot_id: z.string(), user_id: z.string() })
    .transform((ids) => ({ botId: ids.bot_id, botUserId: ids.user_id }))
    .parse(result);
}

function boltLogger(log: SlackRouterOptions['log']): Logger {
  let level = LogLevel.ERROR;
  let name = 'slack';
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...messages: unknown[]) => log?.(`Slack (${name}): ${messages.map(String).join(' ')}`),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
