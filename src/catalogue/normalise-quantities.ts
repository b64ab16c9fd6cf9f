import { wordPattern } from './word-pattern.js';

/**
 * Numbers hidden in feed text: workload ("2–3 hours per week", "6 Weeks", " 1 - 4 Weeks", "3 - 6 Months",
 * "Less Than 2 Hours", "5 timer i uka"), credits ("60 studiepoeng", "7,5 stp", "30 ECTS"). A range becomes
 * its midpoint: it is what a learner plans with.
 */

const weeksPerMonth = 52 / 12;
const number = String.raw`(\d+(?:[.,]\d+)?)`;
const range = String.raw`${number}(?:\s*(?:-|–|—|to|til)\s*${number})?`;

function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

function midpoint(low: string | undefined, high: string | undefined): number | null {
  const first = parseNumber(low);
  const second = parseNumber(high);
  if (first === null) return null;
  return second === null ? first : (first + second) / 2;
}

const hoursPerWeekPattern = new RegExp(
  `${range}\\s*(?:hours?|hrs?|timer|timar|t)\\s*(?:per|a|pr\\.?|i|/)\\s*(?:week|uke|uka|veke|veka)`,
  'i',
);
const weeksPattern = new RegExp(`${range}\\s*(?:weeks?|uker|uke|veker|veke)(?![\\p{L}])`, 'iu');
const monthsPattern = new RegExp(`${range}\\s*(?:months?|måneder|månader|mnd)`, 'i');
const hoursPattern = new RegExp(
  `(?:less than|under|up to|opptil)?\\s*${range}\\s*(?:hours?|timer|timar)(?!\\s*(?:per|a|pr|i|/)\\s*(?:week|uke|uka|veke))`,
  'i',
);

export type Workload = { hoursPerWeek: number | null; durationWeeks: number | null; workloadHours: number | null };

/** Workload from any number of short texts (effort, length, duration fields); the first that says each thing wins. */
export function parseWorkload(texts: (string | null | undefined)[]): Workload {
  let hoursPerWeek: number | null = null;
  let durationWeeks: number | null = null;
  let totalHours: number | null = null;
  for (const text of texts) {
    if (!text) continue;
    const perWeek = hoursPerWeekPattern.exec(text);
    if (perWeek && hoursPerWeek === null) hoursPerWeek = midpoint(perWeek[1], perWeek[2]);
    const rest = perWeek ? text.replace(perWeek[0], ' ') : text;
    const weeks = weeksPattern.exec(rest);
    if (weeks && durationWeeks === null) durationWeeks = midpoint(weeks[1], weeks[2]);
    const months = monthsPattern.exec(rest);
    if (months && durationWeeks === null) {
      const value = midpoint(months[1], months[2]);
      durationWeeks = value === null ? null : Math.round(value * weeksPerMonth * 10) / 10;
    }
    const hours = hoursPattern.exec(rest);
    if (hours && totalHours === null) totalHours = midpoint(hours[1], hours[2]);
  }
  const workloadHours =
    totalHours ??
    (hoursPerWeek !== null && durationWeeks !== null ? Math.round(hoursPerWeek * durationWeeks * 10) / 10 : null);
  return { hoursPerWeek, durationWeeks, workloadHours };
}

const creditsPattern = new RegExp(
  `${number}\\s*(?:studiepoeng|studiepoäng|stp\\.?|sp\\.?(?=\\s|$|,)|ects(?:\\s*credits)?|ects-poeng|credits)`,
  'iu',
);

/** Credits (studiepoeng / ECTS) named in the title or else the description; null when none or implausible. */
export function parseCredits(texts: (string | null | undefined)[]): number | null {
  for (const text of texts) {
    if (!text) continue;
    const match = creditsPattern.exec(text);
    const value = parseNumber(match?.[1]);
    if (value !== null && value > 0 && value <= 420) return value;
  }
  return null;
}

/** ECTS users' guide: one credit is 25–30 hours of work; 27 is what we plan with when only credits are known. */
export const hoursPerCredit = 27;

const feeWords = wordPattern([
  'egenbetaling',
  'eigenbetaling',
  'studieavgift\\p{L}*',
  'kursavgift\\p{L}*',
  'deltakeravgift\\p{L}*',
  'skolepenger',
  'tuition fee\\p{L}*',
  'kostnad\\p{L}* for studiet',
]);
const paidMasterWords = wordPattern(['erfaringsbasert\\p{L}*', 'executive', 'emba', 'mba']);

/** Whether the text says the learner pays (fees), says nothing, or it is an experience-based master (often paid). */
export function feeSignal(text: string): 'fees' | 'paid_master' | 'none' {
  if (feeWords.test(text)) return 'fees';
  if (paidMasterWords.test(text)) return 'paid_master';
  return 'none';
}
