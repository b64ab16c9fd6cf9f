import { randomUUID } from 'node:crypto';
import { addUsage, noUsage, type ModelUsage } from '../model/chat-model.js';
import { retentionSentence } from '../privacy/retention-notice.js';
import { emptyProfile, type Language, type Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { Recommender } from '../retrieval/recommender.js';
import { applyProfileUpdate, emptyProfileUpdate, type ProfileUpdate } from '../understanding/profile-update.js';
import type { DialogueAct, MessageUnderstander } from '../understanding/understanding.js';
import type { ReplyComposer } from './compose-with-model.js';
import type { BegunTurn, ConversationStore } from './conversation-store.js';
import { readDialogueState, type DialogueState } from './dialogue-state.js';
import { offersAfterSuggestions, runExtensions, type DialogueExtension, type ExtensionReply } from './extensions.js';
import { actFromAction, chooseLanguage, greetingFor, targetOf } from './read-turn.js';
import { rememberTurn } from './remember-turn.js';
import { respond, type Outcome } from './respond.js';
import type { Reply, ReplyAction, Suggestion, Turn } from './turn.js';

/**
 * The conversation, channel-neutral: `handleTurn(turn) → reply`, as a pipeline of named steps. The learner's
 * turn is stored before any work (begin); then the extensions may answer; the message is understood (model or
 * local) into an act and a state update; the update is remembered (profile and conversation memory); the
 * assistant responds (a command's answer, one question, or suggestions searched from that memory); the reply
 * is framed (greeting, notices, consent, privacy); and everything the turn produced is stored once (finish).
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
  /** Days an idle conversation is kept before the retention job deletes it (0 or unset = kept), told in the privacy line. */
  retentionDays?: number;
};

export type Dialogue = { handleTurn(turn: Turn): Promise<Reply> };

/** What a turn knows once it is begun: who, in which language, with which memory. */
type Opened = {
  turn: Turn;
  text: string;
  begun: BegunTurn;
  sessionId: string;
  state: DialogueState;
  /** The profile this turn starts from: the stored one with consent, the conversation's own copy without. */
  profile: Profile;
  language: Language;
};

/** The reading of the learner's turn. */
type Understood = { act: DialogueAct; update: ProfileUpdate; usage: ModelUsage; record: Record<string, unknown> };

/** Everything one turn stores, in one write. */
type Finished = {
  reply: Reply;
  /** What the transcript keeps when it must differ from the reply (an extension's storedText). */
  storedText?: string;
  state: DialogueState;
  profile: Profile | undefined;
  understanding: Record<string, unknown>;
  outcome: Pick<Outcome, 'recommendations' | 'replyTurnId'>;
  usage: ModelUsage;
};

export function createDialogue(dependencies: DialogueDependencies): Dialogue {
  const { store } = dependencies;
  return {
    async handleTurn(turn) {
      const opened = await begin(turn, dependencies);
      const finished = await converse(opened, dependencies);
      if (finished === 'forgotten')
        return {
          sessionId: opened.sessionId,
          text: dependencies.templates.text(opened.language, 'forgotten'),
          language: opened.language,
          suggestions: [],
        };
      await store.finishTurn({
        learnerId: opened.begun.learnerId,
        conversationId: opened.begun.conversationId,
        userTurnId: opened.begun.userTurnId,
        replyTurnId: finished.outcome.replyTurnId ?? randomUUID(),
        understanding: finished.understanding,
        reply: { text: finished.storedText ?? finished.reply.text, language: finished.reply.language },
        recommendations: finished.outcome.recommendations ?? [],
        state: finished.state,
        profile: finished.profile,
        usage: finished.usage,
      });
      return finished.reply;
    },
  };
}

async function begin(turn: Turn, dependencies: DialogueDependencies): Promise<Opened> {
  const said = (turn.text ?? '').trim().slice(0, 4000);
  const begun = await dependencies.store.beginTurn({
    channel: turn.channel,
    userId: turn.userId,
    sessionKey: turn.sessionId,
    text: said,
    action: turn.action,
    idleMinutes: dependencies.idleMinutes ?? 12 * 60,
  });
  // A message whose turn died before its reply is read with this one, so nothing the learner said is lost.
  const text = begun.unanswered && begun.unanswered !== said && !turn.action ? `${begun.unanswered}\n${said}` : said;
  const stored = readDialogueState(begun.state);
  // Without consent only this conversation's own copy counts, never a profile stored before.
  const profile = (begun.consentGiven ? begun.profile : stored.profile) ?? emptyProfile();
  const { language, state } = chooseLanguage({
    turn,
    text,
    state: stored,
    stored: begun.language ?? profile.language ?? null,
  });
  return { turn, text, begun, sessionId: turn.sessionId ?? begun.conversationId, state, profile, language };
}

