import { requestedLanguage } from '../language/detect.js';
import { addUsage, noUsage } from '../model/chat-model.js';
import { emptyProfile, type Language, type Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { Recommender } from '../retrieval/recommender.js';
import { applyProfileUpdate, emptyProfileUpdate, isEmptyUpdate } from '../understanding/profile-update.js';
import type { DialogueAct, MessageUnderstander } from '../understanding/understanding.js';
import type { ReplyComposer } from './compose-with-model.js';
import type { ConversationStore, StoredRecommendation } from './conversation-store.js';
import { describeProfile } from './describe-profile.js';
import { offersAfterSuggestions, runExtensions, type DialogueExtension, type ExtensionReply } from './extensions.js';
import { freshDialogueState, readDialogueState, type DialogueState } from './dialogue-state.js';
import { retentionSentence } from '../privacy/retention-notice.js';
import { chooseNextStep } from './next-step.js';
import { reasonText } from './present-offering.js';
import { recommendStep } from './recommend-step.js';
import { refineProfile } from './refine-profile.js';
import { actFromAction, chooseLanguage, findTarget, greetingFor, targetOf, wordsWorthSearching } from './read-turn.js';
import type { Reply, ReplyAction, Suggestion, Turn } from './turn.js';

/**
 * The conversation, channel-neutral: `handleTurn(turn) → reply`. The learner's turn is stored before any
 * work; then the message is understood (model or local), the profile updated, and the assistant either
 * answers a command, asks the single most useful missing question, or recommends.
 */

export type DialogueDependencies = {
  store: ConversationStore;
  recommender: Recommender;
  understander: MessageUnderstander;
  templates: ReplyTemplates;
  /** A model that words intros and reasons; without one, templates do. */
  composer?: ReplyComposer;
  /** Provider names in the catalogue, so grounding can catch a reason naming the wrong one. */
  knownProviders?: string[];
  /** A conversation idle this long is closed; the next turn starts a new one (with a welcome back). */
  idleMinutes?: number;
  /** Features that talk beside the interview (src/dialogue/extensions.ts), consulted in this order. */
  extensions?: DialogueExtension[];
  /** Days an idle conversation is kept before the retention job deletes it (0 or unset = kept), told in the consent notice. */
  retentionDays?: number;
};

export type Dialogue = { handleTurn(turn: Turn): Promise<Reply> };

type Outcome = {
  text: string;
  suggestions?: Suggestion[];
  questions?: string[];
  actions?: ReplyAction[];
  recommendations?: StoredRecommendation[];
  state: DialogueState;
  profile: Profile;
  dropped?: string[];
};

export function createDialogue(dependencies: DialogueDependencies): Dialogue {
  const { store, templates } = dependencies;

  return {
    async handleTurn(turn) {
      const text = (turn.text ?? '').trim().slice(0, 4000);
      const begun = await store.beginTurn({ channel: turn.channel, userId: turn.userId, sessionKey: turn.sessionId, text, action: turn.action, idleMinutes: dependencies.idleMinutes ?? 12 * 60 });
      const sessionId = turn.sessionId ?? begun.conversationId;
      let state = readDialogueState(begun.state);
      let consentGiven = begun.consentGiven;
      // Without consent only this conversation's own copy counts, never a profile stored before.
      const storedProfile = (consentGiven ? begun.profile : state.profile) ?? emptyProfile();
      const language = chooseLanguage({ turn, text, state, stored: begun.language ?? storedProfile.language ?? null });
      if (turn.action?.type === 'set_language' || requestedLanguage(text)) state = { ...state, languageLocked: true };

      const extensions = dependencies.extensions ?? [];
      const facts = { learnerId: begun.learnerId, conversationId: begun.conversationId, channel: turn.channel, language, text, action: turn.action, profile: storedProfile, consentGiven, conversationIsNew: begun.conversationIsNew, states: state.extensions };
      const extensionTurn = extensions.length > 0 ? await runExtensions({ extensions, facts }) : { notices: [], answer: null, states: state.extensions };
      state = { ...state, extensions: extensionTurn.states };
      if (extensionTurn.answer) {
        const parts = [...extensionTurn.notices, extensionTurn.answer];
        const answered = { text: parts.map((part) => part.text).join('\n\n'), language };
        await store.finishTurn({ learnerId: begun.learnerId, conversationId: begun.conversationId, userTurnId: begun.userTurnId, understanding: { source: 'extension', action: turn.action ?? null }, reply: answered, recommendations: [], state, profile: undefined, usage: noUsage() });
        return { sessionId, ...answered, ...extensionParts(parts) };
      }

      let usage = noUsage();
      let act: DialogueAct;
      let update = emptyProfileUpdate();
      let understanding: Record<string, unknown> = {};
      if (turn.action) {
        act = actFromAction(turn.action, state);
        understanding = { source: 'action', action: turn.action };
      } else if (text === '') {
        act = { kind: 'help' };
      } else {
        const outcome = await dependencies.understander.understand({ message: text, language, profile: storedProfile, pendingQuestion: state.pending, shownCount: state.shown.length });
        ({ act, update, usage } = outcome);
        understanding = { source: outcome.source, act, update, ...(outcome.fallbackReason ? { fallbackReason: outcome.fallbackReason } : {}) };
      }

      if (act.kind === 'forget_me') {
        await store.forgetLearner(begun.learnerId);
        return { sessionId, text: templates.text(language, 'forgotten'), language, suggestions: [] };
      }

      if (act.kind === 'consent') {
        await store.setConsent({ learnerId: begun.learnerId, given: act.given });
        consentGiven = act.given;
        state = { ...state, consentAsked: true };
        if (!act.given) {
          // The stored profile is gone; this conversation keeps its own copy, like any conversation without consent.
          const declined = [...extensionTurn.notices.map((notice) => notice.text), templates.text(language, begun.consentGiven ? 'consent_withdrawn' : 'consent_declined')].join('\n\n');
          await store.finishTurn({ learnerId: begun.learnerId, conversationId: begun.conversationId, userTurnId: begun.userTurnId, understanding, reply: { text: declined, language }, recommendations: [], state: { ...state, profile: storedProfile }, profile: undefined, usage });
          return { sessionId, text: declined, language, ...extensionParts(extensionTurn.notices) };
        }
      }

      const profile: Profile = { ...applyProfileUpdate({ profile: storedProfile, update }), language };
      const greeting = begun.conversationIsNew ? greetingFor({ returning: begun.learnerIsReturning, profile: storedProfile, language, templates, act }) : [];
      const outcome = await respond({ act, text, update, profile, profileBefore: storedProfile, learnerId: begun.learnerId, state, language, dependencies, targetOfferingId: targetOf(turn.action), declined: consentGiven ? begun.declinedOfferingIds : [] });
      usage = addUsage(usage, outcome.usage);
      const suggested = outcome.suggestions ?? [];
      const after = suggested.length > 0 && extensions.length > 0 ? await offersAfterSuggestions({ extensions, facts: { ...facts, states: outcome.state.extensions }, suggestions: suggested }) : { offers: [], states: outcome.state.extensions };
      const added = extensionParts([...extensionTurn.notices, ...after.offers]);
      // First contact without consent: say what is kept, why and for how long, and offer the choice (once per
      // conversation) — unless the learner already said no, which holds until they raise it themselves.
      const askConsent = !consentGiven && !state.consentAsked && !begun.consentDeclined;
      const consentNotice = askConsent ? [templates.text(language, 'consent_notice', { retention: retentionSentence({ templates, language, retentionDays: dependencies.retentionDays }) })] : [];
      const replyText = [...greeting, ...extensionTurn.notices.map((notice) => notice.text), outcome.text, ...after.offers.map((offer) => offer.text), ...consentNotice].join('\n\n');
      const baseActions = outcome.actions || added.actions ? [...(outcome.actions ?? []), ...(added.actions ?? [])] : undefined;
      const actions = askConsent
        ? [...(baseActions ?? []), { label: templates.text(language, 'action_consent_yes'), action: { type: 'consent', given: true } as const }, { label: templates.text(language, 'action_consent_no'), action: { type: 'consent', given: false } as const }]
        : baseActions;
      await store.finishTurn({
        learnerId: begun.learnerId,
        conversationId: begun.conversationId,
        userTurnId: begun.userTurnId,
        understanding: { ...understanding, ...(outcome.dropped?.length ? { dropped: outcome.dropped } : {}) },
        reply: { text: replyText, language },
        recommendations: outcome.recommendations ?? [],
        state: { ...outcome.state, extensions: after.states, consentAsked: state.consentAsked || askConsent, profile: consentGiven ? null : outcome.profile },
        profile: consentGiven ? outcome.profile : undefined,
        usage,
      });
      return {
        sessionId,
        text: replyText,
        language,
        suggestions: [...added.suggestions, ...suggested],
        ...(outcome.questions ? { questions: outcome.questions } : {}),
        ...(actions ? { actions } : {}),
      };
    },
  };
}

type RespondOptions = {
  act: DialogueAct;
  text: string;
  update: ReturnType<typeof emptyProfileUpdate>;
  profile: Profile;
  profileBefore: Profile;
  learnerId: string;
  state: DialogueState;
  language: Language;
  dependencies: DialogueDependencies;
  targetOfferingId: string | undefined;
  /** Offerings never to suggest again to this learner (from earlier conversations; only with consent). */
  declined: string[];
};

async function respond(options: RespondOptions): Promise<Outcome & { usage: ReturnType<typeof noUsage> }> {
  const { act, profile, state, language, dependencies } = options;
  const { templates, store } = dependencies;
  const plain = (text: string, next: Partial<Outcome> = {}) => ({ text, state, profile, usage: noUsage(), ...next });
  const target = findTarget({ state, act, offeringId: options.targetOfferingId });

  switch (act.kind) {
    case 'what_do_you_know': {
      const facts = describeProfile({ profile, language, templates });
      if (facts.length === 0) return plain(templates.text(language, 'profile_empty'));
      return plain(`${templates.text(language, 'profile_summary', { facts: facts.join('; ') })} ${templates.text(language, 'profile_forget_hint')}`, {
        actions: [{ label: templates.text(language, 'action_forget_me'), action: { type: 'forget_me' } }],
      });
    }
    case 'start_over': {
      const fresh = { ...freshDialogueState(), languageLocked: state.languageLocked };
      const question = templates.text(language, 'question_role');
      return { text: `${templates.text(language, 'started_over')} ${question}`, questions: [question], state: { ...fresh, asked: ['role'], pending: 'role' }, profile: { ...emptyProfile(), language }, usage: noUsage() };
    }
    case 'help':
      return plain(templates.text(language, 'help'), { actions: [{ label: templates.text(language, 'action_show_now'), action: { type: 'show_now' } }] });
    case 'set_language':
      return plain(templates.text(language, 'language_switched'));
    case 'consent':
      return plain(templates.text(language, 'consent_given'));
    case 'rate': {
      if (state.shown.length === 0 && !target) return plain(templates.text(language, 'no_suggestions_yet'));
      if (act.score === null) return plain(templates.text(language, 'rating_ask_score'));
      const ratingText = act.text ?? undefined;
      if (target) {
        await store.addRating({ learnerId: options.learnerId, score: act.score, text: ratingText, offeringId: target.offeringId, ...(target.recommendationId ? { recommendationId: target.recommendationId } : {}) });
        // A poor rating is a "not for me": it is not suggested again in this conversation (nor later, with consent).
        const excludedOfferingIds = act.score <= 2 ? [...new Set([...state.excludedOfferingIds, target.offeringId])] : state.excludedOfferingIds;
        return plain(templates.text(language, 'rating_saved', { score: act.score, title: target.title }), { state: { ...state, excludedOfferingIds } });
      }
      await store.addRating({ learnerId: options.learnerId, score: act.score, text: ratingText, ...(state.shownTurnId ? { turnId: state.shownTurnId } : {}) });
      return plain(templates.text(language, 'rating_saved_set', { score: act.score }));
    }
    case 'why': {
      if (!target) return plain(templates.text(language, state.shown.length === 0 ? 'no_suggestions_yet' : 'why_unknown'));
      const reasons = target.reason && target.reasons.matchedTerms.length + target.reasons.matchedConcepts.length === 0 ? target.reason : reasonText({ reasons: target.reasons, language, templates });
      return plain(templates.text(language, 'why', { title: target.title, reasons }));
    }
    default:
      break;
  }

  // Everything below may lead to suggestions.
  let nextState: DialogueState = { ...state, pending: null };
  let nextProfile = profile;
  const preface: string[] = [];
  let query = [...state.learnerWords, ...(wordsWorthSearching(options) ? [options.text] : [])].join('. ');
  if (wordsWorthSearching(options)) nextState.learnerWords = [...state.learnerWords, options.text].slice(-6);
  let exclude = [...state.excludedOfferingIds];

  if (act.kind === 'dont_know' && state.pending) {
    nextState.declined = [...state.declined, state.pending];
    preface.push(templates.text(language, 'dont_know_ok'));
  }
  if (act.kind === 'not_interested') {
    if (target) nextState.excludedOfferingIds = [...new Set([...state.excludedOfferingIds, target.offeringId])];
    exclude = nextState.excludedOfferingIds;
    const what = act.what ?? target?.title;
    if (what) preface.push(templates.text(language, 'not_interested', { value: what }));
  }
  if (act.kind === 'more_like') {
    if (!target) return plain(templates.text(language, state.shown.length === 0 ? 'no_suggestions_yet' : 'why_unknown'));
    query = target.title;
    exclude = [...new Set([...exclude, ...state.seenOfferingIds])];
  }
  if (act.kind === 'refine') {
    const refined = refineProfile({ profile, refinement: act.refinement });
    if (refined.kind === 'ask_place') {
      const question = templates.text(language, 'nearer_ask');
      return { text: question, questions: [question], state: { ...nextState, pending: 'constraints' }, profile, usage: noUsage() };
    }
    nextProfile = refined.profile;
  }
  if (act.kind === 'inform' && state.suggestionSets > 0 && !isEmptyUpdate(options.update)) {
    const before = describeProfile({ profile: options.profileBefore, language, templates });
    const changed = describeProfile({ profile: nextProfile, language, templates }).filter((fact) => !before.includes(fact));
    if (changed.length > 0) preface.push(templates.text(language, 'noted', { change: changed.join('; ') }));
  }

  const step = act.kind === 'inform' || act.kind === 'dont_know' || act.kind === 'greeting' ? chooseNextStep({ profile: nextProfile, state: nextState, hasLearnerWords: query.trim() !== '' }) : { kind: 'recommend' as const };
  if (step.kind === 'ask' || step.kind === 'ask_topic') {
    const question = templates.text(language, step.kind === 'ask' ? `question_${step.question}` : 'ask_more_topic');
    const asked = step.kind === 'ask' ? { asked: [...nextState.asked, step.question], pending: step.question } : { asked: [...nextState.asked, 'goal' as const], pending: 'goal' as const };
    return {
      text: [...preface, question].join(' '),
      questions: [question],
      actions: [{ label: templates.text(language, 'action_show_now'), action: { type: 'show_now' } }],
      state: { ...nextState, ...asked },
      profile: nextProfile,
      usage: noUsage(),
    };
  }
  const result = await recommendStep({
    profile: nextProfile,
    state: nextState,
    language,
    query: query || describeProfile({ profile: nextProfile, language, templates }).join('. '),
    exclude: [...new Set([...exclude, ...options.declined])],
    recommender: dependencies.recommender,
    store,
    templates,
    composer: dependencies.composer,
    knownProviders: dependencies.knownProviders ?? [],
    preface,
  });
  return { ...result, profile: nextProfile, usage: result.usage };
}

/** Suggestions and buttons the extensions contributed, in order. */
function extensionParts(parts: ExtensionReply[]): { suggestions: Suggestion[]; actions?: ReplyAction[] } {
  const actions = parts.flatMap((part) => part.actions ?? []);
  return { suggestions: parts.flatMap((part) => part.suggestions ?? []), ...(actions.length > 0 ? { actions } : {}) };
}
