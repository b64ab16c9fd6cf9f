import { requestedLanguage } from '../language/detect.js';
import { addUsage, noUsage, type ModelUsage } from '../model/chat-model.js';
import { emptyProfile, type Language, type Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { Recommender } from '../retrieval/recommender.js';
import { applyProfileUpdate, emptyProfileUpdate, isEmptyUpdate, type ProfileUpdate } from '../understanding/profile-update.js';
import type { DialogueAct, MessageUnderstander } from '../understanding/understanding.js';
import type { ReplyComposer } from './compose-with-model.js';
import type { ConversationStore, StoredRecommendation } from './conversation-store.js';
import { describeProfile } from './describe-profile.js';
import { offersAfterSuggestions, runExtensions, type DialogueExtension, type ExtensionReply } from './extensions.js';
import { answerCommand } from './answer-command.js';
import { readDialogueState, type DialogueState } from './dialogue-state.js';
import { retentionSentence } from '../privacy/retention-notice.js';
import { chooseNextStep, type NextStep } from './next-step.js';
import { recommendStep } from './recommend-step.js';
import { refineProfile } from './refine-profile.js';
import { actFromAction, chooseLanguage, findTarget, greetingFor, targetOf } from './read-turn.js';
import { rememberTurn, searchText } from './remember-turn.js';
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
      const remembered = rememberTurn({ state, update, searchable: ['inform', 'show_now', 'none_fit', 'dont_know', 'greeting', 'refine'].includes(act.kind) });
      const greeting = begun.conversationIsNew ? greetingFor({ returning: begun.learnerIsReturning, profile: storedProfile, language, templates, act }) : [];
      const outcome = await respond({ act, update, profileBefore: storedProfile, profile, learnerId: begun.learnerId, stateBefore: state, state: remembered, language, dependencies, targetOfferingId: targetOf(turn.action), declined: consentGiven ? begun.declinedOfferingIds : [] });
      usage = addUsage(usage, outcome.usage);
      const suggested = outcome.suggestions ?? [];
      const after = suggested.length > 0 && extensions.length > 0 ? await offersAfterSuggestions({ extensions, facts: { ...facts, states: outcome.state.extensions }, suggestions: suggested }) : { offers: [], states: outcome.state.extensions };
      const added = extensionParts([...extensionTurn.notices, ...after.offers]);
      // First contact: one line on what is kept and the commands. Consent to remember the profile is asked
      // once, after the first suggestions (help first), unless the learner already said no.
      const privacy = begun.conversationIsNew && !consentGiven ? [templates.text(language, 'privacy_line', { retention: retentionSentence({ templates, language, retentionDays: dependencies.retentionDays }) })] : [];
      const askConsent = !consentGiven && !state.consentAsked && !begun.consentDeclined && suggested.length > 0;
      const consentQuestion = askConsent ? [templates.text(language, 'consent_notice')] : [];
      const replyText = [...greeting, ...extensionTurn.notices.map((notice) => notice.text), outcome.text, ...after.offers.map((offer) => offer.text), ...consentQuestion, ...privacy].join('\n\n');
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
  update: ProfileUpdate;
  /** The profile before this turn, and after what it said. */
  profileBefore: Profile;
  profile: Profile;
  learnerId: string;
  /** The state before this turn, and after what it said (rememberTurn). */
  stateBefore: DialogueState;
  state: DialogueState;
  language: Language;
  dependencies: DialogueDependencies;
  targetOfferingId: string | undefined;
  /** Offerings never to suggest again to this learner (from earlier conversations; only with consent). */
  declined: string[];
};

type Responded = Outcome & { usage: ModelUsage };

