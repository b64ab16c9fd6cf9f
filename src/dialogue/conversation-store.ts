import type { Profile, Language } from '../profile/profile.js';
import type { RecommendationReasons } from '../retrieval/recommender.js';
import type { ModelUsage } from '../model/chat-model.js';
import type { DialogueState } from './dialogue-state.js';
import type { Channel, TurnAction } from './turn.js';

/**
 * The assistant's memory port: PostgreSQL in adapters/storage/conversation-store.ts, the process's own memory
 * in adapters/storage/memory-conversation-store.ts (tests/support/conversation-store-contract.ts holds both to
 * the same behaviour). The dialogue writes the learner's turn before doing any work (`beginTurn`) and
 * everything the turn produced in one transaction at the end (`finishTurn`), so a crash in between loses
 * neither the message nor anything stored before it; ratings are written the moment they are understood.
 */

export type BeginTurnInput = {
  channel: Channel;
  userId: string;
  /**
   * The channel's conversation key; none = the learner's latest keyless conversation on this channel. A key
   * equal to a keyless conversation's id continues that conversation (a keyless turn's reply carries that id).
   */
  sessionKey: string | undefined;
  text: string;
  action: TurnAction | undefined;
  /** A conversation idle longer than this is closed; the next turn starts a new one. */
  idleMinutes: number;
};

export type BegunTurn = {
  learnerId: string;
  conversationId: string;
  /** The stored user turn. */
  userTurnId: string;
  /** True when this turn opened the conversation. */
  conversationIsNew: boolean;
  /** True when the learner was seen before this turn (in another conversation). */
  learnerIsReturning: boolean;
  profile: Profile | null;
  /** True when the learner agreed to keep their profile between conversations (and has not withdrawn it). */
  consentGiven: boolean;
  /** True when the learner said no to keeping their profile (in any conversation) and has not said yes since. */
  consentDeclined: boolean;
  /** Offerings not to suggest to this learner again: removed for them by an adviser, or rated 1–2 by them. */
  declinedOfferingIds: string[];
  state: unknown;
  language: Language | null;
  /**
   * The text of an earlier message in this conversation that never got a reply (the process died during
   * its turn); null when every earlier message was answered. This turn answers it too.
   */
  unanswered: string | null;
  /**
   * Whether something waits for an extension, by its name, as the store saw it when the turn began: false
   * lets the extension skip its own look-up. A name the store was not told how to look for is absent.
   */
  waiting: Record<string, boolean>;
};

/** One suggestion as stored; its id is made by the dialogue, so the state can name it before it is stored. */
export type StoredRecommendation = {
  id: string;
  offeringId: string;
  rank: number;
  score: number;
  reasons: RecommendationReasons;
};

type FinishTurnInput = {
  learnerId: string;
  conversationId: string;
  userTurnId: string;
  /** The id of the assistant's turn (the state's `shownTurnId` when it showed suggestions). */
  replyTurnId: string;
  /** What was understood from the user turn (stored on it, for advisers and evals). */
  understanding: unknown;
  reply: { text: string; language: Language };
  recommendations: StoredRecommendation[];
  state: DialogueState;
  /** The profile after this turn; omitted = unchanged. */
  profile: Profile | undefined;
  usage: ModelUsage;
};

export type RatingInput = {
  learnerId: string;
  score: number;
  text: string | undefined;
  /** A rating of one offering (with the suggestion it came from, when known)... */
  offeringId?: string;
  recommendationId?: string;
  /** ...or of a whole suggestion set: the assistant turn that showed it. */
  turnId?: string;
};

export type RatingSummary = { average: number; count: number };

export type ConversationStore = {
  beginTurn(input: BeginTurnInput): Promise<BegunTurn>;
  finishTurn(input: FinishTurnInput): Promise<void>;
  addRating(input: RatingInput): Promise<void>;
  ratingSummaries(offeringIds: string[]): Promise<Map<string, RatingSummary>>;
  /**
   * Records consent to keep the profile between conversations; withdrawing it also deletes the stored profile.
   * A "no" is remembered (`consentDeclined`), so the learner is not asked again in every new conversation.
   */
  setConsent(input: { learnerId: string; given: boolean }): Promise<void>;
  /** Deletes the learner and everything tied to them: identities, profile, conversations, turns, ratings. */
  forgetLearner(learnerId: string): Promise<void>;
};
