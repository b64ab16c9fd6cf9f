import { emptyProfile, type Language, type Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { DialogueAct } from '../understanding/understanding.js';
import type { ConversationStore } from './conversation-store.js';
import { describeProfile } from './describe-profile.js';
import { freshDialogueState, type DialogueState, type ShownSuggestion } from './dialogue-state.js';
import { reasonText } from './present-offering.js';
import type { ReplyAction } from './turn.js';

/**
 * The acts answered without a search: what is known, start over, help, language, consent, ratings and "why".
 * Returns null for every act that may lead to suggestions.
 */

export type CommandAnswer = {
  text: string;
  state: DialogueState;
  profile: Profile;
  questions?: string[];
  actions?: ReplyAction[];
};

export async function answerCommand(options: {
  act: DialogueAct;
  profile: Profile;
  state: DialogueState;
  language: Language;
  templates: ReplyTemplates;
  store: ConversationStore;
  learnerId: string;
  target: ShownSuggestion | undefined;
}): Promise<CommandAnswer | null> {
  const { act, profile, state, language, templates, store, target } = options;
  // A command answers no pending question: the next short message is read afresh.
  const plain = (text: string, next: Partial<CommandAnswer> = {}): CommandAnswer => ({
    text,
    state: { ...state, pending: null },
    profile,
    ...next,
  });
  switch (act.kind) {
    case 'what_do_you_know': {
      const facts = describeProfile({ profile, language, templates });
      if (facts.length === 0) return plain(templates.text(language, 'profile_empty'));
      return plain(
        `${templates.text(language, 'profile_summary', { facts: facts.join('; ') })} ${templates.text(language, 'profile_forget_hint')}`,
        {
          actions: [{ label: templates.text(language, 'action_forget_me'), action: { type: 'forget_me' } }],
        },
      );
    }
    case 'start_over': {
      const fresh = { ...freshDialogueState(), languageLocked: state.languageLocked, turn: state.turn };
      const question = templates.text(language, 'question_role');
      return {
        text: `${templates.text(language, 'started_over')} ${question}`,
        questions: [question],
        state: { ...fresh, asked: ['role'], pending: 'role' },
        profile: { ...emptyProfile(), language },
      };
    }
    case 'help':
      return plain(templates.text(language, 'help'), {
        actions: [{ label: templates.text(language, 'action_show_now'), action: { type: 'show_now' } }],
      });
    case 'set_language':
      return plain(templates.text(language, 'language_switched'));
    case 'consent':
      return plain(templates.text(language, 'consent_given'));
    case 'rate': {
      if (state.shown.length === 0 && !target) return plain(templates.text(language, 'no_suggestions_yet'));
      if (act.score === null) return plain(templates.text(language, 'rating_ask_score'));
      const ratingText = act.text ?? undefined;
      if (target) {
        await store.addRating({
          learnerId: options.learnerId,
          score: act.score,
          text: ratingText,
          offeringId: target.offeringId,
          ...(target.recommendationId ? { recommendationId: target.recommendationId } : {}),
        });
        // A poor rating is a "not for me": it is not suggested again in this conversation (nor later, with consent).
        const excludedOfferingIds =
          act.score <= 2 ? [...new Set([...state.excludedOfferingIds, target.offeringId])] : state.excludedOfferingIds;
        return plain(templates.text(language, 'rating_saved', { score: act.score, title: target.title }), {
          state: { ...state, excludedOfferingIds },
        });
      }
      await store.addRating({
        learnerId: options.learnerId,
        score: act.score,
        text: ratingText,
        ...(state.shownTurnId ? { turnId: state.shownTurnId } : {}),
      });
      return plain(templates.text(language, 'rating_saved_set', { score: act.score }));
    }
    case 'why': {
      if (!target)
        return plain(templates.text(language, state.shown.length === 0 ? 'no_suggestions_yet' : 'why_unknown'));
      // A model-written reason that survived grounding is kept; otherwise the reasons are said in today's language.
      const reasons =
        target.reason && target.reasons.matchedTerms.length + target.reasons.matchedConcepts.length === 0
          ? target.reason
          : reasonText({ reasons: target.reasons, language, templates });
      return plain(templates.text(language, 'why', { title: target.title, reasons }));
    }
    default:
      return null;
  }
}
