import { noUsage } from '../model/chat-model.js';
import type { Language, Profile } from '../profile/profile.js';
import { detectAct } from './local-acts.js';
import { extractLocalFacts, fallbackRole, fallbackTopics } from './local-facts.js';
import { currentRolePattern } from './message-patterns.js';
import { emptyProfileUpdate, isEmptyUpdate, mergeProfileUpdates, type ProfileUpdate } from './profile-update.js';
import type { DialogueAct, MessageUnderstander, UnderstandOutcome, UnderstandRequest } from './understanding.js';

/**
 * The offline understander: the first-message extractor (topics, occupation, constraints — retrieval's
 * local extractor) plus follow-up acts, corrections and short answers read against the question asked.
 */

/** Reads the facts of a message into a profile update (retrieval's local extractor fits this shape). */
export type ProfileExtractor = (input: { message: string; language: Language; profile: Profile }) => ProfileUpdate | Promise<ProfileUpdate>;

export function createLocalUnderstander(options: { extractProfile: ProfileExtractor }): MessageUnderstander {
  return {
    async understand(request: UnderstandRequest): Promise<UnderstandOutcome> {
      const act = detectAct({ message: request.message, shownCount: request.shownCount });
      const update = await readFacts(request, act, options.extractProfile);
      return { update, act, source: 'local', usage: noUsage() };
    },
  };
}

async function readFacts(request: UnderstandRequest, act: DialogueAct, extractProfile: ProfileExtractor): Promise<ProfileUpdate> {
  // Commands carry no facts about the learner ("glem meg" is not a topic).
  if (['forget_me', 'what_do_you_know', 'start_over', 'help', 'dont_know', 'greeting', 'set_language', 'why', 'more_like', 'rate'].includes(act.kind)) {
    return emptyProfileUpdate();
  }
  if (act.kind === 'not_interested') return { ...emptyProfileUpdate(), avoid: act.what ? [act.what] : [] };
  const extracted = await extractProfile({ message: request.message, language: request.language, profile: request.profile });
  const facts = extractLocalFacts({ message: request.message, profile: request.profile, pendingQuestion: request.pendingQuestion });
  // The extractor's reading wins where both say something; the fallbacks fill only what it left empty.
  const update = mergeProfileUpdates([facts, extracted]);
  if (!update.occupation) update.occupation = fallbackRole(request.message);
  if (update.topics.length === 0 && update.goals.length === 0) update.topics = fallbackTopics(request.message);
  // A refinement says how, not what: its words ("billigere", "bare nett") are not topics.
  if (act.kind === 'refine') return { ...update, topics: [], goals: [] };
  return answerPendingQuestion({ update, message: request.message, pendingQuestion: request.pendingQuestion });
}

/**
 * A short reply to a question is its answer even without the phrasing extractors look for: "sykepleier"
 * after "what do you work with?", "lære Excel" after "what do you want to learn?".
 */
function answerPendingQuestion(options: { update: ProfileUpdate; message: string; pendingQuestion: UnderstandRequest['pendingQuestion'] }): ProfileUpdate {
  const { update, pendingQuestion } = options;
  const message = options.message.trim().replace(/[.!]+$/, '');
  const words = message.split(/\s+/).length;
  // A message that already says something else ("ikke Bergen – Trondheim") is not the answer.
  if (pendingQuestion === 'role' && isEmptyUpdate(update) && words <= 8) {
    const role = [...message.matchAll(currentRolePattern)][0]?.[1] ?? message;
    return { ...update, occupation: role.trim() };
  }
  if (pendingQuestion === 'goal' && update.topics.length === 0 && update.goals.length === 0 && words <= 20 && isEmptyUpdate({ ...update, modes: [], places: [] })) {
    return { ...update, goals: [message] };
  }
  return update;
}
