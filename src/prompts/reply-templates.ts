import path from 'node:path';
import { z } from 'zod';
import { invalidFile } from '../errors.js';
import type { Language } from '../profile/profile.js';
import { readText } from './prompt-library.js';

/**
 * The assistant's own wording (prompts/replies/<language>.json): every reply made without a model, and the
 * labels around model-written text. Each language file must have exactly these keys, and each key the same
 * {placeholders} in every language, so no language can silently lose a sentence or a fact.
 */

export const templateKeys = [
  'greeting',
  'greeting_returning',
  'question_role',
  'question_goal',
  'question_time',
  'question_constraints',
  'ask_more_topic',
  'suggestions_intro',
  'suggestions_intro_more',
  'suggestions_none',
  'suggestion_line',
  'accredited',
  'not_accredited',
  'free',
  'price',
  'price_unknown',
  'mode_online',
  'mode_campus',
  'mode_blended',
  'mode_unknown',
  'workload_per_week',
  'workload_weeks',
  'workload_hours',
  'workload_credits',
  'rating',
  'reason_terms',
  'reason_concepts',
  'reason_free',
  'reason_online',
  'reason_place',
  'reason_time',
  'reason_accredited',
  'reason_rated',
  'reason_generic',
  'follow_up_hint',
  'why',
  'why_unknown',
  'no_suggestions_yet',
  'rating_saved',
  'rating_saved_set',
  'rating_ask_score',
  'profile_summary',
  'profile_empty',
  'profile_forget_hint',
  'fact_occupation',
  'fact_goals',
  'fact_topics',
  'fact_hours',
  'fact_part_time',
  'fact_evenings',
  'fact_weekends',
  'fact_free',
  'fact_max_price',
  'fact_modes',
  'fact_places',
  'fact_levels',
  'fact_avoid',
  'fact_accredited',
  'list_and',
  'noted',
  'forgotten',
  'started_over',
  'help',
  'not_interested',
  'nearer_ask',
  'language_switched',
  'dont_know_ok',
  'action_show_now',
  'action_start_over',
  'action_why',
  'action_more_like',
  'action_useful',
  'action_not_useful',
  'action_forget_me',
  'level_short_course',
  'level_further_education',
  'level_one_year',
  'level_bachelor',
  'level_master',
  'level_phd',
  'level_folk_high_school',
  'level_vocational',
  'level_upper_secondary',
  'level_unknown',
  'consent_given',
  'consent_withdrawn',
  'consent_notice',
  'consent_declined',
  'action_consent_yes',
  'action_consent_no',
  'export_ready',
  'retention_days',
  'retention_kept',
  'adviser_suggests',
  'adviser_removed',
  'adviser_approved',
  'adviser_reason',
  'credentials_wallet',
  'credentials_none',
  'credentials_added',
  'reason_part_time',
  'reason_campus',
  'reason_level',
  'suggestions_nothing_about',
  'suggestions_nearest',
  'suggestions_relaxed',
  'suggestions_exhausted',
  'suggestions_nothing_fits',
  'none_fit_ok',
  'constraint_place',
  'constraint_mode',
  'constraint_price',
  'constraint_level',
  'constraint_part_time',
  'constraint_accredited',
  'constraint_start',
  'privacy_line',
  'fact_preferred',
  'suggestions_intro_single',
  'suggestions_intro_more_single',
  'suggestions_intro_more_seen',
  'free_to_follow',
  'certificate_price',
  'job_learning_intro',
  'job_learning_routes',
  'job_learning_none',
  'job_learning_ask_role',
  'job_learning_reason_skill',
  'job_learning_reason_trade_route',
  'job_learning_reason_certificate',
  'job_learning_reason_leadership',
  'job_learning_reason_further_education',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

const languages = ['nb', 'nn', 'en'] as const satisfies readonly Language[];

const configSchema = z
  .object({
    schemaVersion: z.literal(1),
    description: z.string(),
    languages: z.tuple([z.literal('nb'), z.literal('nn'), z.literal('en')]),
  })
  .strict();
const templateFileSchema = z.strictObject(
  Object.fromEntries(templateKeys.map((key) => [key, z.string().min(1)])) as Record<TemplateKey, z.ZodString>,
);

export type ReplyTemplates = {
  /** The template in `language` with {placeholders} filled; throws on a missing value (a programming error). */
  text(language: Language, key: TemplateKey, values?: Record<string, string | number>): string;
};

const placeholderPattern = /\{([a-zA-Z]+)\}/g;

export async function loadReplyTemplates(options: { directory: string }): Promise<ReplyTemplates> {
  const folder = path.join(options.directory, 'replies');
  const configFile = path.join(folder, 'config.json');
  const config = configSchema.safeParse(parseJson(configFile, await readText(configFile)));
  if (!config.success)
    throw invalidFile({
      file: configFile,
      problem: config.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
    });
  const byLanguage = {} as Record<Language, Record<TemplateKey, string>>;
  for (const language of languages) {
    const file = path.join(folder, `${language}.json`);
    const parsed = templateFileSchema.safeParse(parseJson(file, await readText(file)));
    if (!parsed.success)
      throw invalidFile({
        file,
        problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
      });
    byLanguage[language] = parsed.data as Record<TemplateKey, string>;
  }
  for (const key of templateKeys) {
    const expected = placeholdersOf(byLanguage.en[key]);
    for (const language of languages) {
      const found = placeholdersOf(byLanguage[language][key]);
      if (found !== expected) {
        throw invalidFile({
          file: path.join(folder, `${language}.json`),
          problem: `"${key}" has placeholders [${found}] but en.json has [${expected}]`,
        });
      }
    }
  }
  return {
    text(language, key, values = {}) {
      return byLanguage[language][key].replace(placeholderPattern, (_match, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`Template ${language}/${key}: no value for {${name}}`);
        return String(value);
      });
    },
  };
}

const placeholdersOf = (text: string) =>
  [...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]!))].sort().join(',');

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidFile({ file, problem: `not valid JSON (${(error as Error).message})`, cause: error });
  }
}
