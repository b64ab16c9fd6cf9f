import { z } from 'zod';
import type { Language } from '../profile/profile.js';
import { isWebUrl } from '../web-url.js';

/**
 * The push port: anything that must reach a learner outside a conversation — a digest of new offerings,
 * an organisation's assignment or mandatory-course reminder — is one `LearnerMessage`, enqueued once and
 * delivered in the learner's own channel (Teams proactive message, Slack DM, or shown at the next web visit)
 * by the push jobs, exactly once per `dedupeKey`, never inside the learner's quiet hours.
 *
 * Adapter: adapters/push/enqueue-learner-message.ts (`createLearnerMessenger({ pool })`).
 */

const learnerMessageKinds = ['digest', 'assignment', 'reminder', 'notice'] as const;

/** Text given in every language (picked by the learner's language at delivery) or one string for all. */
const localisedTextSchema = z.union([
  z.string().min(1).max(4000),
  z.object({ nb: z.string().min(1).max(4000), nn: z.string().min(1).max(4000), en: z.string().min(1).max(4000) }),
]);
export type LocalisedText = z.infer<typeof localisedTextSchema>;

const learnerMessageItemSchema = z.object({
  offeringId: z.string().min(1).optional(),
  // The catalogue's own limits: a digest item is an offering, and a stored digest is parsed again at every claim.
  title: z.string().min(1).max(1000),
  provider: z.string().max(500).optional(),
  url: z.string().max(2000).refine(isWebUrl, 'url must be an http:// or https:// address').nullable().optional(),
  /** Why this item is here ("matches 'sveising'; free; online") — a digest item always says why. */
  reason: localisedTextSchema.optional(),
});
export type LearnerMessageItem = z.infer<typeof learnerMessageItemSchema>;

/** A button in the message; pressing it is a turn `{ type: 'extension', extension, command, data }` answered by that extension. */
const learnerMessageButtonSchema = z.object({
  label: localisedTextSchema,
  extension: z.string().min(1).max(60),
  command: z.string().min(1).max(60),
  data: z.record(z.string(), z.string().max(500)).optional(),
});
type LearnerMessageButton = z.infer<typeof learnerMessageButtonSchema>;

export const enqueueLearnerMessageSchema = z.object({
  learnerId: z.string().min(1),
  kind: z.enum(learnerMessageKinds),
  /** The lead text ("Your employer suggests a course for you"). */
  text: localisedTextSchema,
  items: z.array(learnerMessageItemSchema).max(50).default([]),
  buttons: z.array(learnerMessageButtonSchema).max(5).default([]),
  /** Idempotency: enqueueing the same key again does nothing (e.g. `assignment:<id>`, `reminder:<course>:<2026-12>`). */
  dedupeKey: z.string().min(1).max(300),
  /** Not before this moment (then still outside quiet hours); default now. */
  notBefore: z.date().optional(),
});
export type EnqueueLearnerMessage = z.input<typeof enqueueLearnerMessageSchema>;

export type EnqueuedLearnerMessage = { messageId: string; created: boolean };

export type LearnerMessenger = {
  enqueueLearnerMessage(message: EnqueueLearnerMessage): Promise<EnqueuedLearnerMessage>;
};

/** What a message's payload holds once stored (the parsed input minus routing fields). */
export type StoredMessagePayload = {
  text: LocalisedText;
  items: LearnerMessageItem[];
  buttons: LearnerMessageButton[];
};

export const storedMessagePayloadSchema = z.object({
  text: localisedTextSchema,
  items: z.array(learnerMessageItemSchema).default([]),
  buttons: z.array(learnerMessageButtonSchema).default([]),
});

export function localise(text: LocalisedText, language: Language): string {
  return typeof text === 'string' ? text : text[language];
}
