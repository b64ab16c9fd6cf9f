import { wordPattern } from './word-pattern.js';
import type { Mode, Schedule } from './offering.js';

/**
 * How and when an offering is taught, from the feed's own words when it has them, otherwise from the
 * title and description (Norwegian Bokmål, Nynorsk or English). Pure functions; unknown stays unknown.
 */

export type TeachingContext = {
  /** The feed's explicit word, if any ("online", "nettbasert", "campus", "Self-paced on your time"). */
  given: string | null | undefined;
  title: string;
  description: string;
  /** The feed's kind of offering (mooc, course, specialization, folk_high_school, ...). */
  type: string;
  isMooc: boolean;
};

const blendedWords = wordPattern([
  'samlingsbasert\\p{L}*',
  'samling(?:ar|er)?',
  'blended',
  'hybrid',
  'kombinasjon av nett og campus',
]);
const onlineWords = wordPattern([
  'nettbasert',
  'nettbaserte',
  'nettstudium',
  'nettstudiet',
  'nettstudie',
  'nettkurs',
  'nettundervisning',
  'på nett',
  'fjernundervisning',
  'fjernstudium',
  'heilnett',
  'helnett',
  'online',
  'e-læring',
  'elæring',
  'digitalt studium',
  'fully online',
  'distance learning',
]);
const campusWords = wordPattern([
  'campus',
  'campusbasert',
  'stedbasert',
  'stadbasert',
  'klasserom',
  'in person',
  'on-site',
  'internat',
]);

export function normaliseMode(context: TeachingContext): Mode {
  const given = context.given?.toLowerCase().trim();
  if (given) {
    if (/^(online|nett|nettbasert|digital|distance)/.test(given)) return 'online';
    if (/^(blended|samling|hybrid|kombinert)/.test(given)) return 'blended';
    if (/^(campus|stedbasert|stadbasert|on-?site|in person|klasserom)/.test(given)) return 'campus';
  }
  if (context.isMooc) return 'online';
  if (context.type === 'folk_high_school') return 'campus'; // a folk high school is a boarding school
  const text = `${context.title}\n${context.description}`;
  const online = onlineWords.test(text);
  const blended = blendedWords.test(text);
  // "samlingsbasert" with or without net teaching means meeting in person some of the time: blended.
  if (blended) return 'blended';
  if (online) return campusWords.test(text) ? 'blended' : 'online';
  if (campusWords.test(text)) return 'campus';
  return 'unknown';
}

const partTimeWords = wordPattern([
  'deltid',
  'deltidsstudium',
  'deltidsstudie',
  'på deltid',
  'part-time',
  'part time',
  'samlingsbasert',
  'samlingsbaserte',
  'erfaringsbasert',
  'erfaringsbasert master',
  'videreutdanning',
  'vidareutdanning',
  'ved siden av jobb',
  'ved sida av jobb',
  'kombinere med jobb',
  'kombinert med arbeid',
  'etter- og videreutdanning',
  'evu',
]);
const fullTimeWords = wordPattern([
  'heltid',
  'heltidsstudium',
  'heltidsstudie',
  'på heltid',
  'fulltid',
  'fulltidsstudium',
  'full-time',
  'full time',
]);
const selfPacedWords = wordPattern([
  'self-paced',
  'self paced',
  'i eget tempo',
  'i ditt eget tempo',
  'på eige tempo',
  'når det passer deg',
  'on your time',
]);

export type ScheduleContext = TeachingContext & { degreeProgramme: boolean };

export function normaliseSchedule(context: ScheduleContext): Schedule {
  const given = context.given?.toLowerCase().trim();
  if (given) {
    if (/self[-_ ]?paced|eget tempo|eige tempo/.test(given)) return 'self_paced'; // self_paced: our own schema's word
    if (/part|deltid|instructor-led/.test(given)) return 'part_time';
    if (/full|heltid|fulltid/.test(given)) return 'full_time';
  }
  const text = `${context.title}\n${context.description}`;
  if (selfPacedWords.test(text)) return 'self_paced';
  if (context.isMooc) return 'self_paced'; // MOOCs are taken alongside other things, at the learner's pace
  if (partTimeWords.test(text)) return 'part_time';
  if (fullTimeWords.test(text)) return 'full_time';
  if (context.type === 'folk_high_school') return 'full_time';
  // A Norwegian degree programme or one-year study is full time unless the text says otherwise.
  if (context.degreeProgramme) return 'full_time';
  return 'unknown';
}
