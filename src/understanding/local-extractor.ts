import { resolvePlace, type ResolvedPlace } from '../catalogue/places.js';
import type { Level, Mode } from '../catalogue/offering.js';
import { detectLanguage } from '../language/detect.js';
import { profileSchema, type Language, type Profile } from '../profile/profile.js';
import * as patterns from './message-patterns.js';

/**
 * Offline understanding of a learner's message (Bokmål, Nynorsk, English): their current role, what they
 * want to learn or become, and the constraints they state — format, time, price, place, level. A wish said
 * softly ("helst", "gjerne", "ideally") becomes a wish that lifts offerings; anything said plainly becomes
 * a constraint. The result is the profile merged with what this message adds.
 */

/** Finds the STYRK-08 group for a learner's words about their job (the taxonomy's occupation lookup). */
export type OccupationLookup = { findOccupation(text: string): { code: string; label: string } | undefined };

export type ExtractFromMessageOptions = {
  message: string;
  /** What is already known; the message adds to it. */
  profile?: Profile;
  occupationLookup?: OccupationLookup;
  /** Language to assume when the message is too short to tell. */
  fallbackLanguage?: Language;
};

type Clause = { text: string };

/** Splits into clauses, so "helst" in one clause does not soften a wish in the next. */
function clausesOf(text: string): Clause[] {
  return text
    .toLowerCase()
    .split(/[.;!?\n]+|,\s+(?=(?:og|men|and|but|helst|gjerne|ideally|preferably)\b)/u)
    .map((part) => ({ text: part.trim() }))
    .filter((clause) => clause.text.length > 0);
}

type Found = { hard: boolean; clause: Clause; index: number };

/** Where `pattern` is said in the message (not negated), and whether it is said softly. */
function findSaid(clauses: Clause[], pattern: RegExp): Found | undefined {
  let soft: Found | undefined;
  for (const clause of clauses) {
    const match = pattern.exec(clause.text);
    if (!match) continue;
    const before = clause.text.slice(0, match.index);
    if (patterns.negationPattern.test(before)) continue;
    // "helst" before the wish softens it; "kanskje"/"maybe" anywhere in its clause does too.
    const found = {
      hard: !patterns.softMarkerPattern.test(before) && !patterns.hedgePattern.test(clause.text),
      clause,
      index: match.index,
    };
    if (found.hard) return found;
    soft ??= found;
  }
  return soft;
}

export function extractFromMessage(options: ExtractFromMessageOptions): Profile {
  const profile = profileSchema.parse(structuredClone(options.profile ?? {}));
  const message = options.message.trim();
  if (!message) return profile;
  const clauses = clausesOf(message);
  const wishes = {
    modes: [] as Mode[],
    places: [] as string[],
    levels: [] as Level[],
    partTime: undefined as boolean | undefined,
    free: undefined as boolean | undefined,
    ...profile.wishes,
  };
  const addUnique = <T>(list: T[], values: T[]) => {
    for (const value of values) if (!list.includes(value)) list.push(value);
  };

  profile.language ??= detectLanguage({ text: message, fallback: options.fallbackLanguage ?? 'nb' }).language;

  const partTime = findSaid(clauses, patterns.partTimePattern);
  const online = findSaid(clauses, patterns.onlinePattern);
  if (partTime) {
    if (partTime.hard) profile.time = { ...profile.time, partTime: true };
    else wishes.partTime = true;
  }
  // "deltid eller nett" / "part-time or online": either will do, and online study fits beside a job too.
  const eitherOr =
    partTime && online && partTime.clause === online.clause && /\b(eller|or)\b/u.test(partTime.clause.text);
  if (online && !eitherOr) {
    if (online.hard) addUnique(profile.modes, ['online']);
    else addUnique(wishes.modes, ['online']);
  }
  const campus = findSaid(clauses, patterns.campusPattern);
  if (campus) addUnique(campus.hard ? profile.modes : wishes.modes, ['campus', 'blended']);

  const free = findSaid(clauses, patterns.freePattern);
  if (free) {
    if (free.hard) profile.budget = { ...profile.budget, free: true };
    else wishes.free = true;
  }

  readLevels({ clauses, profile, wishes, addUnique });
  readPlaces({ message, profile, wishes, addUnique });
  readNumbers({ message: message.toLowerCase(), profile });
  readRoleAndTopics({ message, profile, occupationLookup: options.occupationLookup, addUnique });

  const hasWishes =
    wishes.modes.length || wishes.places.length || wishes.levels.length || wishes.partTime || wishes.free;
  if (hasWishes) profile.wishes = wishes;
  return profileSchema.parse(profile);
}

