import type { Language } from '../profile/profile.js';
import type { QuietHours, Rhythm } from './delivery-window.js';
import type { LocalisedText, LearnerMessageItem } from './learner-message.js';

/** A learner's push settings; absent until they first follow something or answer the offer. */
export type PushPreferences = {
  rhythm: Rhythm;
  quiet: QuietHours;
  language: Language;
  offerDeclined: boolean;
  unsubscribed: boolean;
};

export type Subscription = { id: string; kind: 'profile' | 'topic'; topic: string; createdAt: Date };

/** A message delivered to the web channel, waiting to be shown at the learner's next visit. */
export type WaitingNotice = { messageId: string; kind: string; text: LocalisedText; items: LearnerMessageItem[] };

/** Where push keeps what learners follow (adapters/push/subscription-store.ts on PostgreSQL). */
export type SubscriptionStore = {
  preferences(learnerId: string): Promise<PushPreferences | undefined>;
  subscriptions(learnerId: string): Promise<Subscription[]>;
  /** Adds the subscription (created: false when it existed) and clears an earlier unsubscribe or decline. */
  follow(input: {
    learnerId: string;
    kind: 'profile' | 'topic';
    topic: string;
    language: Language;
  }): Promise<{ created: boolean }>;
  /** Removes one topic, or everything (then also marks the learner unsubscribed and drops waiting matches and digests). */
  stop(input: { learnerId: string; topic?: string }): Promise<{ removed: number }>;
  setRhythm(input: { learnerId: string; rhythm: Rhythm; language: Language }): Promise<void>;
  setQuietHours(input: { learnerId: string; startHour: number; endHour: number; language: Language }): Promise<void>;
  declineOffer(input: { learnerId: string; language: Language }): Promise<void>;
  /** Web messages delivered and not yet shown; `markShown` after showing them. */
  waitingNotices(learnerId: string): Promise<WaitingNotice[]>;
  markShown(messageIds: string[]): Promise<void>;
};
