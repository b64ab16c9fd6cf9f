import type { Profile } from '../profile/profile.js';
import { stem, tokenize } from '../retrieval/text-analysis.js';
import { dialogueCues } from '../understanding/dialogue-cues.js';
import { topicalWords } from '../understanding/message-parts.js';
import { isEmptyUpdate, type ProfileUpdate } from '../understanding/profile-update.js';
import type { DialogueState, SlotName, Wanted } from './dialogue-state.js';

/**
 * What a turn adds to the conversation's memory: the words it said about what the learner wants (a correction
 * of the subject replaces the earlier subject, a role statement stays), and the turn that last set each part.
 * The search text is built from this memory, never from the filler of the last message.
 */
export function rememberTurn(options: {
  state: DialogueState;
  update: ProfileUpdate;
  searchable: boolean;
}): DialogueState {
  const { state, update } = options;
  const turn = state.turn + 1;
  let wanted = state.wanted;
  const text = update.searchText?.trim() ?? '';
  const said = options.searchable && text !== '';
  // Only a message whose subject words are all the role's own ("jeg er tømrer") says nothing about what to learn.
  const roleWords = new Set(topicalWords(update.occupation ?? '').map((word) => word.toLowerCase()));
  const subjectWords = topicalWords(text);
  const saysOnlyRole =
    update.topics.length === 0 &&
    update.goals.length === 0 &&
    subjectWords.length > 0 &&
    subjectWords.every((word) => roleWords.has(word));
  const kind: Wanted['kind'] = saysOnlyRole ? 'role' : 'topic';
  // "nei, …" takes back the previous message's words, unless they were all there was of the subject: "actually
  // no, just the fundamentals" says how deep, and names no subject to replace them.
  if (update.retracts) {
    const kept = wanted.filter((entry) => entry.turn !== state.turn);
    const namesSubject = said && kind === 'topic' && !subjectWords.every(dialogueCues.isSearchModifier);
    if (kept.some((entry) => entry.kind === 'topic') || namesSubject) wanted = kept;
  }
  if (said) {
    // Only a correction that names a new subject ("nei forresten, jeg vil heller lære Python") drops the old one;
    // one that changes the kind or the place ("actually, just the fundamentals") keeps it.
    if (update.replaces && update.topics.length > 0) wanted = wanted.filter((entry) => entry.kind === 'role');
    wanted = [...wanted, { text, turn, kind }].slice(-8);
  }
  const slotTurns = { ...state.slotTurns };
  for (const slot of slotsSaid(update)) slotTurns[slot] = turn;
  return {
    ...state,
    turn,
    wanted,
    slotTurns,
    lastSaid: !isEmptyUpdate(update) || text !== '' ? update : state.lastSaid,
  };
}

/** The search text: what the learner wants, in their words, without any word they have since turned down. */
export function searchText(options: { state: DialogueState; profile: Profile }): string {
  const { state, profile } = options;
  const refused = new Set(profile.avoid.flatMap((text) => tokenize(text).map(stem)));
  const said = state.wanted.map((entry) => entry.text);
  const text = (said.length > 0 ? said : [...profile.goals, ...profile.topics])
    .join('. ')
    .replace(dialogueCues.fillerPhrases, ' ');
  // Filler ("interessert", "elsker", "tips") says nothing about the subject, yet would weigh in the search as much as it.
  return text
    .replace(/[\p{L}\p{N}]+/gu, (word) =>
      refused.has(stem(word.toLowerCase())) || dialogueCues.isSearchNoise(word.toLowerCase()) ? ' ' : word,
    )
    .replace(/\s+/g, ' ')
    .trim();
}

function slotsSaid(update: ProfileUpdate): SlotName[] {
  const slots: SlotName[] = [];
  const wishes = update.wishes;
  if (update.occupation) slots.push('role');
  if (update.educationLevel) slots.push('education');
  if (update.topics.length > 0 || update.goals.length > 0) slots.push('topic');
  if (update.avoid.length > 0 || update.avoidLevels.length > 0) slots.push('refused');
  if (update.places.length > 0 || update.removePlaces.length > 0 || (wishes?.places.length ?? 0) > 0)
    slots.push('place');
  if (update.modes.length > 0 || update.removeModes.length > 0 || (wishes?.modes.length ?? 0) > 0) slots.push('mode');
  if (
    update.partTime !== undefined ||
    update.evenings !== undefined ||
    update.weekends !== undefined ||
    wishes?.partTime !== undefined
  )
    slots.push('pace');
  if (update.hoursPerWeek !== undefined || update.weeks !== undefined) slots.push('hours');
  if (update.free !== undefined || update.maxPriceNok !== undefined || wishes?.free !== undefined) slots.push('price');
  if (update.accreditedOnly !== undefined) slots.push('accreditation');
  if (update.levels.length > 0 || update.avoidLevels.length > 0 || (wishes?.levels.length ?? 0) > 0)
    slots.push('level');
  if (update.startWithinMonths !== undefined) slots.push('start');
  return slots;
}
