import { noUsage, type ModelUsage } from '../model/chat-model.js';
import type { Language, Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import { isEmptyUpdate, type ProfileUpdate } from '../understanding/profile-update.js';
import type { DialogueAct } from '../understanding/understanding.js';
import { answerCommand } from './answer-command.js';
import type { StoredRecommendation } from './conversation-store.js';
import { describeProfile } from './describe-profile.js';
import type { DialogueState } from './dialogue-state.js';
import type { DialogueDependencies } from './handle-turn.js';
import { chooseNextStep, type NextStep } from './next-step.js';
import { findTarget } from './read-turn.js';
import { recommendStep } from './recommend-step.js';
import { refineProfile } from './refine-profile.js';
import { searchText } from './remember-turn.js';
import type { ReplyAction, Suggestion } from './turn.js';

/**
 * What the assistant does with an understood turn: answer a command, ask the single most useful question, or
 * search from the conversation's memory — a new list, the next page ("more"), more like one, or a list without
 * what was turned down.
 */

export type Outcome = {
  text: string;
  suggestions?: Suggestion[];
  questions?: string[];
  actions?: ReplyAction[];
  recommendations?: StoredRecommendation[];
  /** The id to store the reply's turn under, when the outcome's state already names it (suggestions shown). */
  replyTurnId?: string;
  state: DialogueState;
  profile: Profile;
  dropped?: string[];
  usage: ModelUsage;
};

export type RespondOptions = {
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

/** A command answer, a question, or suggestions searched from the conversation's memory. */
export async function respond(options: RespondOptions): Promise<Outcome> {
  const { act, language, dependencies } = options;
  const { templates, store } = dependencies;
  const target = findTarget({ state: options.stateBefore, act, offeringId: options.targetOfferingId });
  const command = await answerCommand({
    act,
    profile: options.profile,
    state: options.state,
    language,
    templates,
    store,
    learnerId: options.learnerId,
    target,
  });
  if (command) return { ...command, usage: noUsage() };

  const state: DialogueState = { ...options.state, pending: null };
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
      exclude = [...new Set([...exclude, ...state.searchShownIds])];
      paging = true;
      break;
    case 'more_like':
      if (!target)
        return plainOutcome(
          templates.text(language, state.shown.length === 0 ? 'no_suggestions_yet' : 'why_unknown'),
          state,
          profile,
        );
      // Like that one and still on the learner's subject: the title joins what they asked for, and the
      // evidence stays their words ("mer som nr 1" after "programmering" is not every course for "5.–10. trinn").
      wantedText = query.trim() === '' ? target.title : query;
      query = `${query} ${target.title}`.trim();
      exclude = [...new Set([...exclude, ...state.seenOfferingIds])];
      break;
    case 'refine': {
      const refined = refineProfile({ profile, refinement: act.refinement });
      if (refined.kind === 'ask_place') {
        const question = templates.text(language, 'nearer_ask');
        return {
          text: question,
          questions: [question],
          state: { ...state, pending: 'constraints' },
          profile,
          usage: noUsage(),
        };
      }
      profile = refined.profile;
      break;
    }
    default:
      break;
  }
  if (state.suggestionSets > 0 && act.kind !== 'none_fit' && !isEmptyUpdate(options.update)) {
    const before = describeProfile({ profile: options.profileBefore, language, templates });
    const changed = describeProfile({ profile, language, templates }).filter((fact) => !before.includes(fact));
    if (changed.length > 0) preface.push(templates.text(language, 'noted', { change: changed.join('; ') }));
  }

  const interviewing = act.kind === 'inform' || act.kind === 'dont_know' || act.kind === 'greeting';
  const step = interviewing
    ? chooseNextStep({
        profile,
        state,
        hasLearnerWords: query.trim() !== '',
        hasSubjectWords: state.wanted.some((entry) => entry.kind === 'topic'),
      })
    : ({ kind: 'recommend' } as const);
  if (step.kind === 'ask' || step.kind === 'ask_topic') {
    const asked = askQuestion({ step, state, language, templates });
    return {
      text: [...preface, asked.question].join(' '),
      questions: [asked.question],
      actions: [{ label: templates.text(language, 'action_show_now'), action: { type: 'show_now' } }],
      state: asked.state,
      profile,
      usage: noUsage(),
    };
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
  const followUp =
    result.suggestions.length > 0 && step.kind === 'recommend' && 'followUp' in step && step.followUp
      ? askQuestion({ step: { kind: 'ask', question: step.followUp }, state: result.state, language, templates })
      : undefined;
  if (followUp)
    return {
      ...result,
      text: `${result.text}\n\n${followUp.question}`,
      questions: [followUp.question],
      state: followUp.state,
      profile,
    };
  return { ...result, profile };
}

function plainOutcome(text: string, state: DialogueState, profile: Profile): Outcome {
  return { text, state, profile, usage: noUsage() };
}

function askQuestion(options: {
  step: Exclude<NextStep, { kind: 'recommend' }>;
  state: DialogueState;
  language: Language;
  templates: ReplyTemplates;
}): { question: string; state: DialogueState } {
  const { step, state } = options;
  const question = options.templates.text(
    options.language,
    step.kind === 'ask' ? `question_${step.question}` : 'ask_more_topic',
  );
  const kind = step.kind === 'ask' ? step.question : ('goal' as const);
  return { question, state: { ...state, asked: [...state.asked, kind], pending: kind } };
}
