import { z } from 'zod';
import { profileSchema } from '../profile/profile.js';
import { profileUpdateSchema } from '../understanding/profile-update.js';

/**
 * What a conversation remembers between turns beyond the profile: which questions were asked, what was shown.
 * Stored as JSON on the conversation row and parsed on every read (a row written by an older version, or
 * edited by hand, must not crash a turn: anything unparseable starts from a fresh state).
 */

export const questionKinds = ['role', 'goal', 'time', 'constraints'] as const;
export type QuestionKind = (typeof questionKinds)[number];

const shownSuggestionSchema = z.object({
  rank: z.number().int().positive(),
  offeringId: z.string(),
  recommendationId: z.string(),
  title: z.string(),
  /** The recommender's reasons, kept so "why number 2?" is answered in whatever language is spoken then. */
  reasons: z
    .object({
      matchedTerms: z.array(z.string()),
      matchedConcepts: z.array(z.object({ id: z.string(), label: z.string() })),
      constraintsMet: z.array(z.string()),
      profileFit: z.array(z.string()),
    })
    .default({ matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] }),
  /** The reason line shown (model-written when grounded), in the language it was shown in. */
  reason: z.string().default(''),
});
export type ShownSuggestion = z.infer<typeof shownSuggestionSchema>;

/** What the learner said they want, one entry per message that said it, searched together. */
const wantedSchema = z.object({
  text: z.string(),
  /** The learner turn (1-based) it came from. */
  turn: z.number().int().nonnegative(),
  /** "role": the message only said who the learner is; a correction of the subject keeps it. */
  kind: z.enum(['topic', 'role']),
});
export type Wanted = z.infer<typeof wantedSchema>;

/** The parts of what a learner tells that a later message may change, each remembered with the turn that last set it. */
const slotNames = [
  'role',
  'education',
  'topic',
  'refused',
  'place',
  'mode',
  'pace',
  'hours',
  'price',
  'accreditation',
  'level',
  'start',
] as const;
export type SlotName = (typeof slotNames)[number];

const dialogueStateSchema = z.object({
  version: z.literal(1).default(1),
  /** Questions asked in this conversation, in order. */
  asked: z.array(z.enum(questionKinds)).default([]),
  /** The question the last reply ended with, so a bare answer ("sykepleier", "vet ikke") is read against it. */
  pending: z.enum(questionKinds).nullable().default(null),
  /** Questions the learner could not or would not answer: never asked again. */
  declined: z.array(z.enum(questionKinds)).default([]),
  /** The latest suggestion set, for "nr 2", "more like the first", ratings. */
  shown: z.array(shownSuggestionSchema).default([]),
  shownTurnId: z.string().nullable().default(null),
  /** Every offering shown in this conversation, so follow-ups bring new ones. */
  seenOfferingIds: z.array(z.string()).default([]),
  /**
   * The offerings the current search has shown: its first list and every "more" page after it. "More" pages on
   * from these; an offering shown under an earlier understanding may come back on a page where it ranks now
   * (said so in the reply), since that earlier list answered a different question.
   */
  searchShownIds: z.array(z.string()).default([]),
  /** Offerings the learner turned down. */
  excludedOfferingIds: z.array(z.string()).default([]),
  /** What the learner wants, in their own words without constraints, refusals or filler: the text every search uses. */
  wanted: z.array(wantedSchema).default([]),
  /** What the learner's last message that said anything added, so a "nei, …" after it can take it back. */
  lastSaid: profileUpdateSchema.nullable().default(null),
  /** Words the learner was told no offering is about ("Jeg fant ingen tilbud om «mesterbrev»"): told once. */
  toldUnknown: z.array(z.string()).default([]),
  /** Learner turns in this conversation. */
  turn: z.number().int().nonnegative().default(0),
  /** The turn that last set each part of what the learner told (dialogue/understood.ts reads it). */
  slotTurns: z.partialRecord(z.enum(slotNames), z.number().int().nonnegative()).default({}),
  /** True once the learner asked for a language explicitly: detection no longer switches it. */
  languageLocked: z.boolean().default(false),
  /** True once a message showed its language clearly; until then ("hei", "ok") a weaker sign may still switch it. */
  languageSure: z.boolean().default(false),
  suggestionSets: z.number().int().nonnegative().default(0),
  /** The learner was told what is stored and asked to consent, in this conversation. */
  consentAsked: z.boolean().default(false),
  /**
   * Without consent the profile lives here, for this conversation only; a new conversation starts without
   * it. With consent it is stored on the learner instead and this stays null.
   */
  profile: profileSchema.nullable().default(null),
  /** Each dialogue extension's own state in this conversation, by extension name (src/dialogue/extensions.ts). */
  extensions: z.record(z.string(), z.unknown()).default({}),
});
export type DialogueState = z.infer<typeof dialogueStateSchema>;

export const freshDialogueState = (): DialogueState => dialogueStateSchema.parse({});

export function readDialogueState(stored: unknown): DialogueState {
  const parsed = dialogueStateSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : freshDialogueState();
}
