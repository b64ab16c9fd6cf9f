import { z } from 'zod';
import type { Language } from '../profile/profile.js';

/**
 * The channel-neutral conversation contract. Every channel (web chat, Teams, Slack, the terminal) turns its
 * native event into a `Turn`, calls `handleTurn`, and renders the `Reply` it gets back. Keep these shapes
 * stable: several channel adapters render them. Additive changes only.
 */

const channels = ['web', 'teams', 'slack', 'terminal'] as const;
export type Channel = (typeof channels)[number];

const score = z.number().int().min(1).max(5);

/**
 * Structured actions a channel can send instead of (or beside) text — buttons, card submits, slash commands.
 * Everything an action does can also be said in words; actions just skip the guessing.
 */
export const turnActionSchema = z.discriminatedUnion('type', [
  /** Rate one offering (offeringId) or, without it, the latest set of suggestions ("was this useful?"). */
  z.object({
    type: z.literal('rate'),
    offeringId: z.string().min(1).optional(),
    score,
    text: z.string().max(2000).optional(),
  }),
  /** Find more offerings like this one. */
  z.object({ type: z.literal('more_like'), offeringId: z.string().min(1) }),
  /** Explain why this offering was suggested. */
  z.object({ type: z.literal('why'), offeringId: z.string().min(1) }),
  /** Stop asking questions and show suggestions now. */
  z.object({ type: z.literal('show_now') }),
  /** Forget this conversation's profile changes and begin again (the learner's stored data stays). */
  z.object({ type: z.literal('start_over') }),
  /** Delete everything stored about this learner. */
  z.object({ type: z.literal('forget_me') }),
  /** Show what the assistant knows about the learner. */
  z.object({ type: z.literal('what_do_you_know') }),
  z.object({ type: z.literal('help') }),
  /** Record (or withdraw) consent to keep the profile between conversations. */
  z.object({ type: z.literal('consent'), given: z.boolean() }),
  /** Switch the reply language. */
  z.object({ type: z.literal('set_language'), language: z.enum(['nb', 'nn', 'en']) }),
  /** A button of a dialogue extension (src/dialogue/extensions.ts): only the named extension answers it. */
  z.object({
    type: z.literal('extension'),
    extension: z.string().min(1).max(60),
    command: z.string().min(1).max(60),
    data: z.record(z.string(), z.string().max(500)).optional(),
  }),
]);
export type TurnAction = z.infer<typeof turnActionSchema>;

export type Turn = {
  channel: Channel;
  /** The learner's identity on that channel (web session token, Teams AAD object id, Slack user id, OS user). */
  userId: string;
  /** The channel's conversation to continue, when it has one; omitted = continue the learner's latest or start one. */
  sessionId?: string;
  text?: string;
  action?: TurnAction;
  /** A language hint from the channel (e.g. Teams locale "nb-NO"); the text itself decides when it is clear. */
  locale?: string;
};

/** One suggested offering, every field taken from the stored offering record (never from a model). */
export type Suggestion = {
  offeringId: string;
  title: string;
  provider: string;
  /** Who accredited the provider (e.g. "NOKUT"), or null when the data records no accreditation. */
  accredited: string | null;
  /** true: free to follow (no tuition); false: following costs money; null: the data does not say. */
  isFree: boolean | null;
  priceNok: number | null;
  /** A paid certificate or exam on top of following (an edX verified certificate), or null. */
  certificatePriceNok: number | null;
  /** The price as the learner should read it, in the reply language ("Gratis", "12 500 kr", "Price not given"). */
  price: string;
  mode: 'online' | 'campus' | 'blended' | 'unknown';
  /** Where it is taught ("Bergen, Trondheim"), or null for online-only or when the data does not say. */
  place: string | null;
  /** Workload in the reply language ("10 t/uke i 12 uker", "60 studiepoeng"), or null when unknown. */
  workload: string | null;
  /** Average learner rating, when anyone has rated it. */
  rating: { average: number; count: number } | null;
  url: string | null;
  /** One line, in the reply language, built from the recommender's machine-readable reasons. */
  reason: string;
};

/** Something the channel can offer as a button; `action` is sent back as `Turn.action` when pressed. */
export type ReplyAction = { label: string; action: TurnAction };

export type Reply = {
  /** Send it back as `Turn.sessionId` to continue this conversation. */
  sessionId: string;
  /** The whole reply as plain text (channels that cannot render suggestions show only this). */
  text: string;
  language: Language;
  /** 3–5 suggestions when the assistant recommends; empty when it asks or answers. */
  suggestions: Suggestion[];
  /** The question(s) the assistant is waiting on, also contained in `text`. */
  questions?: string[];
  actions?: ReplyAction[];
};
