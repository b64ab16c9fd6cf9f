import type { Language } from '../profile/profile.js';

/**
 * The ports for unsubscribing with the signed link at the foot of a digest, implemented in
 * adapters/push/unsubscribe-by-link-ports.ts.
 */

export type UnsubscribeLinks = {
  /** The learner a signed token names; undefined when it is forged or damaged. */
  learnerFor(token: string): Promise<string | undefined>;
};

export type PushUnsubscriptions = {
  /**
   * Unsubscribes the learner, drops waiting matches and cancels unsent digests, all at once; the learner's
   * language, or undefined when the learner no longer exists.
   */
  unsubscribe(learnerId: string): Promise<Language | undefined>;
};