/** A command answer, a question, or suggestions searched from the conversation's memory. */
async function respond(options: RespondOptions): Promise<Responded> {
  const { act, language, dependencies } = options;
  const { templates, store } = dependencies;
  const target = findTarget({ state: options.stateBefore, act, offeringId: options.targetOfferingId });
  const command = await answerCommand({ act, profile: options.profile, state: options.state, language, templates, store, learnerId: options.learnerId, target });
  if (command) return { ...command, usage: noUsage() };

  let state: DialogueState = { ...options.state, pending: null };
  let profile = options.profile;
  const preface: string[] = [];
  const shownIds = options.stateBefore.shown.map((shown) => shown.offeringId);
  let exclude = [...state.excludedOfferingIds];
  let paging = false;
  let query = searchText({ state, profile });
  let wantedText = query;

  switch (act.kind) {
    case 'dont_know':
      if (options.stateBefore.pending) {
        state.declined = [...state.declined, options.stateBefore.pending];
        preface.push(templates.text(language, 'dont_know_ok'));
      }
      break;
    case 'not_interested':
    case 'none_fit': {
      // One suggestion named, or the whole list: none of it comes back in this conversation.
      const refused = target ? [target.offeringId] : shownIds;
      state.excludedOfferingIds = [...new Set([...state.excludedOfferingIds, ...refused])];
      exclude = state.excludedOfferingIds;
      if (act.kind === 'none_fit') preface.push(templates.text(language, 'none_fit_ok'));
      else if (target) preface.push(templates.text(language, 'not_interested', { value: target.title }));
      break;
    }
    case 'more':
      exclude = [...new Set([...exclude, ...state.seenOfferingIds])];
      paging = true;
      break;
    case 'more_like':
      if (!target) return plainOutcome(templates.text(language, state.shown.length === 0 ? 'no_suggestions_yet' : 'why_unknown'), state, profile);
      query = target.title;
      wantedText = target.title;
      exclude = [...new Set([...exclude, ...state.seenOfferingIds])];
      break;
    case 'refine': {
      const refined = refineProfile({ profile, refinement: act.refinement });
      if (refined.kind === 'ask_place') {
        const question = templates.text(language, 'nearer_ask');
        return { text: question, questions: [question], state: { ...state, pending: 'constraints' }, profile, usage: noUsage() };
      }
      profile = refined.profile;
      break;
    }
    default:
      break;
  }
  if (state.suggestionSets > 0 && !isEmptyUpdate(options.update)) {
    const before = describeProfile({ profile: options.profileBefore, language, templates });
    const changed = describeProfile({ profile, language, templates }).filter((fact) => !before.includes(fact));
    if (changed.length > 0) preface.push(templates.text(language, 'noted', { change: changed.join('; ') }));
  }

  const interviewing = act.kind === 'inform' || act.kind === 'dont_know' || act.kind === 'greeting';
  const step = interviewing ? chooseNextStep({ profile, state, hasLearnerWords: query.trim() !== '', hasSubjectWords: state.wanted.some((entry) => entry.kind === 'topic') }) : ({ kind: 'recommend' } as const);
  if (step.kind === 'ask' || step.kind === 'ask_topic') {
    const asked = askQuestion({ step, state, language, templates });
    return { text: [...preface, asked.question].join(' '), questions: [asked.question], actions: [{ label: templates.text(language, 'action_show_now'), action: { type: 'show_now' } }], state: asked.state, profile, usage: noUsage() };
  }
  const result = await recommendStep({
    profile,
    state,
    language,
    query: query || describeProfile({ profile, language, templates }).join('. '),
    wantedText,
    exclude: [...new Set([...exclude, ...options.declined])],
    paging,
    recommender: dependencies.recommender,
    store,
    templates,
    composer: dependencies.composer,
    knownProviders: dependencies.knownProviders ?? [],
    preface,
  });
  // The first list helps first; then the single most useful thing still unknown is asked, once.
  const followUp = result.suggestions.length > 0 && step.kind === 'recommend' && 'then' in step && step.then ? askQuestion({ step: { kind: 'ask', question: step.then }, state: result.state, language, templates }) : undefined;
  if (followUp) return { ...result, text: `${result.text}\n\n${followUp.question}`, questions: [followUp.question], state: followUp.state, profile };
  return { ...result, profile };
}

function plainOutcome(text: string, state: DialogueState, profile: Profile): Responded {
  return { text, state, profile, usage: noUsage() };
}

function askQuestion(options: { step: Exclude<NextStep, { kind: 'recommend' }>; state: DialogueState; language: Language; templates: ReplyTemplates }): { question: string; state: DialogueState } {
  const { step, state } = options;
  const question = options.templates.text(options.language, step.kind === 'ask' ? `question_${step.question}` : 'ask_more_topic');
  const kind = step.kind === 'ask' ? step.question : ('goal' as const);
  return { question, state: { ...state, asked: [...state.asked, kind], pending: kind } };
}

/** Suggestions and buttons the extensions contributed, in order. */
function extensionParts(parts: ExtensionReply[]): { suggestions: Suggestion[]; actions?: ReplyAction[] } {
  const actions = parts.flatMap((part) => part.actions ?? []);
  return { suggestions: parts.flatMap((part) => part.suggestions ?? []), ...(actions.length > 0 ? { actions } : {}) };
}