/** Every step after begin; returns what to store, or 'forgotten' when there is nothing left to store it for. */
async function converse(opened: Opened, dependencies: DialogueDependencies): Promise<Finished | 'forgotten'> {
  const { begun, language, turn } = opened;
  const { store, templates } = dependencies;
  const extensions = dependencies.extensions ?? [];
  const facts = {
    learnerId: begun.learnerId,
    conversationId: begun.conversationId,
    channel: turn.channel,
    language,
    text: opened.text,
    action: turn.action,
    profile: opened.profile,
    consentGiven: begun.consentGiven,
    conversationIsNew: begun.conversationIsNew,
    states: opened.state.extensions,
    waiting: begun.waiting,
  };
  const beside =
    extensions.length > 0
      ? await runExtensions({ extensions, facts })
      : { notices: [], answer: null, states: opened.state.extensions };
  let state: DialogueState = { ...opened.state, extensions: beside.states };
  if (beside.answer) {
    const parts = [...beside.notices, beside.answer];
    const reply = {
      sessionId: opened.sessionId,
      text: parts.map((part) => part.text).join('\n\n'),
      language,
      ...extensionParts(parts),
    };
    return {
      reply,
      storedText: parts.map((part) => part.storedText ?? part.text).join('\n\n'),
      state,
      profile: undefined,
      understanding: { source: 'extension', action: turn.action ?? null },
      outcome: {},
      usage: noUsage(),
    };
  }

  const understood = await understand(opened, state, dependencies);
  const { act, update } = understood;
  if (act.kind === 'forget_me') {
    await store.forgetLearner(begun.learnerId);
    return 'forgotten';
  }
  let consentGiven = begun.consentGiven;
  if (act.kind === 'consent') {
    await store.setConsent({ learnerId: begun.learnerId, given: act.given });
    consentGiven = act.given;
    state = { ...state, consentAsked: true };
    if (!act.given) {
      // The stored profile is gone; this conversation keeps its own copy, like any conversation without consent.
      const text = [
        ...beside.notices.map((notice) => notice.text),
        templates.text(language, begun.consentGiven ? 'consent_withdrawn' : 'consent_declined'),
      ].join('\n\n');
      const reply = { sessionId: opened.sessionId, text, language, ...extensionParts(beside.notices) };
      return {
        reply,
        state: { ...state, profile: opened.profile },
        profile: undefined,
        understanding: understood.record,
        outcome: {},
        usage: understood.usage,
      };
    }
  }

  // Remember what the turn said, then respond from that memory.
  const profile: Profile = {
    ...applyProfileUpdate({ profile: opened.profile, update, previous: state.lastSaid }),
    language,
  };
  const remembered = rememberTurn({
    state,
    update,
    searchable: ['inform', 'show_now', 'none_fit', 'dont_know', 'greeting', 'refine'].includes(act.kind),
  });
  const outcome = await respond({
    act,
    update,
    profileBefore: opened.profile,
    profile,
    learnerId: begun.learnerId,
    stateBefore: state,
    state: remembered,
    language,
    dependencies,
    targetOfferingId: targetOf(turn.action),
    declined: consentGiven ? begun.declinedOfferingIds : [],
  });

  const framed = await frame({
    opened,
    outcome,
    beside,
    consentGiven,
    consentAskedBefore: state.consentAsked,
    act,
    dependencies,
    facts,
  });
  return {
    reply: framed.reply,
    state: { ...framed.state, profile: consentGiven ? null : outcome.profile },
    profile: consentGiven ? outcome.profile : undefined,
    understanding: { ...understood.record, ...(outcome.dropped?.length ? { dropped: outcome.dropped } : {}) },
    outcome,
    usage: addUsage(understood.usage, outcome.usage),
  };
}

