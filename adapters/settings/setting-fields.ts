import { z } from 'zod';

// The shapes environment variables come in. Every field ends in .describe(): tests/config/readme-settings.test.ts
// requires a description of each variable and README's table to list exactly the variables the schemas read.
// An empty variable counts as unset, so `FOO=` in a .env file never means "the empty string".

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** Free text, trimmed; unset or empty = undefined. */
export const optionalText = z.preprocess(unsetWhenEmpty, z.string().trim().optional());

/** A URL; `mustBe` says what it must be, with an example. */
export const optionalUrl = (mustBe: string) => optionalText.pipe(z.string().url(mustBe).optional());

/** A secret of at least `minimum` characters; unset = undefined (each caller says what then happens). */
export const optionalSecret = (minimum: number, mustBe: string) =>
  optionalText.pipe(z.string().min(minimum, mustBe).optional());

/** One of a few words; unset = `fallback` when given. */
export function choice<const Values extends readonly [string, ...string[]]>(values: Values, fallback: Values[number]) {
  return z.preprocess(unsetWhenEmpty, z.enum(values, { error: `must be ${orList(values)}` }).default(fallback));
}

export function optionalChoice<const Values extends readonly [string, ...string[]]>(values: Values) {
  return z.preprocess(unsetWhenEmpty, z.enum(values, { error: `must be ${orList(values)}` }).optional());
}

const yesNo = ['true', 'false', '1', '0', 'yes', 'no'] as const;
const meansYes = (text: string) => ['true', '1', 'yes'].includes(text);

/** true/false, 1/0 or yes/no; unset = `fallback`. */
export const flag = (fallback: boolean) =>
  z.preprocess(
    (value) => (value === '' || value === undefined ? fallback : value),
    z.union([z.boolean(), z.enum(yesNo, { error: 'must be true or false' }).transform(meansYes)]),
  );

/** true/false, 1/0 or yes/no; unset = undefined, for a switch whose default depends on other settings. */
export const optionalFlag = () =>
  z.preprocess(unsetWhenEmpty, z.enum(yesNo, { error: 'must be true or false' }).transform(meansYes).optional());

/**
 * A number, read from text; unset or empty = `fallback`. `mustBe` is the whole error, so it should say what to
 * write ("must be a whole number of minutes, e.g. 60"): one message for text that is no number and for one
 * out of range, because the fix is the same.
 */
export function numberSetting(options: {
  fallback: number;
  mustBe: string;
  whole?: boolean;
  /** The smallest allowed value (inclusive). */
  atLeast?: number;
  /** Values must be greater than this (exclusive), e.g. 0 for "positive". */
  above?: number;
  atMost?: number;
}) {
  const { mustBe } = options;
  let number = z.coerce.number({ error: mustBe });
  if (options.whole) number = number.int(mustBe);
  if (options.atLeast !== undefined) number = number.min(options.atLeast, mustBe);
  if (options.above !== undefined) number = number.gt(options.above, mustBe);
  if (options.atMost !== undefined) number = number.max(options.atMost, mustBe);
  return z.preprocess((value) => (value === '' || value === undefined ? options.fallback : value), number);
}

/** A comma-separated list, items trimmed, empty items dropped. */
export const commaList = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function orList(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}
