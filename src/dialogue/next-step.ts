import type { Profile } from '../profile/profile.js';
import { questionKinds, type DialogueState, type QuestionKind } from './dialogue-state.js';

/**
 * Ask or recommend. Once the learner has said what they want, the reply helps first: suggestions at once,
 * then the single most useful question still open (role → time → constraints) — never one whose answer is
 * known, was asked or was declined. Without any idea what the learner wants, it asks for that (role first).
 */

/** Without any idea what the learner wants, suggestions would be guesses: keep asking, but not forever. */
const maxQuestionsWithoutTopic = 4;

/** `followUp`: the question to ask after the suggestions, if any is still worth asking. */
export type NextStep =
  | { kind: 'ask'; question: QuestionKind }
  | { kind: 'ask_topic' }
  | { kind: 'recommend'; followUp?: QuestionKind };

function knows(profile: Profile, question: QuestionKind): boolean {
  switch (question) {
    case 'role':
      return profile.occupation !== undefined || profile.educationLevel !== undefined;
    case 'goal':
      // A kind of offering ("folkehøgskole", "a master") says what the learner is after, too.
      return (
        profile.goals.length > 0 ||
        profile.topics.length > 0 ||
        profile.levels.length > 0 ||
        (profile.wishes?.levels.length ?? 0) > 0
      );
    case 'time':
      return (
        (profile.time !== undefined && Object.values(profile.time).some((value) => value !== undefined)) ||
        profile.wishes?.partTime !== undefined
      );
    case 'constraints':
      return (
        profile.modes.length > 0 ||
        profile.places.length > 0 ||
        profile.levels.length > 0 ||
        profile.budget !== undefined ||
        profile.accreditedOnly !== undefined ||
        (profile.wishes !== undefined &&
          (profile.wishes.modes.length > 0 ||
            profile.wishes.places.length > 0 ||
            profile.wishes.levels.length > 0 ||
            profile.wishes.free !== undefined))
      );
  }
}

export function chooseNextStep(options: {
  profile: Profile;
  state: DialogueState;
  hasLearnerWords: boolean;
  hasSubjectWords: boolean;
}): NextStep {
  const { profile, state } = options;
  const open = questionKinds.filter(
    (question) => !knows(profile, question) && !state.declined.includes(question) && !state.asked.includes(question),
  );
  const knowsWhat = knows(profile, 'goal');
  // After suggestions were shown, new facts refine them rather than start another interview.
  if (state.suggestionSets > 0)
    return knowsWhat || options.hasLearnerWords ? { kind: 'recommend' } : { kind: 'ask_topic' };
  if (knowsWhat || options.hasSubjectWords) {
    const followUp = open.find((question) => question !== 'goal');
    return followUp ? { kind: 'recommend', followUp } : { kind: 'recommend' };
  }
  if (state.asked.length >= maxQuestionsWithoutTopic)
    return options.hasLearnerWords ? { kind: 'recommend' } : { kind: 'ask_topic' };
  // The goal is what a search needs; ask it before anything else once the role is known or declined.
  const next = open.find((question) => question === 'role' || question === 'goal');
  if (next) return { kind: 'ask', question: next };
  // The goal was asked and not answered: search with the learner's own words rather than ask again.
  if (options.hasLearnerWords) return { kind: 'recommend' };
  return state.asked.filter((question) => question === 'goal').length >= 2
    ? { kind: 'recommend' }
    : { kind: 'ask_topic' };
}
