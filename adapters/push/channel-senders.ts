import { webApi } from '@slack/bolt';
import { ActivityTypes, CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { ChannelSettings } from '../../src/config.js';
import type { RenderedMessage } from './render-message.js';

/**
 * Sending one push message to a learner in Teams or Slack. `messageId` travels with the message (Teams
 * channelData, Slack message metadata) so a message can be recognised later; Slack lets us look for it
 * (`findSent`) after a crash between sending and recording, Teams has no read-back for bots.
 */
export type ChannelIdentity = { externalId: string; reference: unknown };

export type ChannelSender = {
  channel: 'teams' | 'slack';
  send(input: { messageId: string; identity: ChannelIdentity; message: RenderedMessage }): Promise<{ activityId: string }>;
  /** The id of a message already sent with this messageId, if the channel can tell. */
  findSent?(input: { messageId: string; identity: ChannelIdentity }): Promise<string | undefined>;
};

/** Permanent refusals (no reference, user gone, bot removed) are not retried in that channel. */
export class ChannelRefused extends Error {
  override readonly name = 'ChannelRefused';
}

const referenceSchema = z.object({ serviceUrl: z.string().url(), conversation: z.object({ id: z.string() }).passthrough() }).passthrough();

export function createTeamsSender(settings: ChannelSettings['teams']): ChannelSender {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    settings.appId ? { MicrosoftAppId: settings.appId, MicrosoftAppPassword: settings.appPassword, MicrosoftAppTenantId: settings.tenantId, MicrosoftAppType: settings.appType } : {},
  );
  const adapter = new CloudAdapter(authentication);
  return {
    channel: 'teams',
    async send({ messageId, identity, message }) {
      const reference = referenceSchema.safeParse(identity.reference);
      if (!reference.success) throw new ChannelRefused('no usable Teams conversation reference');
      let activityId = '';
      await adapter.continueConversationAsync(settings.appId ?? '', reference.data as unknown as Partial<ConversationReference>, async (context) => {
        const response = await context.sendActivity({
          type: ActivityTypes.Message,
          text: message.teams.text,
          textFormat: 'plain',
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: message.teams.card }],
          channelData: { veilederMessageId: messageId },
        });
        activityId = response?.id ?? '';
      });
      return { activityId };
    },
  };
}

export function createSlackSender(settings: { botToken: string; apiUrl: string | undefined }): ChannelSender {
  const client = new webApi.WebClient(settings.botToken, { ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}), retryConfig: { retries: 2 } });
  const metadataType = 'veileder_push';
  // Slack identities are stored as "<team>:<user>".
  const userOf = (identity: ChannelIdentity) => identity.externalId.split(':').at(-1)!;
  async function openDirectMessage(identity: ChannelIdentity): Promise<string> {
    const opened = await client.conversations.open({ users: userOf(identity) }).catch((error: { data?: { error?: string } }) => {
      if (['user_not_found', 'user_disabled', 'cannot_dm_bot', 'missing_scope'].includes(error.data?.error ?? '')) throw new ChannelRefused(`Slack refused the DM: ${error.data?.error}`);
      throw error;
    });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('Slack conversations.open returned no channel');
    return channel;
  }
  return {
    channel: 'slack',
    async send({ messageId, identity, message }) {
      const channel = await openDirectMessage(identity);
      let posted: Awaited<ReturnType<typeof client.chat.postMessage>> | undefined;
      for (const [index, part] of message.slack.entries()) {
        // Only the last part carries the id: findSent then finds the message only when all of it went out.
        const last = index === message.slack.length - 1;
        // No unfurling: a link preview fetch must never open the unsubscribe link on the learner's behalf.
        posted = await client.chat.postMessage({ channel, ...part, unfurl_links: false, unfurl_media: false, ...(last ? { metadata: { event_type: metadataType, event_payload: { message_id: messageId } } } : {}) });
      }
      return { activityId: `${posted?.channel ?? channel}:${posted?.ts ?? ''}` };
    },
    async findSent({ messageId, identity }) {
      const channel = await openDirectMessage(identity);
      const history = await client.conversations.history({ channel, limit: 50, include_all_metadata: true });
      const found = (history.messages ?? []).find((entry) => {
        const metadata = (entry as { metadata?: { event_type?: string; event_payload?: { message_id?: unknown } } }).metadata;
        return metadata?.event_type === metadataType && metadata.event_payload?.message_id === messageId;
      });
      return found?.ts ? `${channel}:${found.ts}` : undefined;
    },
  };
}