type ReadOptions = {
  profile: Profile;
  wishes: { modes: Mode[]; places: string[]; levels: Level[]; partTime?: boolean | undefined };
  addUnique: <T>(list: T[], values: T[]) => void;
};

function readLevels(options: ReadOptions & { clauses: Clause[] }): void {
  const { clauses, profile, wishes, addUnique } = options;
  const said: { found: Found; levels: Level[] }[] = [];
  const consider = (pattern: RegExp, levels: Level[]) => {
    const found = findSaid(clauses, pattern);
    if (found) said.push({ found, levels });
  };
  consider(patterns.folkHighSchoolPattern, ['folk_high_school']);
  consider(patterns.oneYearPattern, ['one_year']);
  consider(patterns.bachelorPattern, ['bachelor']);
  consider(patterns.masterPattern, ['master']);
  consider(patterns.shortCoursePattern, ['short_course', 'further_education']);
  // "grunnleggende Excel", "the basics": a first course, wished for rather than required.
  if (findSaid(clauses, patterns.basicsPattern)) addUnique(wishes.levels, ['short_course']);
  const hard = said.filter((entry) => entry.found.hard);
  for (const entry of hard) addUnique(profile.levels, entry.levels);
  for (const entry of said.filter((candidate) => !candidate.found.hard)) addUnique(wishes.levels, entry.levels);
  // "videreutdanning" is used loosely for any further study: a hard level only beside another level word.
  const further = findSaid(clauses, patterns.furtherEducationPattern);
  if (further) {
    addUnique(hard.length && further.hard ? profile.levels : wishes.levels, ['further_education', 'short_course']);
    // Further education is made for people in work, so it is normally taken part-time.
    options.wishes.partTime ??= true;
  }
  // Entering a profession takes a qualifying degree; a one-year study does not qualify for one.
  if (findSaid(clauses, patterns.becomePattern) && !profile.levels.length)
    addUnique(wishes.levels, ['bachelor', 'master']);
}

/** Words directly before a place that make it where the learner is now, not where they must study. */
const whereTheyArePattern =
  /(?:bor|bur|jobber|jobbar|arbeider|live|living|work|working|moved|flytta|flyttet)\s+(?:\S+\s+){0,4}(?:(?:i|på|in|to|near|nær)\s+|\S+,\s*)$/u;

