import { detectLanguage, languageFromLocale, requestedLanguage } from '../language/detect.js';
import type { Language, Profile } from '../profile/profile.js';
import type { ReplyTemplates } from '../prompts/reply-templates.js';
import type { DialogueAct } from '../understanding/understanding.js';
import { describeProfile } from './describe-profile.js';
import type { DialogueState, ShownSuggestion } from './dialogue-state.js';
import type { Turn, TurnAction } from './turn.js';

/** The small readings of a turn that the dialogue needs before it decides anything. */

/**
 * An explicit request wins; then clear evidence in the text; a short "ok" or "5" keeps the language spoken so
 * far. The state remembers a request (detection no longer switches) and the first clear sign.
 */
export function chooseLanguage(options: { turn: Turn; text: string; state: DialogueState; stored: Language | null }): {
  language: Language;
  state: DialogueState;
} {
  const { turn, text, state } = options;
  const requested = turn.action?.type === 'set_language' ? turn.action.language : requestedLanguage(text);
  const previous = options.stored ?? languageFromLocale(turn.locale);
  const guess = text === '' ? undefined : detectLanguage({ text, fallback: previous ?? 'nb' });
  const remembered = {
    ...state,
    ...(requested ? { languageLocked: true } : {}),
    ...(guess?.confidence === 'clear' ? { languageSure: true } : {}),
  };
  const pick = (): Language => {
    if (requested) return requested;
    if (!guess) return previous ?? 'nb';
    if (state.languageLocked && previous) return previous;
    if (!previous) return guess.language;
    // "hei" set Bokmål weakly; "eg vil jobbe med fiskeri" is Nynorsk on one word, and that is more than "hei" said.
    return guess.confidence === 'clear' || !state.languageSure ? guess.language : previous;
  };
  return { language: pick(), state: remembered };
}

/** Buttons and card submits say exactly what they mean; they become the same acts words do. */
export function actFromAction(action: TurnAction, state: DialogueState): DialogueAct {
  const rankOf = (offeringId: string | undefined) =>
    state.shown.find((shown) => shown.offeringId === offeringId)?.rank ?? null;
  switch (action.type) {
    case 'rate':
      return { kind: 'rate', rank: rankOf(action.offeringId), score: action.score, text: action.text ?? null };
    case 'more_like':
      return { kind: 'more_like', rank: rankOf(action.offeringId) };
    case 'why':
      return { kind: 'why', rank: rankOf(action.offeringId) };
    case 'show_now':
      return { kind: 'show_now' };
    case 'start_over':
      return { kind: 'start_over' };
    case 'forget_me':
      return { kind: 'forget_me' };
    case 'what_do_you_know':
      return { kind: 'what_do_you_know' };
    case 'help':
      return { kind: 'help' };
    case 'set_language':
      return { kind: 'set_language', language: action.language };
    case 'consent':
      return { kind: 'consent', given: action.given };
    case 'extension':
      // No extension took it (switched off, or a button from an older message): say what can be done.
      return { kind: 'help' };
  }
}

export function targetOf(action: TurnAction | undefined): string | undefined {
  return action && 'offeringId' in action ? action.offeringId : undefined;
}

/**
 * The suggestion an act points at: by rank in the latest list, or by offering id from a button. An id the
 * learner was never shown in this conversation is not a target (a forged id must not reach a rating).
 */
export function findTarget(options: {
  state: DialogueState;
  act: DialogueAct;
  offeringId: string | undefined;
}): ShownSuggestion | undefined {
  const { state, act } = options;
  if (options.offeringId) return state.shown.find((shown) => shown.offeringId === options.offeringId);
  const rank = 'rank' in act ? act.rank : null;
  return rank === null ? undefined : state.shown.find((shown) => shown.rank === rank);
}

export function greetingFor(options: {
  returning: boolean;
  profile: Profile;
  language: Language;
  templates: ReplyTemplates;
  act: DialogueAct;
}): string[] {
  const { language, templates } = options;
  if (options.act.kind === 'what_do_you_know' || options.act.kind === 'help') return [];
  if (options.returning) {
    const facts = describeProfile({ profile: options.profile, language, templates });
    if (facts.length > 0) return [templates.text(language, 'greeting_returning', { facts: facts.join('; ') })];
  }
  return options.act.kind === 'greeting' || options.act.kind === 'inform' ? [templates.text(language, 'greeting')] : [];
}
