import type { DialogueExtension, ExtensionContext, ExtensionReply } from '../dialogue/extensions.js';
import type { Language } from '../profile/profile.js';
import type { ReplyAction } from '../dialogue/turn.js';
import { readPushCommand, type PushCommand } from './push-commands.js';
import { pushTexts, quietHoursText } from './push-texts.js';
import { localise, type LearnerMessageItem } from './learner-message.js';
import type { SubscriptionStore } from './subscription-store.js';

/**
 * Push in the conversation: the learner follows their profile or a topic, lists and stops what they follow,
 * sets the rhythm and quiet hours — in words or with buttons. After suggestions it offers following once per
 * conversation, and never again once the learner said no or already follows (it never nags). A digest
 * delivered to the web waits here and is shown at the learner's next visit.
 */
export const pushExtensionName = 'push';

type PushState = { offered?: boolean };

const button = (label: string, command: string, data?: Record<string, string>): ReplyAction => ({
  label,
  action: { type: 'extension', extension: pushExtensionName, command, ...(data ? { data } : {}) },
});

export function createPushExtension(options: { store: SubscriptionStore }): DialogueExtension {
  const { store } = options;

  async function run(command: PushCommand, context: ExtensionContext): Promise<ExtensionReply> {
    const texts = pushTexts[context.language];
    const { learnerId, language } = context;
    switch (command.type) {
      case 'follow_profile': {
        const hasProfile = context.profile.topics.length > 0 || context.profile.goals.length > 0;
        if (!hasProfile) return { text: texts.nothingToFollow };
        const { created } = await store.follow({ learnerId, kind: 'profile', topic: '', language });
        return {
          text: created ? texts.followedProfile : texts.alreadyFollowing,
          actions: [button(texts.monthly, 'rhythm', { rhythm: 'monthly' }), button(texts.unsubscribe, 'unsubscribe')],
        };
      }
      case 'follow_topic': {
        const { created } = await store.follow({ learnerId, kind: 'topic', topic: command.topic, language });
        return {
          text: created ? texts.followedTopic(command.topic) : texts.alreadyFollowing,
          actions: [button(texts.unsubscribe, 'unsubscribe')],
        };
      }
      case 'list':
        return listReply(context);
      case 'stop_all':
        await store.stop({ learnerId });
        return { text: texts.stoppedAll };
      case 'stop_topic': {
        await store.stop({ learnerId, topic: command.topic });
        return { text: texts.stoppedTopic(command.topic) };
      }
      case 'rhythm':
        await store.setRhythm({ learnerId, rhythm: command.rhythm, language });
        return {
          text: command.rhythm === 'off' ? texts.rhythmOff : texts.rhythmSet(texts.rhythmNames[command.rhythm]),
        };
      case 'quiet':
        await store.setQuietHours({ learnerId, startHour: command.startHour, endHour: command.endHour, language });
        return { text: texts.quietSet(quietHoursText(command.startHour, command.endHour)) };
    }
  }

  async function listReply(context: ExtensionContext): Promise<ExtensionReply> {
    const texts = pushTexts[context.language];
    const [subscriptions, preferences] = await Promise.all([
      store.subscriptions(context.learnerId),
      store.preferences(context.learnerId),
    ]);
    if (subscriptions.length === 0) return { text: texts.listNone };
    const lines = subscriptions.map(
      (subscription) =>
        `• ${subscription.kind === 'profile' ? texts.listProfile : texts.listTopic(subscription.topic)}`,
    );
    const rhythm = preferences?.rhythm ?? 'weekly';
    const quiet = preferences
      ? quietHoursText(preferences.quiet.startHour, preferences.quiet.endHour)
      : quietHoursText(22, 7);
    const actions = [
      rhythm === 'monthly'
        ? button(texts.weekly, 'rhythm', { rhythm: 'weekly' })
        : button(texts.monthly, 'rhythm', { rhythm: 'monthly' }),
      button(texts.unsubscribe, 'unsubscribe'),
    ];
    return {
      text: [texts.listHeading, ...lines, texts.listRhythm(texts.rhythmNames[rhythm], quiet)].join('\n'),
      actions,
    };
  }

  /** A button press as a command; unknown commands and data are ignored (the button came from us, but the payload from outside). */
  function commandOf(context: ExtensionContext): PushCommand | 'decline' | undefined {
    const action = context.action;
    if (!action) return undefined;
    if (action.command === 'follow') return { type: 'follow_profile' };
    if (action.command === 'decline') return 'decline';
    if (action.command === 'unsubscribe') return { type: 'stop_all' };
    if (action.command === 'list') return { type: 'list' };
    if (action.command === 'rhythm') {
      const rhythm = action.data?.rhythm;
      if (rhythm === 'weekly' || rhythm === 'monthly' || rhythm === 'off') return { type: 'rhythm', rhythm };
    }
    return undefined;
  }

  return {
    name: pushExtensionName,

    async notices(context) {
      if (context.waiting === false) return [];
      const waiting = await store.waitingNotices(context.learnerId);
      if (waiting.length === 0) return [];
      await store.markShown(waiting.map((notice) => notice.messageId));
      const texts = pushTexts[context.language];
      return waiting.map((notice) => ({
        text: [
          localise(notice.text, context.language),
          ...notice.items.map((item) => itemLine(item, context.language, texts.why)),
        ].join('\n'),
        ...(notice.kind === 'digest' ? { actions: [button(texts.unsubscribe, 'unsubscribe')] } : {}),
      }));
    },

    async answer(context) {
      const pressed = commandOf(context);
      if (pressed === 'decline') {
        await store.declineOffer({ learnerId: context.learnerId, language: context.language });
        return { text: pushTexts[context.language].declined, state: { offered: true } satisfies PushState };
      }
      const command = pressed ?? (context.action ? undefined : readPushCommand(context.text));
      if (!command) return null;
      // "stopp …" is ours only when it names something the learner follows; otherwise the words are the interview's.
      if (
        command.type === 'stop_topic' &&
        !(await store.subscriptions(context.learnerId)).some((subscription) => subscription.topic === command.topic)
      )
        return null;
      const reply = await run(command, context);
      return { ...reply, state: { offered: true } satisfies PushState };
    },

    async afterSuggestions(context) {
      const state = (context.state ?? {}) as PushState;
      if (state.offered || !context.consentGiven) return null;
      const [preferences, subscriptions] = await Promise.all([
        store.preferences(context.learnerId),
        store.subscriptions(context.learnerId),
      ]);
      // Said no, unsubscribed, or already follows: never offer again (checked each time; the store is the truth).
      if (preferences?.offerDeclined || preferences?.unsubscribed || subscriptions.length > 0) return null;
      const texts = pushTexts[context.language];
      return {
        text: texts.offer,
        actions: [button(texts.offerYes, 'follow'), button(texts.offerNo, 'decline')],
        state: { offered: true } satisfies PushState,
      };
    },
  };
}

export function itemLine(item: LearnerMessageItem, language: Language, why: string): string {
  const head = `• ${item.title}${item.provider ? ` — ${item.provider}` : ''}${item.url ? ` (${item.url})` : ''}`;
  return item.reason ? `${head}\n  ${why}: ${localise(item.reason, language)}` : head;
}
