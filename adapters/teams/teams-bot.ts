import { ActivityTypes, TurnContext, type Activity } from 'botbuilder';
import { z } from 'zod';
import type { Reply, Turn, TurnAction } from '../../src/dialogue/turn.js';
import { channelText, languageFromLocale } from '../channels/channel-text.js';
import type { TurnHandler } from '../channels/turn-handler.js';
import type { ChannelIdentityStore } from '../storage/channel-identity-store.js';
import { cardSubmitSchema, replyMessage } from '../channels/adaptive-card.js';

/**
 * The Teams side of a turn: a Bot Framework activity becomes a Turn, the Reply becomes a message with an
 * Adaptive Card. Personal chats and channel @mentions alike (the mention is taken out of the text).
 */
export type TeamsBotOptions = {
  handleTurn: TurnHandler;
  identities: ChannelIdentityStore;
  /** How often the typing indicator is renewed while the assistant works (Teams shows it ~3 s). */
  typingEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
};

// Card buttons post { veileder: TurnAction }: as a message's `value` (Action.Submit) or inside an
// adaptiveCard/action invoke (Action.Execute).
const executeSchema = z.object({ action: z.object({ data: cardSubmitSchema }) });

export function createTeamsBot(options: TeamsBotOptions): (context: TurnContext) => Promise<void> {
  const typingEveryMs = options.typingEveryMs ?? 3000;

  async function answer(context: TurnContext, turn: Turn): Promise<void> {
    const activity = context.activity;
    await context.sendActivity({ type: ActivityTypes.Typing });
    const typing = setInterval(
      () => void context.sendActivity({ type: ActivityTypes.Typing }).catch(() => {}),
      typingEveryMs,
    );
    let reply: Reply;
    try {
      reply = await options.handleTurn(turn);
    } catch (error) {
      options.log?.('Teams turn failed', error);
      await context.sendActivity(channelText(languageFromLocale(activity.locale)).failed);
      return;
    } finally {
      clearInterval(typing);
    }
    await context.sendActivity({ type: ActivityTypes.Message, ...replyMessage(reply) });
    // The learner has the answer; failing to keep the reference only costs a later proactive message.
    await options.identities
      .rememberConversationReference({
        channel: 'teams',
        userId: turn.userId,
        tenant: tenantOf(activity),
        reference: referenceOf(activity),
      })
      .catch((error: unknown) => options.log?.('Teams: could not store the conversation reference', error));
  }

  return async (context) => {
    const activity = context.activity;
    if (activity.type === ActivityTypes.Message) {
      const submitted = cardSubmitSchema.safeParse(activity.value);
      const text = submitted.success ? undefined : TurnContext.removeRecipientMention(activity)?.trim();
      if (!submitted.success && !text) return;
      await answer(
        context,
        turnFrom(activity, { text, action: submitted.success ? submitted.data.veileder : undefined }),
      );
      return;
    }
    if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
      const executed = executeSchema.safeParse(activity.value);
      if (!executed.success) {
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 400,
            body: {
              statusCode: 400,
              type: 'application/vnd.microsoft.error',
              value: { code: 'BadRequest', message: 'Unknown card action' },
            },
          },
        });
        return;
      }
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: '' },
        },
      });
      await answer(context, turnFrom(activity, { text: undefined, action: executed.data.action.data.veileder }));
      return;
    }
    if (activity.type === ActivityTypes.ConversationUpdate) {
      const botWasAdded = (activity.membersAdded ?? []).some((member) => member.id === activity.recipient.id);
      if (!botWasAdded) return;
      await context.sendActivity(channelText(languageFromLocale(activity.locale)).welcome);
      await options.identities.rememberConversationReference({
        channel: 'teams',
        userId: userIdOf(activity),
        tenant: tenantOf(activity),
        reference: referenceOf(activity),
      });
    }
  };
}

function turnFrom(activity: Activity, content: { text: string | undefined; action: TurnAction | undefined }): Turn {
  return {
    channel: 'teams',
    userId: userIdOf(activity),
    sessionId: activity.conversation.id,
    ...(content.text ? { text: content.text } : {}),
    ...(content.action ? { action: content.action } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/** The AAD object id follows the person across teams and chats; the channel account id is the fallback. */
function userIdOf(activity: Activity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

/**
 * The reference kept for proactive messages, with the tenant in its conversation even when the channel sent it
 * only in channelData: a bot registered multi-tenant must name the tenant when it writes to a conversation
 * on its own, and each tenant has its own conversations (and, by region, its own serviceUrl).
 */
function referenceOf(activity: Activity) {
  const reference = TurnContext.getConversationReference(activity);
  const tenantId = tenantOf(activity);
  return tenantId && reference.conversation
    ? { ...reference, conversation: { ...reference.conversation, tenantId } }
    : reference;
}

function tenantOf(activity: Activity): string | undefined {
  const channelTenant = z.object({ tenant: z.object({ id: z.string() }) }).safeParse(activity.channelData);
  return activity.conversation.tenantId ?? (channelTenant.success ? channelTenant.data.tenant.id : undefined);
}
