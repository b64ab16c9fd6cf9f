import { App, ExpressReceiver, LogLevel, webApi, type Authorize } from '@slack/bolt';
import { Router } from 'express';
import { z } from 'zod';
import { turnActionSchema, type Reply, type Turn } from '../../src/dialogue/turn.js';
import { loadReplyTemplates, type ReplyTemplates } from '../../src/prompts/reply-templates.js';
import { channelText } from '../channels/channel-text.js';
import type { TurnHandler } from '../channels/turn-handler.js';
import type { ChannelIdentityStore } from '../storage/channel-identity-store.js';
import type { SlackDeliveryStore } from '../storage/slack-delivery-store.js';
import { promptsDirectory } from '../assistant/create-assistant.js';
import { homeView } from './app-home.js';
import { actionIdPrefix, replyMessages, type SlackMessage } from './block-kit.js';
import { slackDeliveryGuard } from './slack-delivery-guard.js';

/**
 * Slack through Bolt's ExpressReceiver at /slack/events (events, the /veileder command and button clicks
 * all arrive there). slack-delivery-guard.ts goes first: 401 to a bad signature or a timestamp more than five
 * minutes off either way, and each request handled once however often it is retried or replayed. The
 * signature covers the raw body, which server.ts keeps for JSON and the guard reads for forms.
 */
export type SlackRouterOptions = {
  settings: { signingSecret: string; botToken: string; apiUrl: string | undefined };
  handleTurn: TurnHandler;
  identities: ChannelIdentityStore;
  /** Where requests already taken are remembered, shared by every server process. */
  deliveries: SlackDeliveryStore;
  log?: (message: string, error?: unknown) => void;
};

// Slack ids are unique within a workspace; team + user is the identity.
const identity = (teamId: string | undefined, userId: string) => ({ userId: `${teamId ?? 'unknown'}:${userId}`, tenant: teamId });

const messageSchema = z.object({ user: z.string(), text: z.string().default(''), channel: z.string(), channel_type: z.string().optional(), ts: z.string(), thread_ts: z.string().optional() });

export function createSlackRouter(options: SlackRouterOptions): Router {
  const { settings } = options;
  const receiver = new ExpressReceiver({ signingSecret: settings.signingSecret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({
    receiver,
    authorize: memoisedAuthorize(settings.botToken, settings.apiUrl),
    logLevel: LogLevel.ERROR,
    ...(settings.apiUrl ? { clientOptions: { slackApiUrl: settings.apiUrl } } : {}),
  });
  const failed = (error: unknown) => options.log?.('Slack turn failed', error);
  // The Home tab words the profile with the assistant's own templates, read on first use.
  let templates: Promise<ReplyTemplates> | undefined;

  /** `post` sends one message; a reply too big for one goes out as several, in order. */
  async function run(turn: Turn, tenant: string | undefined, post: (message: SlackMessage) => Promise<unknown>) {
    let reply: Reply;
    try {
      reply = await options.handleTurn(turn);
    } catch (error) {
      failed(error);
      for (const message of replyMessages({ sessionId: turn.sessionId ?? '', text: channelText('nb').failed, language: 'nb', suggestions: [] })) await post(message);
      return;
    }
    for (const message of replyMessages(reply)) await post(message);
    // Where to write to this learner later (issue 7's pushes); a failure here must not fail the answered turn.
    await options.identities
      .rememberConversationReference({ channel: 'slack', userId: turn.userId, tenant, reference: { channel: turn.sessionId?.split(':')[0] } })
      .catch((error: unknown) => options.log?.('Slack: could not store the conversation reference', error));
  }

  // Direct messages (not edits, not bots, not Veileder's own).
  app.message(async ({ message: event, body, client }) => {
    const parsed = messageSchema.safeParse(event);
    if (!parsed.success || parsed.data.channel_type !== 'im' || 'subtype' in event || 'bot_id' in event) return;
    const who = identity(body.team_id, parsed.data.user);
    await run({ channel: 'slack', userId: who.userId, sessionId: parsed.data.channel, text: parsed.data.text }, who.tenant, (message) =>
      client.chat.postMessage({ channel: parsed.data.channel, ...message }),
    );
  });

  // @Veileder in a channel: answered in the thread, which is also the conversation.
  app.event('app_mention', async ({ event, body, client }) => {
    const thread = event.thread_ts ?? event.ts;
    const who = identity(body.team_id, event.user ?? 'unknown');
    const text = event.text.replace(/<@[A-Z0-9]+>/g, '').trim();
    await run({ channel: 'slack', userId: who.userId, sessionId: `${event.channel}:${thread}`, text }, who.tenant, (message) =>
      client.chat.postMessage({ channel: event.channel, thread_ts: thread, ...message }),
    );
  });

  app.command('/veileder', async ({ command, ack, respond }) => {
    await ack();
    const who = identity(command.team_id, command.user_id);
    const text = command.text.trim();
    await run({ channel: 'slack', userId: who.userId, sessionId: command.channel_id, ...(text ? { text } : { action: { type: 'help' } }) }, who.tenant, (message) =>
      respond({ response_type: 'ephemeral', ...message }),
    );
  });

  app.action(new RegExp(`^${actionIdPrefix}:`), async ({ action, body, ack, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
    const parsed = turnActionSchema.safeParse(value ? safeJson(value) : undefined);
    const channel = 'channel' in body && body.channel ? body.channel.id : undefined;
    if (!parsed.success || !channel) return;
    const thread = 'message' in body && body.message ? (body.message['thread_ts'] as string | undefined) : undefined;
    const who = identity(body.team?.id ?? undefined, body.user.id);
    await run({ channel: 'slack', userId: who.userId, sessionId: thread ? `${channel}:${thread}` : channel, action: parsed.data }, who.tenant, (message) =>
      client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), ...message }),
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
  router.use(slackDeliveryGuard({ signingSecret: settings.signingSecret, deliveries: options.deliveries }));
  router.use(receiver.router);
  return router;
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
  return z.object({ bot_id: z.string(), user_id: z.string() }).transform((ids) => ({ botId: ids.bot_id, botUserId: ids.user_id })).parse(result);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
