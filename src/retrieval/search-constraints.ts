import type { Level, Mode } from '../catalogue/offering.js';
import type { OfferingFacts } from './offering-facts.js';
import { resolvePlace, type ResolvedPlace } from '../catalogue/places.js';
import type { Profile } from '../profile/profile.js';

/**
 * Hard constraints: an offering that does not meet one is never suggested, and a value the data does not
 * know (price unknown, mode unknown) never counts as meeting it — "free" means known to be free.
 * Each check that passes names itself ("free", "mode:online", "county:Vestland") for the reasons.
 */
export type SearchConstraints = {
  free?: boolean;
  accredited?: boolean;
  /** Accepted modes; "online" also accepts blended (online teaching with gatherings), "campus" too. */
  modes?: Mode[];
  /** Must fit beside a job: part-time or self-paced. */
  partTime?: boolean;
  /** Where the learner can attend; an offering must be in one (an online one passes when online is accepted). */
  places?: ResolvedPlace[];
  /**
   * Online is wished for without being required ("helst på nett"): an online offering then passes the places
   * too, as it can be followed from any of them.
   */
  onlineWished?: boolean;
  /** Teaching languages (ISO 639-1). */
  languages?: string[];
  levels?: Level[];
  /** Ways of studying the learner turned down: an offering taught only that way is left out ("not online"). */
  excludeModes?: Mode[];
  /** Kinds of offering the learner turned down. */
  excludeLevels?: Level[];
  /** Places the learner turned down: an offering held only there is left out (an online one is held nowhere). */
  excludePlaces?: ResolvedPlace[];
  maxHoursPerWeek?: number;
  maxPriceNok?: number;
  startWithinMonths?: number;
};

/**
 * The profile's hard constraints. Hours a week said in conversation are not among them: most offerings
 * do not state their weekly workload, so a hard filter would drop nearly every Norwegian one; they are a
 * soft fit instead (profile-fit.ts). The explicit `maxHoursPerWeek` filter of GET /api/search stays hard.
 */
export function constraintsFromProfile(profile: Profile): SearchConstraints {
  const constraints: SearchConstraints = {};
  if (profile.budget?.free) constraints.free = true;
  if (profile.budget?.maxNok !== undefined) constraints.maxPriceNok = profile.budget.maxNok;
  if (profile.accreditedOnly) constraints.accredited = true;
  if (profile.modes.length) constraints.modes = [...profile.modes];
  if (profile.time?.partTime) constraints.partTime = true;
  if (profile.levels.length) constraints.levels = [...profile.levels];
  if (profile.avoidLevels.length) constraints.excludeLevels = [...profile.avoidLevels];
  if (profile.avoidModes.length) constraints.excludeModes = [...profile.avoidModes];
  if (profile.startWithinMonths !== undefined) constraints.startWithinMonths = profile.startWithinMonths;
  const places = resolvedPlaces(profile.places);
  if (places.length) constraints.places = places;
  if (profile.wishes?.modes.includes('online')) constraints.onlineWished = true;
  const avoided = resolvedPlaces(profile.avoidPlaces);
  if (avoided.length) constraints.excludePlaces = avoided;
  return constraints;
}

function resolvedPlaces(names: string[]): ResolvedPlace[] {
  return names.map((name) => resolvePlace(name)).filter((place): place is ResolvedPlace => place !== undefined);
}

export type ConstraintCheck = { meets: boolean; met: string[] };

const acceptedModes: Record<Mode, Mode[]> = {
  online: ['online', 'blended'],
  campus: ['campus', 'blended'],
  blended: ['blended'],
  unknown: [],
};

