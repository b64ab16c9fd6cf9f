import { wordPattern } from './word-pattern.js';
import type { Level } from './offering.js';

/**
 * The kind of learning (short course … master) from the feed's level/type words and the title; the
 * description only when the title says nothing, and then the first kind it names (descriptions often go on
 * to mention what one can study afterwards: "Etter bachelorgraden kan du ta en master").
 */

export type LevelContext = {
  given: string | null | undefined;
  type: string;
  title: string;
  description: string;
  isMooc: boolean;
  credits: number | null;
};

const titleRules: [RegExp, Level][] = [
  // A preparatory course names the programme it leads to ("Forkurs for ingeniørutdanning og integrert masterstudium").
  [wordPattern(['forkurs\\p{L}*', 'preparatory course']), 'short_course'],
  [wordPattern(['ph\\.?\\s?d', 'doktorgrad\\p{L}*', 'doctoral']), 'phd'],
  [wordPattern(['erfaringsbasert master', 'executive master', 'emba', 'mba']), 'master'],
  [
    wordPattern([
      'master\\p{L}*',
      'profesjonsmaster\\p{L}*',
      'lektorutdanning\\p{L}*',
      'profesjonsstudi\\p{L}*',
      'profesjon',
      'siv\\.\\s?ing\\.?',
      'sivilingeniør\\p{L}*',
      'siviløkonom\\p{L}*',
      'm\\.\\s?sc\\.?',
      'msc',
    ]),
    'master',
  ],
  [
    wordPattern([
      'bachelor\\p{L}*',
      'barnehagelærerutdanning',
      'sykepleierutdanning',
      'grunnskolelærerutdanning',
      'ingeniørutdanning',
    ]),
    'bachelor',
  ],
  [
    wordPattern(['årsstudi\\p{L}*', 'ettårig', 'grunnstudium', 'årseining\\p{L}*', 'årsenhet\\p{L}*', 'one-year']),
    'one_year',
  ],
  [
    wordPattern([
      'videreutdanning\\p{L}*',
      'vidareutdanning\\p{L}*',
      'evu',
      'påbyggingsstudi\\p{L}*',
      'spesialisering i \\p{L}+',
      'kompetanse for kvalitet',
      'further education',
    ]),
    'further_education',
  ],
  [wordPattern(['fagskole', 'fagskule', 'fagskoleutdanning', 'høyere yrkesfaglig']), 'vocational'],
  // "-kurs" compounds name courses too ("realfagskurs", "halvårskurs").
  [
    wordPattern([
      'emne',
      'enkeltemne\\p{L}*',
      '\\p{L}*kurs',
      'course',
      'sertifikat',
      'certificate',
      'halvårsstudi\\p{L}*',
      'halvårig',
    ]),
    'short_course',
  ],
];

const descriptionRules: [RegExp, Level][] = [
  [
    wordPattern([
      'årsstudi\\p{L}*',
      'årseining\\p{L}*',
      'årsenhet\\p{L}*',
      'ettårig(?:e)? studi\\p{L}*',
      'ettårig(?:e)? studieprogram\\p{L}*',
    ]),
    'one_year',
  ],
  [
    wordPattern([
      'bachelor\\p{L}*',
      'treårig bachelor',
      '3-årig bachelor',
      'barnehagelærerutdanning\\p{L}*',
      'sykepleierutdanning\\p{L}*',
      'grunnskolelærerutdanning\\p{L}*',
    ]),
    'bachelor',
  ],
  [
    wordPattern([
      'master\\p{L}*',
      'toårig master',
      '2-årig master',
      '5-årig',
      'siv\\.\\s?ing\\.?',
      'sivilingeniør\\p{L}*',
      'siviløkonom\\p{L}*',
      'm\\.\\s?sc\\.?',
    ]),
    'master',
  ],
  [wordPattern(['ph\\.?\\s?d\\.?(?:-\\p{L}+)?', 'doktorgrad\\p{L}*']), 'phd'],
  [wordPattern(['videreutdanningen', 'videreutdanning', 'vidareutdanninga', 'vidareutdanning']), 'further_education'],
  // A description that speaks of itself as one subject or course ("Emnet dekker …", "Kurset er utviklet …").
  [wordPattern(['emnet', 'kurset']), 'short_course'],
];

const givenLevels: Record<string, Level> = {
  short_course: 'short_course',
  further_education: 'further_education',
  one_year: 'one_year',
  bachelor: 'bachelor',
  master: 'master',
  phd: 'phd',
  folk_high_school: 'folk_high_school',
  vocational: 'vocational',
  upper_secondary: 'upper_secondary',
  videregående: 'upper_secondary',
  fagskole: 'vocational',
  årsstudium: 'one_year',
};

export function normaliseLevel(context: LevelContext): Level {
  const given = context.given?.toLowerCase().trim() ?? '';
  if (givenLevels[given]) return givenLevels[given];
  if (context.type === 'folk_high_school' || given === 'folkehøgskole') return 'folk_high_school';
  if (context.isMooc) return 'short_course';
  for (const [pattern, level] of titleRules) if (pattern.test(context.title)) return level;
  let first: { level: Level; at: number } | undefined;
  for (const [pattern, level] of descriptionRules) {
    const at = context.description.search(pattern);
    if (at >= 0 && (!first || at < first.at)) first = { level, at };
  }
  if (first) return first.level;
  if (context.credits !== null) {
    if (context.credits >= 300) return 'master';
    if (context.credits >= 180) return 'bachelor';
    if (context.credits >= 120) return 'master';
    if (context.credits >= 60) return 'one_year';
    return context.credits >= 10 ? 'further_education' : 'short_course';
  }
  return 'unknown';
}

/** NKR/EQF level where the kind of learning fixes it. */
export function eqfLevelOf(level: Level): number | null {
  const levels: Partial<Record<Level, number>> = {
    bachelor: 6,
    one_year: 6,
    master: 7,
    phd: 8,
    vocational: 5,
    upper_secondary: 4,
  };
  return levels[level] ?? null;
}

/** Standard credits of a Norwegian programme when the text gives none (60 a year). */
export function standardCreditsOf(level: Level, title: string): number | null {
  if (level === 'one_year') return 60;
  if (level === 'bachelor') return 180;
  if (level === 'master')
    return wordPattern(['5-årig', 'femårig', 'integrert']).test(title)
      ? 300
      : /erfaringsbasert|executive/i.test(title)
        ? 90
        : 120;
  return null;
}