async function understand(
  opened: Opened,
  state: DialogueState,
  dependencies: DialogueDependencies,
): Promise<Understood> {
  const { turn, text } = opened;
  // Buttons and card submits say exactly what they mean; an empty message asks for help.
  if (turn.action)
    return {
      act: actFromAction(turn.action, state),
      update: emptyProfileUpdate(),
      usage: noUsage(),
      record: { source: 'action', action: turn.action },
    };
  if (text === '') return { act: { kind: 'help' }, update: emptyProfileUpdate(), usage: noUsage(), record: {} };
  const outcome = await dependencies.understander.understand({
    message: text,
    language: opened.language,
    profile: opened.profile,
    pendingQuestion: state.pending,
    shownCount: state.shown.length,
  });
  const record = {
    source: outcome.source,
    act: outcome.act,
    update: outcome.update,
    ...(outcome.fallbackReason ? { fallbackReason: outcome.fallbackReason } : {}),
  };
  return { act: outcome.act, update: outcome.update, usage: outcome.usage, record };
}

/**
 * The reply around the outcome: a greeting in a new conversation, the extensions' notices and offers, and on
 * first contact one line on what is kept and the commands. Consent to remember the profile is asked once,
 * after the first suggestions (help first), unless the learner already said no.
 */
async function frame(options: {
  opened: Opened;
  outcome: Outcome;
  beside: { notices: ExtensionReply[] };
  consentGiven: boolean;
  consentAskedBefore: boolean;
  act: DialogueAct;
  dependencies: DialogueDependencies;
  facts: Parameters<typeof offersAfterSuggestions>[0]['facts'];
}): Promise<{ reply: Reply; state: DialogueState }> {
  const { opened, outcome, dependencies } = options;
  const { begun, language } = opened;
  const templates: ReplyTemplates = dependencies.templates;
  const extensions = dependencies.extensions ?? [];
  const suggested = outcome.suggestions ?? [];
  const after =
    suggested.length > 0 && extensions.length > 0
      ? await offersAfterSuggestions({
          extensions,
          facts: { ...options.facts, states: outcome.state.extensions },
          suggestions: suggested,
        })
      : { offers: [], states: outcome.state.extensions };
  const added = extensionParts([...options.beside.notices, ...after.offers]);
  const greeting = begun.conversationIsNew
    ? greetingFor({
        returning: begun.learnerIsReturning,
        profile: opened.profile,
        language,
        templates,
        act: options.act,
      })
    : [];
  const privacy =
    begun.conversationIsNew && !options.consentGiven
      ? [
          templates.text(language, 'privacy_line', {
            retention: retentionSentence({ templates, language, retentionDays: dependencies.retentionDays }),
          }),
        ]
      : [];
  const askConsent =
    !options.consentGiven && !options.consentAskedBefore && !begun.consentDeclined && suggested.length > 0;
  const consentQuestion = askConsent ? [templates.text(language, 'consent_notice')] : [];
  const text = [
    ...greeting,
    ...options.beside.notices.map((notice) => notice.text),
    outcome.text,
    ...after.offers.map((offer) => offer.text),
    ...consentQuestion,
    ...privacy,
  ].join('\n\n');
  const consentActions: ReplyAction[] = askConsent
    ? [
        { label: templates.text(language, 'action_consent_yes'), action: { type: 'consent', given: true } },
        { label: templates.text(language, 'action_consent_no'), action: { type: 'consent', given: false } },
      ]
    : [];
  const actions = [...(outcome.actions ?? []), ...(added.actions ?? []), ...consentActions];
  const reply: Reply = {
    sessionId: opened.sessionId,
    text,
    language,
    suggestions: [...added.suggestions, ...suggested],
    ...(outcome.questions ? { questions: outcome.questions } : {}),
    ...(actions.length > 0 ? { actions } : {}),
  };
  return {
    reply,
    state: { ...outcome.state, extensions: after.states, consentAsked: options.consentAskedBefore || askConsent },
  };
}

/** Suggestions and buttons the extensions contributed, in order. */
function extensionParts(parts: ExtensionReply[]): { suggestions: Suggestion[]; actions?: ReplyAction[] } {
  const actions = parts.flatMap((part) => part.actions ?? []);
  return { suggestions: parts.flatMap((part) => part.suggestions ?? []), ...(actions.length > 0 ? { actions } : {}) };
}
