import { z } from 'zod';
import type { ChatModel } from '../model/chat-model.js';
import type { Prompt } from '../prompts/prompt-library.js';
import { profileUpdateSchema, type ProfileUpdate } from './profile-update.js';
import type { DialogueAct, UnderstandOutcome, UnderstandRequest } from './understanding.js';

/**
 * Understanding by a chat model with structured output. The act is a flat object rather than a union:
 * small and local models fill flat schemas far more reliably, and the union is rebuilt (and checked) here.
 */
const modelUnderstandingSchema = z.object({
  update: profileUpdateSchema.describe('Facts stated in this message only'),
  act: z
    .enum([
      'inform',
      'greeting',
      'show_now',
      'more',
      'none_fit',
      'cheaper',
      'shorter',
      'online_only',
      'nearer',
      'more_like',
      'why',
      'not_interested',
      'rate',
      'start_over',
      'help',
      'what_do_you_know',
      'forget_me',
      'consent_given',
      'consent_withdrawn',
      'dont_know',
      'set_language',
    ])
    .describe('What the learner wants now'),
  rank: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The suggestion number the learner refers to (1 = first in the latest list)'),
  score: z.number().int().min(1).max(5).optional().describe('A rating 1–5, when the learner gives one'),
  ratingText: z.string().optional().describe("The learner's own words about the rated suggestion(s)"),
  what: z
    .string()
    .optional()
    .describe(
      'For none_fit: the subject the suggestions should have been about ("ingen av desse handlar om akvakultur" → "akvakultur")',
    ),
  language: z.enum(['nb', 'nn', 'en']).optional().describe('For set_language: the language asked for'),
});
type ModelReading = z.infer<typeof modelUnderstandingSchema>;

export type ModelUnderstanderOptions = { model: ChatModel; prompt: Prompt };

/**
 * Never falls back by itself: a failed call is returned as `fallbackReason` with the model's usage, and
 * `withFallback` decides. That keeps this implementation honest when evaluated alone.
 */
export type ModelUnderstander = {
  understandWithModel(
    request: UnderstandRequest,
  ): Promise<
    { ok: true; outcome: UnderstandOutcome } | { ok: false; reason: string; usage: UnderstandOutcome['usage'] }
  >;
};

export function createModelUnderstander(options: ModelUnderstanderOptions): ModelUnderstander {
  const { model, prompt } = options;
  return {
    async understandWithModel(request) {
      const instructions = prompt.render({
        language: request.language,
        pendingQuestion: request.pendingQuestion ?? 'none',
        shownCount: request.shownCount,
      });
      // The profile is context for reading short answers; the message itself is untrusted and stays in the user turn.
      const input = JSON.stringify({
        knownProfile: request.profile,
        message: request.message.slice(0, prompt.config.budget.maxInputTokens * 3),
      });
      const outcome = await model.generateStructured({
        instructions,
        input,
        schema: modelUnderstandingSchema,
        schemaName: prompt.config.schemaName,
        settings: prompt.config.model,
      });
      if (outcome.kind !== 'ok')
        return {
          ok: false,
          reason:
            outcome.kind === 'invalid_output' || outcome.kind === 'unavailable'
              ? `${outcome.kind}: ${outcome.detail}`
              : outcome.kind,
          usage: outcome.usage,
        };
      return {
        ok: true,
        outcome: {
          update: withSearchText(outcome.value.update),
          act: toAct(outcome.value, request),
          source: 'model',
          usage: outcome.usage,
        },
      };
    },
  };
}

/** A model that read a role or subjects but gave no search words: search with what it read. */
function withSearchText(update: ProfileUpdate): ProfileUpdate {
  if (update.searchText !== undefined) return update;
  const said = [update.occupation, ...update.goals, ...update.topics].filter((text): text is string => Boolean(text));
  return { ...update, searchText: said.join('. ') };
}

function toAct(reading: ModelReading, request: UnderstandRequest): DialogueAct {
  // A rank beyond the list the learner saw is the model's invention: treat it as unnamed.
  const rank = reading.rank !== undefined && reading.rank <= request.shownCount ? reading.rank : null;
  switch (reading.act) {
    case 'cheaper':
    case 'shorter':
    case 'online_only':
    case 'nearer':
      return { kind: 'refine', refinement: reading.act };
    case 'more_like':
    case 'why':
      return { kind: reading.act, rank };
    case 'not_interested':
      return { kind: 'not_interested', what: null, rank };
    case 'none_fit':
      return { kind: 'none_fit', about: reading.what ?? null };
    case 'rate':
      return { kind: 'rate', rank, score: reading.score ?? null, text: reading.ratingText ?? null };
    case 'consent_given':
    case 'consent_withdrawn':
      return { kind: 'consent', given: reading.act === 'consent_given' };
    case 'set_language':
      return reading.language ? { kind: 'set_language', language: reading.language } : { kind: 'inform' };
    default:
      return { kind: reading.act };
  }
}
