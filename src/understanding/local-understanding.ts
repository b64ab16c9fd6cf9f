import { noUsage } from '../model/chat-model.js';
import type { Language, Profile } from '../profile/profile.js';
import { detectAct } from './local-acts.js';
import { extractLocalFacts, fallbackRole, fallbackTopics } from './local-facts.js';
import { currentRolePattern } from './message-patterns.js';
import { readMessageParts, subjectPhrase, type MessageParts } from './message-parts.js';
import { emptyProfileUpdate, isEmptyUpdate, mergeProfileUpdates, type ProfileUpdate } from './profile-update.js';
import type { DialogueAct, MessageUnderstander, UnderstandOutcome, UnderstandRequest } from './understanding.js';

/**
 * The offline understander: the first-message extractor (topics, occupation, constraints — retrieval's
 * local extractor) plus follow-up acts, corrections and short answers read against the question asked.
 */

/** Reads the facts of a message into a profile update (retrieval's local extractor fits this shape). */
export type ProfileExtractor = (input: {
  message: string;
  language: Language;
  profile: Profile;
}) => ProfileUpdate | Promise<ProfileUpdate>;

export function createLocalUnderstander(options: { extractProfile: ProfileExtractor }): MessageUnderstander {
  return {
    async understand(given: UnderstandRequest): Promise<UnderstandOutcome> {
      const request = { ...given, message: asSentences(given.message) };
      const parts = readMessageParts(request.message);
      const act = detectAct({ message: request.message, shownCount: request.shownCount, parts });
      const update = await readFacts(request, act, parts, options.extractProfile);
      return { update, act, source: 'local', usage: noUsage() };
    },
  };
}

/** A line break ends a sentence ("Jeg vil lære regnskap⏎hallo?"), as the extractors' patterns expect a stop. */
function asSentences(message: string): string {
  return message.replace(/([^\s.!?,;:])[^\S\n]*\n\s*/gu, '$1. ').replace(/\s*\n\s*/gu, ' ');
}

async function readFacts(
  request: UnderstandRequest,
  act: DialogueAct,
  parts: MessageParts,
  extractProfile: ProfileExtractor,
): Promise<ProfileUpdate> {
  // Commands carry no facts about the learner ("glem meg" is not a topic).
  if (
    [
      'forget_me',
      'what_do_you_know',
      'start_over',
      'help',
      'dont_know',
      'greeting',
      'set_language',
      'why',
      'more_like',
      'rate',
      'more',
    ].includes(act.kind)
  ) {
    return emptyProfileUpdate();
  }
  if (act.kind === 'not_interested') return { ...emptyProfileUpdate(), avoid: act.what ? [act.what] : [] };
  if (act.kind === 'none_fit')
    return { ...emptyProfileUpdate(), topics: act.about ? [act.about] : [], searchText: parts.searchText };
  const extracted = await extractProfile({
    message: request.message,
    language: request.language,
    profile: request.profile,
  });
  const facts = extractLocalFacts({
    message: request.message,
    profile: request.profile,
    pendingQuestion: request.pendingQuestion,
  });
  // The extractor's reading wins where both say something; the fallbacks fill only what it left empty.
  const update = withMoves(mergeProfileUpdates([facts, extracted]), parts);
  if (!update.occupation) update.occupation = fallbackRole(request.message)?.replace(/^(?:på|i|ved|at|in)\s+/iu, '');
  if (update.topics.length === 0 && update.goals.length === 0)
    update.topics = fallbackTopics(request.message).filter((topic) =>
      parts.refusals.every((refused) => !topic.toLowerCase().includes(refused)),
    );
  // A refinement says how, not what: its words ("billigere", "bare nett") are not topics.
  if (act.kind === 'refine') return { ...update, topics: [], goals: [], searchText: '' };
  return answerPendingQuestion({ update, message: request.message, pendingQuestion: request.pendingQuestion });
}

/**
 * The conversation moves of the message applied to what the extractors read: what is turned down leaves the
 * wanted subjects, kinds and modes (the extractors see "ikkje … folkehøgskule" as a wish), a refused mode
 * leaves the other, and a correction is marked so its values replace the earlier ones.
 */
function withMoves(update: ProfileUpdate, parts: MessageParts): ProfileUpdate {
  const refused = (text: string) => parts.refusals.some((refusal) => text.toLowerCase().includes(refusal));
  // "Not online" takes online away; it does not demand campus, which most records do not state.
  const modes = update.modes.filter((mode) => !parts.refusedModes.includes(mode));
  const wishes = update.wishes
    ? {
        ...update.wishes,
        modes: update.wishes.modes.filter((mode) => !parts.refusedModes.includes(mode)),
        levels: update.wishes.levels.filter((level) => !parts.refusedLevels.includes(level)),
      }
    : undefined;
  const subjects = (list: string[]) => list.map(subjectPhrase).filter((text) => text !== '' && !refused(text));
  return {
    ...update,
    topics: subjects(update.topics),
    goals: subjects(update.goals),
    modes,
    removeModes: parts.refusedModes.filter(
      (mode): mode is 'online' | 'campus' => mode === 'online' || mode === 'campus',
    ),
    levels: update.levels.filter((level) => !parts.refusedLevels.includes(level)),
    avoidLevels: parts.refusedLevels,
    avoid: [...update.avoid, ...parts.refusals],
    removePlaces: [...new Set([...update.removePlaces, ...parts.refusedPlaces])],
    wishes,
    replaces: parts.correction && !parts.additive,
    retracts: parts.retracts,
    searchText: parts.searchText,
  };
}

/**
 * A short reply to a question is its answer even without the phrasing extractors look for: "sykepleier"
 * after "what do you work with?", "lære Excel" after "what do you want to learn?".
 */
function answerPendingQuestion(options: {
  update: ProfileUpdate;
  message: string;
  pendingQuestion: UnderstandRequest['pendingQuestion'];
}): ProfileUpdate {
  const { update, pendingQuestion } = options;
  const message = options.message.trim().replace(/[.!]+$/, '');
  const words = message.split(/\s+/).length;
  // A message that already says something else ("ikke Bergen – Trondheim") is not the answer.
  // "ok", "ja", "takk" answer nothing: only words that say something are a role.
  if (pendingQuestion === 'role' && isEmptyUpdate(update) && update.searchText && words <= 8) {
    const role = [...message.matchAll(currentRolePattern)][0]?.[1] ?? message;
    return { ...update, occupation: role.trim() };
  }
  if (
    pendingQuestion === 'goal' &&
    update.topics.length === 0 &&
    update.goals.length === 0 &&
    words <= 20 &&
    update.searchText &&
    isEmptyUpdate({ ...update, modes: [], places: [] })
  ) {
    return { ...update, goals: [subjectPhrase(update.searchText)] };
  }
  return update;
}
