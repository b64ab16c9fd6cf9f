import { webApi } from '@slack/bolt';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConversationReference,
} from 'botbuilder';
import { z } from 'zod';
import type { ChannelSettings } from '../configuration.js';
import type { RenderedMessage } from './render-message.js';

/**
 * Sending one push message to a learner in Teams or Slack. `messageId` travels with the message (Teams
 * channelData, Slack message metadata) so a message can be recognised later; Slack lets us look for it
 * (`findSent`) after a crash between sending and recording, Teams has no read-back for bots.
 */
export type ChannelIdentity = { externalId: string; reference: unknown };

export type ChannelSender = {
  channel: 'teams' | 'slack';
  send(input: {
    messageId: string;
    identity: ChannelIdentity;
    message: RenderedMessage;
  }): Promise<{ activityId: string }>;
  /** False when the channel can no longer reach this identity (Slack: Veileder uninstalled from its workspace). */
  reachable?(identity: ChannelIdentity): Promise<boolean>;
  /** The id of a message already sent with this messageId, if the channel can tell. */
  findSent?(input: { messageId: string; identity: ChannelIdentity }): Promise<string | undefined>;
};

/** Permanent refusals (no reference, user gone, bot removed) are not retried in that channel. */
export class ChannelRefused extends Error {
  override readonly name = 'ChannelRefused';
}

const referenceSchema = z
  .object({ serviceUrl: z.string().url(), conversation: z.object({ id: z.string() }).passthrough() })
  .passthrough();

export function createTeamsSender(settings: ChannelSettings['teams']): ChannelSender {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    settings.appId
      ? {
          MicrosoftAppId: settings.appId,
          MicrosoftAppPassword: settings.appPassword,
          MicrosoftAppTenantId: settings.tenantId,
          MicrosoftAppType: settings.appType,
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  return {
    channel: 'teams',
    async send({ messageId, identity, message }) {
      const reference = referenceSchema.safeParse(identity.reference);
      if (!reference.success) throw new ChannelRefused('no usable Teams conversation reference');
      let activityId = '';
      await adapter.continueConversationAsync(
        settings.appId ?? '',
        reference.data as unknown as Partial<ConversationReference>,
        async (context) => {
          const response = await context.sendActivity({
            type: ActivityTypes.Message,
            text: message.teams.text,
            textFormat: 'plain',
            attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.teams.card }],
            // The tenant goes with every proactive message: a multi-tenant bot is otherwise not told apart per tenant.
            channelData: {
              veilederMessageId: messageId,
              ...(reference.data.conversation.tenantId ? { tenant: { id: reference.data.conversation.tenantId } } : {}),
            },
          });
          activityId = response?.id ?? '';
        },
      );
      return { activityId };
    },
  };
}

/**
 * One bot token for every learner (SLACK_BOT_TOKEN), or each learner's own workspace's token from its
 * installation: a learner in a workspace that uninstalled Veileder is refused, and the message waits on the web.
 */
export type SlackSenderSettings = { apiUrl: string | undefined } & (
  | { botToken: string }
  | { installations: { botToken(workspace: { teamId: string }): Promise<string | undefined> } }
);

export function createSlackSender(settings: SlackSenderSettings): ChannelSender {
  const clients = new Map<string, InstanceType<typeof webApi.WebClient>>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new webApi.WebClient(token, {
        ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
        retryConfig: { retries: 2 },
      });
      clients.set(token, client);
    }
    return client;
  };
  const metadataType = 'veileder_push';
  // Slack identities are stored as "<team>:<user>".
  const userOf = (identity: ChannelIdentity) => identity.externalId.split(':').at(-1)!;
  const teamOf = (identity: ChannelIdentity) => identity.externalId.split(':')[0]!;
  const tokenFor = async (identity: ChannelIdentity) =>
    'botToken' in settings ? settings.botToken : await settings.installations.botToken({ teamId: teamOf(identity) });
  async function workspaceClient(identity: ChannelIdentity) {
    const token = await tokenFor(identity);
    if (!token) throw new ChannelRefused(`Veileder is not installed in Slack workspace ${teamOf(identity)}`);
    return clientFor(token);
  }
  async function openDirectMessage(
    client: InstanceType<typeof webApi.WebClient>,
    identity: ChannelIdentity,
  ): Promise<string> {
    const opened = await client.conversations
      .open({ users: userOf(identity) })
      .catch((error: { data?: { error?: string } }) => {
        if (
          [
            'user_not_found',
            'user_disabled',
            'cannot_dm_bot',
            'missing_scope',
            'account_inactive',
            'token_revoked',
            'invalid_auth',
          ].includes(error.data?.error ?? '')
        )
          throw new ChannelRefused(`Slack refused the DM: ${error.data?.error}`);
        throw error;
      });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('Slack conversations.open returned no channel');
    return channel;
  }
  return {
    channel: 'slack',
    reachable: async (identity) => (await tokenFor(identity)) !== undefined,
    async send({ messageId, identity, message }) {
      const client = await workspaceClient(identity);
      const channel = await openDirectMessage(client, identity);
      let posted: Awaited<ReturnType<typeof client.chat.postMessage>> | undefined;
      for (const [index, part] of message.slack.entries()) {
        // Only the last part carries the id: findSent then finds the message only when all of it went out.
        const last = index === message.slack.length - 1;
        // No unfurling: a link preview fetch must never open the unsubscribe link on the learner's behalf.
        posted = await client.chat.postMessage({
          channel,
          ...part,
          unfurl_links: false,
          unfurl_media: false,
          ...(last ? { metadata: { event_type: metadataType, event_payload: { message_id: messageId } } } : {}),
        });
      }
      return { activityId: `${posted?.channel ?? channel}:${posted?.ts ?? ''}` };
    },
    async findSent({ messageId, identity }) {
      const client = await workspaceClient(identity);
      const channel = await openDirectMessage(client, identity);
      const history = await client.conversations.history({ channel, limit: 50, include_all_metadata: true });
      const found = (history.messages ?? []).find((entry) => {
        const metadata = (entry as { metadata?: { event_type?: string; event_payload?: { message_id?: unknown } } })
          .metadata;
        return metadata?.event_type === metadataType && metadata.event_payload?.message_id === messageId;
      });
      return found?.ts ? `${channel}:${found.ts}` : undefined;
    },
  };
}
