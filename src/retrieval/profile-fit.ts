import { resolvePlace, type ResolvedPlace } from '../catalogue/places.js';
import type { Level } from '../catalogue/offering.js';
import type { Profile } from '../profile/profile.js';
import type { OfferingFacts } from './offering-facts.js';
import type { OfferingRating } from './rating-source.js';
import { placeMatch } from './search-constraints.js';

/**
 * Soft fit between an offering and what the learner said they would like: each fit multiplies the
 * relevance score by (1 + lift) and names itself for the reasons. Lifts are modest on purpose — they
 * reorder offerings of similar relevance, they do not let a poor topical match win.
 */
const fitLifts = {
  wishedMode: 0.35,
  wishedPlace: 0.35,
  wishedLevel: 0.35,
  wishedPartTime: 0.35,
  wishedFree: 0.35,
  fitsHours: 0.2,
  /** Known to need more hours a week than the learner has (negative: it lowers, never drops). */
  exceedsHours: -0.4,
  /**
   * Known to be of a kind the learner did not wish for (negative): a wished level, part-time study or mode
   * that the offering is known not to have (an unknown value is kept, as everywhere). It lowers, never drops.
   */
  wishMismatch: -0.3,
  /**
   * A folk high school year for someone who speaks of a job they have or want, and never of a folk high
   * school: such a year is a time of experience, not a step towards a job (negative).
   */
  folkHighSchoolForWork: -0.3,
  /**
   * Known to be taught only in a language other than the Scandinavian ones and English (a Spanish-language MOOC):
   * few learners here could follow it (negative; lowers, never drops — someone may want just that).
   */
  foreignTeachingLanguage: -0.3,
  withinBudget: 0.1,
  accredited: 0.05,
  /** Per star above 3 of a well-rated offering (at least three ratings). */
  ratingPerStar: 0.05,
} as const;

export type ProfileFit = { lift: number; reasons: string[] };

/** Teaching languages a learner in Norway can be expected to follow (ISO 639-1). */
const readableLanguages = new Set(['nb', 'nn', 'no', 'sv', 'da', 'en']);

export function profileFit(options: {
  offering: OfferingFacts;
  profile: Profile;
  rating: OfferingRating | undefined;
  wishedPlaces: ResolvedPlace[];
}): ProfileFit {
  const { offering, profile, rating } = options;
  const wishes = profile.wishes;
  let lift = 0;
  const reasons: string[] = [];
  const add = (amount: number, reason: string) => {
    lift += amount;
    reasons.push(reason);
  };
  if (
    wishes?.modes.length &&
    wishes.modes.some((mode) => offering.mode === mode || (offering.mode === 'blended' && mode !== 'unknown'))
  )
    add(fitLifts.wishedMode, `mode:${offering.mode}`);
  if (options.wishedPlaces.length) {
    const where = placeMatch(offering, options.wishedPlaces);
    if (where) add(fitLifts.wishedPlace, where);
  }
  if (
    wishes?.modes.length &&
    offering.mode !== 'unknown' &&
    !wishes.modes.some((mode) => offering.mode === mode || offering.mode === 'blended')
  )
    lift += fitLifts.wishMismatch;
  if (wishes?.levels.length && wishedLevel(offering, wishes.levels, profile))
    add(fitLifts.wishedLevel, `level:${offering.level}`);
  else if (wishes?.levels.length && offering.level !== 'unknown') lift += fitLifts.wishMismatch;
  if (wishes?.partTime && (offering.schedule === 'part_time' || offering.schedule === 'self_paced'))
    add(fitLifts.wishedPartTime, `schedule:${offering.schedule}`);
  else if (wishes?.partTime && offering.schedule === 'full_time') lift += fitLifts.wishMismatch;
  const speaksOfWork = Boolean(profile.occupation?.text) || profile.goals.length > 0;
  const askedForFolkHighSchool =
    profile.levels.includes('folk_high_school') || Boolean(wishes?.levels.includes('folk_high_school'));
  if (offering.level === 'folk_high_school' && speaksOfWork && !askedForFolkHighSchool)
    lift += fitLifts.folkHighSchoolForWork;
  if (offering.languages.length > 0 && !offering.languages.some((code) => readableLanguages.has(code)))
    lift += fitLifts.foreignTeachingLanguage;
  if (wishes?.free && offering.isFree === true) add(fitLifts.wishedFree, 'free');
  const hours = profile.time?.hoursPerWeek;
  const needed = weeklyHoursOf(offering);
  if (hours !== undefined && needed !== null) {
    if (needed <= hours) add(fitLifts.fitsHours, `fits ${hours} h/week`);
    else add(fitLifts.exceedsHours, `needs about ${needed} h/week`);
  }
  const budget = profile.budget?.maxNok;
  if (budget !== undefined && offering.priceNok !== null && offering.priceNok <= budget)
    add(fitLifts.withinBudget, `within ${budget} NOK`);
  if (offering.provider.accreditedBy) add(fitLifts.accredited, `accredited:${offering.provider.accreditedBy}`);
  if (rating && rating.count >= 3 && rating.average > 3)
    add(fitLifts.ratingPerStar * (rating.average - 3), `rated ${rating.average.toFixed(1)}`);
  return { lift, reasons };
}

/**
 * A five-year integrated master (300 credits) is entered straight from upper secondary school, as a bachelor
 * is: for someone who wishes for a first degree it is one, where a two-year master builds on a degree first.
 */
const integratedMasterCredits = 300;

function wishedLevel(offering: OfferingFacts, levels: readonly Level[], profile: Profile): boolean {
  const integrated = offering.credits !== null && offering.credits >= integratedMasterCredits;
  if (offering.level === 'master' && !integrated && isNewcomer(profile)) return false;
  if (levels.includes(offering.level)) return true;
  return offering.level === 'master' && integrated && levels.includes('bachelor');
}

const degrees = new Set(['bachelor', 'master', 'phd']);

/**
 * Someone who wants to become something and has neither a role nor a degree on record: a two-year master,
 * which builds on a degree, is not their way in — unless they asked for a master outright.
 */
function isNewcomer(profile: Profile): boolean {
  return (
    profile.goals.length > 0 &&
    profile.occupation === undefined &&
    !(profile.educationLevel !== undefined && degrees.has(profile.educationLevel)) &&
    !profile.levels.includes('master')
  );
}

/** Full-time study is a working week (37.5 h); a stated weekly workload wins; otherwise unknown (null). */
const fullTimeHoursPerWeek = 37.5;

function weeklyHoursOf(offering: OfferingFacts): number | null {
  if (offering.hoursPerWeek !== null) return offering.hoursPerWeek;
  return offering.schedule === 'full_time' ? fullTimeHoursPerWeek : null;
}

export function wishedPlaces(profile: Profile): ResolvedPlace[] {
  return (profile.wishes?.places ?? [])
    .map((name) => resolvePlace(name))
    .filter((place): place is ResolvedPlace => place !== undefined);
}