export function checkConstraints(options: {
  offering: OfferingFacts;
  constraints: SearchConstraints;
  now: Date;
}): ConstraintCheck {
  const { offering, constraints } = options;
  const met: string[] = [];
  const fail = { meets: false, met };
  if (constraints.free) {
    if (offering.isFree !== true) return fail;
    met.push('free');
  }
  if (constraints.accredited) {
    if (!offering.provider.accreditedBy) return fail;
    met.push(`accredited:${offering.provider.accreditedBy}`);
  }
  if (constraints.modes?.length) {
    if (!constraints.modes.some((mode) => acceptedModes[mode].includes(offering.mode))) return fail;
    met.push(`mode:${offering.mode}`);
  }
  if (constraints.partTime) {
    if (offering.schedule !== 'part_time' && offering.schedule !== 'self_paced') return fail;
    met.push(`schedule:${offering.schedule}`);
  }
  if (constraints.places?.length) {
    const where = placeMatch(offering, constraints.places);
    const onlineAccepted =
      offering.mode === 'online' && (constraints.modes?.includes('online') || constraints.onlineWished === true);
    if (!where && !onlineAccepted) return fail;
    met.push(where ?? 'place:online');
  }
  if (constraints.languages?.length) {
    const language = offering.languages.find((code) => constraints.languages!.includes(code));
    if (!language) return fail;
    met.push(`language:${language}`);
  }
  if (constraints.levels?.length) {
    if (!constraints.levels.includes(offering.level)) return fail;
    met.push(`level:${offering.level}`);
  }
  if (constraints.excludeLevels?.includes(offering.level)) return fail;
  if (constraints.excludeModes?.includes(offering.mode)) return fail;
  if (constraints.excludePlaces && heldOnlyIn(offering, constraints.excludePlaces)) return fail;
  if (constraints.maxHoursPerWeek !== undefined) {
    if (offering.hoursPerWeek === null || offering.hoursPerWeek > constraints.maxHoursPerWeek) return fail;
    met.push(`hoursPerWeek:${offering.hoursPerWeek}`);
  }
  if (constraints.maxPriceNok !== undefined) {
    const price = offering.isFree === true ? 0 : offering.priceNok;
    if (price === null || price > constraints.maxPriceNok) return fail;
    met.push(`priceNok:${price}`);
  }
  if (constraints.startWithinMonths !== undefined) {
    const start = startsWithin(offering, constraints.startWithinMonths, options.now);
    if (!start) return fail;
    met.push(start);
  }
  return { meets: true, met };
}

/** "city:Bergen", "county:Vestland" for the first of the learner's places the offering is in, else undefined. */
export function placeMatch(offering: OfferingFacts, places: ResolvedPlace[]): string | undefined {
  const lower = (values: string[]) => new Set(values.map((value) => value.toLowerCase()));
  const cities = lower(offering.cities);
  const municipalities = lower(offering.municipalities);
  const counties = lower(offering.counties);
  for (const place of places) {
    if (place.kind === 'place' && cities.has(place.name.toLowerCase())) return `city:${place.name}`;
    if (place.kind === 'place' || place.kind === 'municipality') {
      const municipality = place.municipalities.find(
        (name) => municipalities.has(name.toLowerCase()) || cities.has(name.toLowerCase()),
      );
      if (municipality) return `municipality:${municipality}`;
      continue;
    }
    const county = place.counties.find((name) => counties.has(name.toLowerCase()));
    if (county) return place.kind === 'region' ? `region:${place.name}` : `county:${county}`;
  }
  return undefined;
}

/**
 * Whether every place an offering is held is inside the places given: each of its towns (or, when it names
 * none, its counties). An online offering, or one whose place is unknown, is held in none of them.
 */
function heldOnlyIn(offering: OfferingFacts, places: ResolvedPlace[]): boolean {
  if (offering.mode === 'online') return false;
  if (offering.cities.length > 0)
    return offering.cities.every((city) =>
      placeMatch({ ...offering, cities: [city], municipalities: [], counties: countiesOf(city) }, places),
    );
  if (offering.counties.length > 0)
    return offering.counties.every((county) =>
      placeMatch({ ...offering, cities: [], municipalities: [], counties: [county] }, places),
    );
  return false;
}

function countiesOf(town: string): string[] {
  return resolvePlace(town)?.counties ?? [];
}

/** Self-paced offerings can be started any day; others need a known start date in the window. */
function startsWithin(offering: OfferingFacts, months: number, now: Date): string | undefined {
  if (offering.schedule === 'self_paced') return 'start:any_time';
  const until = new Date(now);
  until.setMonth(until.getMonth() + months);
  const today = now.toISOString().slice(0, 10);
  const last = until.toISOString().slice(0, 10);
  const start = offering.startDates.filter((date) => date >= today && date <= last).sort()[0];
  return start ? `start:${start}` : undefined;
}
