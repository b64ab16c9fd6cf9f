import { createHmac, randomUUID } from 'node:crypto';
import type { Reply } from '../../src/dialogue/turn.js';
import type { ChannelServer } from './channel-server.js';
import type { FakeBotConnector } from './fake-bot-connector.js';
import { fakeSlackIds, type FakeSlackApi } from './fake-slack-api.js';

/**
 * One "say this, return what came back" per channel, each speaking its channel's real protocol to the
 * running server: POST /api/chat, a Bot Framework activity, a signed Slack event.
 */

export async function sayOnWeb(
  server: ChannelServer,
  options: { text: string; sessionId?: string },
): Promise<{ sessionId: string; reply: Reply }> {
  const response = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'nb' },
    body: JSON.stringify({ text: options.text, ...(options.sessionId ? { sessionId: options.sessionId } : {}) }),
  });
  if (response.status !== 200) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { sessionId: string; reply: Reply };
}

/** The web channel's identity an issued session id stands for (adapters/web/web-session.ts): `session:<random part>`. */
export const webIdentityOf = (sessionId: string) => `session:${sessionId.split('.')[1]}`;

/** The bot's message answering a Teams message, as the fake Bot Connector received it. */
export async function sayOnTeams(
  server: ChannelServer,
  connector: FakeBotConnector,
  options: { text: string; aadObjectId: string },
): Promise<Record<string, any>> {
  const id = randomUUID();
  const activity = {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'nb-NO',
    text: options.text,
    from: { id: `29:${options.aadObjectId}`, aadObjectId: options.aadObjectId },
    recipient: { id: '28:veileder-bot', name: 'Veileder' },
    conversation: { id: `a:${options.aadObjectId}`, conversationType: 'personal', tenantId: 'tenant-1' },
  };
  const response = await fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}`);
  const sent = await connector.waitFor((all) =>
    all.some((entry) => entry.replyToId === id && entry.activity.type === 'message'),
  );
  return sent.find((entry) => entry.replyToId === id && entry.activity.type === 'message')!.activity;
}

/** The chat.postMessage arguments answering a Slack direct message. */
export async function sayOnSlack(
  server: ChannelServer,
  slack: FakeSlackApi,
  options: { text: string; userId: string; signingSecret: string },
): Promise<Record<string, any>> {
  const posts = () =>
    slack.calls.filter((call) => call.method === 'chat.postMessage' && call.arguments.channel === `D${options.userId}`);
  const before = posts().length;
  const ts = `${Date.now() / 1000}`;
  const body = JSON.stringify({
    type: 'event_callback',
    team_id: fakeSlackIds.team,
    api_app_id: 'A0VEILEDER',
    event_id: `Ev${randomUUID()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: fakeSlackIds.team, user_id: fakeSlackIds.botUser, is_bot: true }],
    event: {
      type: 'message',
      channel_type: 'im',
      channel: `D${options.userId}`,
      user: options.userId,
      text: options.text,
      ts,
      event_ts: ts,
    },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const response = await fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Slack-Signature': signature,
      'X-Slack-Request-Timestamp': String(timestamp),
    },
    body,
  });
  if (response.status !== 200) throw new Error(`POST /slack/events answered ${response.status}`);
  await slack.waitFor(() => posts().length > before);
  return posts()[before]!.arguments;
}

/** The offering ids behind a Teams suggestion card, in order ("more like this" carries each one). */
export function offeringIdsInCard(activity: Record<string, any>): string[] {
  const containers = (activity.attachments?.[0]?.content?.body ?? []) as any[];
  return containers.map(
    (container) =>
      container.items
        .find((item: any) => item.type === 'ActionSet')
        .actions.find((action: any) => action.data?.veileder?.type === 'more_like').data.veileder.offeringId,
  );
}

/** The offering ids behind Slack suggestion blocks, in order. */
export function offeringIdsInBlocks(message: Record<string, any>): string[] {
  return (message.blocks as any[])
    .filter((block) => block.type === 'actions' && String(block.block_id).startsWith('veileder-suggestion-'))
    .map(
      (block) =>
        JSON.parse(block.elements.find((element: any) => element.action_id.startsWith('veileder:more_like')).value)
          .offeringId,
    );
}
