import { z } from 'zod';
import { isWebUrl } from '../web-url.js';

/**
 * Veileder's own offering schema: one JSON object per line in a `.jsonl` feed, and the shape every other
 * format (CSV through a mapping, schema.org, ELM) is turned into before normalisation. It is the shape of
 * ../shared/eval/catalogue.jsonl, plus optional fields richer feeds can fill in; anything a field does not
 * say is inferred by the normaliser from the text. Unknown fields are ignored, never an error.
 */

/** Over this, a description is rejected rather than cut: a 10 MB "description" is a broken export, not a course. */
const maximumDescriptionCharacters = 100_000;

const text = z.string().trim();
const optionalText = z.preprocess((value) => (value === '' ? null : value), text.nullish());
const number = z.union(
  [
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+([.,]\d+)?$/)
      .transform((value) => Number(value.replace(',', '.'))),
  ],
  {
    error: (issue) => `must be a number, not ${JSON.stringify(issue.input)?.slice(0, 40)}`,
  },
);
/** Required text whose errors say what is wrong ("is missing", "must be text"). */
const requiredText = (name: string, maximum: number) =>
  z
    .string({
      error: (issue) =>
        issue.input === undefined || issue.input === null
          ? `${name} is missing`
          : `${name} must be text, not ${Array.isArray(issue.input) ? 'a list' : typeof issue.input}`,
    })
    .trim()
    .min(1, `${name} is empty`)
    .max(maximum, `${name} is longer than ${maximum.toLocaleString('en')} characters`);
const textList = z.preprocess(
  (value) => (typeof value === 'string' ? (value === '' ? [] : [value]) : value),
  z.array(text),
);

const feedPriceSchema = z.object(
  {
    free_to_audit: z.boolean().nullish(),
    certificate_usd: number.nullish(),
    raw: z.string().nullish(),
    /** The price in NOK, as a feed that writes `"price": 4990` means it. */
    nok: number.nullish(),
  },
  {
    error: (issue) =>
      `price must be a number (NOK) or an object { free_to_audit, certificate_usd, raw }, not ${JSON.stringify(issue.input)?.slice(0, 40)}`,
  },
);

/** A bare number, or text that is one ("4990", "4990,50"), is a price in NOK: Norwegian feeds write it so. */
const price = z.preprocess(
  (value) =>
    typeof value === 'number' || (typeof value === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(value))
      ? { nok: value }
      : value,
  feedPriceSchema.nullish(),
);

export const feedOfferingSchema = z.object({
  /** The feed's own id, kept as the external id. */
  id: z.union([z.number().transform(String), requiredText('id', 500)]),
  title: requiredText('title', 1000),
  provider: requiredText('provider', 500),
  description: z
    .preprocess((value) => value ?? '', z.string())
    .superRefine((value, context) => {
      if (value.length > maximumDescriptionCharacters) {
        context.addIssue({
          code: 'custom',
          message: `description is ${value.length.toLocaleString('en')} characters; the limit is ${maximumDescriptionCharacters.toLocaleString('en')} (rejected rather than cut, so no offering is stored with half a text)`,
        });
      }
    }),
  city: optionalText,
  cities: textList.nullish(),
  /** The feed's level word (e.g. "introductory", "university_college", "Master"). */
  level: optionalText,
  /** A language code or name ("nb", "English", "Español"). */
  language: optionalText,
  languages: textList.nullish(),
  /** The feed's kind of offering (mooc, course, specialization, university_college, folk_high_school, ...). */
  type: optionalText,
  // Only http(s): the URL becomes a link in the widget, Slack and Teams (zod's url() accepts javascript: and data:).
  url: optionalText.pipe(
    z
      .string()
      .max(2000, 'url is longer than 2,000 characters')
      .refine(isWebUrl, {
        error: (issue) =>
          `url must be an http:// or https:// address, not ${JSON.stringify(issue.input)?.slice(0, 60)}`,
      })
      .nullish(),
  ),
  price,
  skills: textList.nullish(),
  /** Which feed the record came from; the import's --source wins when given. */
  source: optionalText,
  extra: z.record(z.string(), z.unknown()).nullish(),
  // Optional richer fields: when present they win over what the normaliser infers from text.
  mode: optionalText,
  schedule: optionalText,
  workload: optionalText,
  workloadHours: number.nullish(),
  hoursPerWeek: number.nullish(),
  durationWeeks: number.nullish(),
  /** ISO dates (YYYY-MM-DD, or a date-time whose date part is kept). */
  startDates: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}/, 'start date must be an ISO date such as 2026-08-15'),
    )
    .nullish(),
  /** What following costs, in NOK. */
  priceNok: number.nullish(),
  /** Free to follow (a paid certificate or exam does not change it). */
  isFree: z.boolean().nullish(),
  /** A fee for a certificate or exam, apart from following, in NOK. */
  certificatePriceNok: number.nullish(),
  credits: number.nullish(),
  eqfLevel: z.number().int().min(1).max(8).nullish(),
  subjects: textList.nullish(),
  occupations: textList.nullish(),
  industries: textList.nullish(),
  municipalities: textList.nullish(),
  counties: textList.nullish(),
});

export type FeedOffering = z.infer<typeof feedOfferingSchema>;
/** What a format adapter produces before validation (e.g. a CSV row after its mapping). */
export type FeedOfferingInput = z.input<typeof feedOfferingSchema>;

/** A zod error as one line a person can act on: "title: title is empty; url: url is longer than 2,000 characters". */
export function describeValidationError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
