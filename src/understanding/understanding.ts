import type { ModelUsage } from '../model/chat-model.js';
import type { Language, Profile } from '../profile/profile.js';
import type { QuestionKind } from '../dialogue/dialogue-state.js';
import type { ProfileUpdate } from './profile-update.js';

/**
 * The understanding port: one learner message → what it adds to the profile and what the learner wants now.
 * Two implementations, evaluated on the same fixtures: a chat model with structured output
 * (model-understanding.ts) and the offline local reader (local-understanding.ts). `withFallback` puts the
 * local one behind the model, so a rate limit or a timeout never costs the learner their turn.
 */

export type Refinement = 'cheaper' | 'shorter' | 'online_only' | 'nearer';

/** What the learner wants from this turn. Ranks are 1-based positions in the latest suggestion list. */
export type DialogueAct =
  | { kind: 'inform' }
  | { kind: 'greeting' }
  | { kind: 'show_now' }
  /** More of the same: the next page of the same search, nothing shown before. */
  | { kind: 'more' }
  /** None of the list fits; `about` is what it should have been about ("ingen av desse handlar om akvakultur"). */
  | { kind: 'none_fit'; about: string | null }
  | { kind: 'refine'; refinement: Refinement }
  | { kind: 'more_like'; rank: number | null }
  | { kind: 'why'; rank: number | null }
  | { kind: 'not_interested'; what: string | null; rank: number | null }
  | { kind: 'rate'; rank: number | null; score: number | null; text: string | null }
  | { kind: 'start_over' }
  | { kind: 'help' }
  | { kind: 'what_do_you_know' }
  | { kind: 'forget_me' }
  | { kind: 'consent'; given: boolean }
  | { kind: 'dont_know' }
  | { kind: 'set_language'; language: Language };

export type MessageUnderstanding = { update: ProfileUpdate; act: DialogueAct };

export type UnderstandRequest = {
  message: string;
  language: Language;
  profile: Profile;
  /** The question the assistant asked last, if any: a short answer answers it. */
  pendingQuestion: QuestionKind | null;
  /** How many suggestions the latest list had (0 = none shown yet). */
  shownCount: number;
};

export type UnderstandOutcome = MessageUnderstanding & {
  source: 'model' | 'local';
  usage: ModelUsage;
  /** Why the model's reading was not used, when it was not. */
  fallbackReason?: string;
};

export type MessageUnderstander = { understand(request: UnderstandRequest): Promise<UnderstandOutcome> };