function readPlaces(options: ReadOptions & { message: string }): void {
  const { message, profile, wishes, addUnique } = options;
  const tokens = [...message.matchAll(/[\p{L}][\p{L}-]*/gu)];
  const found: { place: ResolvedPlace; soft: boolean }[] = [];
  for (let start = 0; start < tokens.length; start += 1) {
    for (let length = 3; length >= 1; length -= 1) {
      const slice = tokens.slice(start, start + length);
      if (slice.length < length) continue;
      const first = slice[0]!;
      const last = slice.at(-1)!;
      const name = message.slice(first.index, last.index + last[0].length);
      const place = resolvePlace(name);
      if (place?.country !== 'NO') continue;
      // Towns are proper nouns: a lowercase "moss" or "hell" is a word, not a place — unless a short chat answer
      // names it after "i"/"in" ("in oslo") or it is long enough to be no common word ("sorry, bergen i mean").
      if (
        (place.kind === 'place' || place.kind === 'municipality') &&
        !/^\p{Lu}/u.test(name) &&
        !lowercasePlaceAllowed(message, first.index, name)
      )
        continue;
      const before = message.slice(Math.max(0, first.index - 60), first.index).toLowerCase();
      const clauseStart = Math.max(before.lastIndexOf('.'), before.lastIndexOf('?'), before.lastIndexOf('!'));
      const inClause = before.slice(clauseStart + 1);
      const soft = patterns.softMarkerPattern.test(inClause) || whereTheyArePattern.test(before);
      found.push({ place, soft });
      start += length - 1;
      break;
    }
  }
  const hardAreas = found.filter(
    (entry) => !entry.soft && (entry.place.kind === 'region' || entry.place.kind === 'county'),
  );
  for (const entry of found) {
    // A town inside a region already asked for narrows it softly ("på Vestlandet, helst i Bergen").
    const inHardArea =
      entry.place.kind !== 'region' &&
      hardAreas.some(
        (area) => area !== entry && entry.place.counties.every((county) => area.place.counties.includes(county)),
      );
    addUnique(entry.soft || inHardArea ? wishes.places : profile.places, [entry.place.name]);
  }
}

function lowercasePlaceAllowed(message: string, index: number, name: string): boolean {
  if (message.split(/\s+/).length > 8) return false;
  const preposition = /(?:^|\s)(?:i|in|på|til|to|at|near|nær)\s+$/u.test(message.slice(0, index).toLowerCase());
  return preposition || name.length >= 5;
}

function readNumbers(options: { message: string; profile: Profile }): void {
  const { message, profile } = options;
  const hours = patterns.hoursPerWeekPattern.exec(message);
  if (hours) profile.time = { ...profile.time, hoursPerWeek: Number(hours[1]!.replace(',', '.')) };
  const price = patterns.maxPricePattern.exec(message);
  if (price) {
    const amount = Number(price[1]!.replace(/[\s.]/g, '').replace(',', '.'));
    if (Number.isFinite(amount)) profile.budget = { ...profile.budget, maxNok: amount };
  }
  const months = patterns.startWithinPattern.exec(message);
  if (months) profile.startWithinMonths = Number(months[1]);
}

/** "Jeg er interessert i ...", "I'm 19": what follows "I am" is not always a job. */
const notARolePattern =
  /^(?:\d|interessert|interested|nysgjerrig|curious|glad|keen|usikker|unsure|ny |new |ferdig|looking|starting|just|not|ikke|ikkje|på utkikk|opptatt)/u;

function readRoleAndTopics(options: {
  message: string;
  profile: Profile;
  occupationLookup: OccupationLookup | undefined;
  addUnique: <T>(list: T[], values: T[]) => void;
}): void {
  const { message, profile, addUnique } = options;
  const lower = message.toLowerCase();
  const role = [...lower.matchAll(patterns.currentRolePattern)]
    .map((match) => match[1]!.trim())
    .find((text) => text.length > 2 && !notARolePattern.test(text));
  if (role && !profile.occupation) {
    const occupation = options.occupationLookup?.findOccupation(role);
    profile.occupation = { text: role, ...(occupation ? { code: occupation.code, label: occupation.label } : {}) };
  }
  const become =
    /(?:vil bli|ville bli|og bli|og verte|drømmer om å bli|vil verte|want to become|would like to become|to become an?|dream of becoming)\s+([^.,;!?]+)/u.exec(
      lower,
    );
  if (become) addUnique(profile.goals, [become[1]!.trim()]);
  const topics = [...message.matchAll(patterns.topicPattern)]
    .map((match) => match[1]!.trim())
    .filter((text) => text.length > 2);
  addUnique(profile.topics, topics);
}
