import { resolvePlace } from '../src/catalogue/places.js';
import type { Profile } from '../src/profile/profile.js';
import type { NeedConstraints } from './need-constraints.js';

/**
 * Which of a need's stated constraints ended up in the learner's profile, as hard constraints or as soft
 * wishes. A constraint counts once, in whichever form it was captured.
 */
export type Captured = { stated: number; hard: number; soft: number; missed: string[] };

export function constraintsCaptured(options: { constraints: NeedConstraints; profile: Profile }): Captured {
  const { constraints, profile } = options;
  const wishes = profile.wishes ?? { modes: [], places: [], levels: [] };
  const result: Captured = { stated: 0, hard: 0, soft: 0, missed: [] };
  const count = (name: string, hard: boolean, soft: boolean) => {
    result.stated += 1;
    if (hard) result.hard += 1;
    else if (soft) result.soft += 1;
    else result.missed.push(name);
  };
  const placeIn = (places: string[], wanted: string) =>
    places.some((place) => {
      const resolved = resolvePlace(place);
      const target = resolvePlace(wanted);
      return (
        place.toLowerCase() === wanted.toLowerCase() ||
        (resolved !== undefined && target !== undefined && resolved.name === target.name)
      );
    });
  if (constraints.city)
    count(
      `city ${constraints.city}`,
      placeIn(profile.places, constraints.city),
      placeIn(wishes.places, constraints.city),
    );
  if (constraints.region)
    count(
      `region ${constraints.region}`,
      placeIn(profile.places, constraints.region),
      placeIn(wishes.places, constraints.region),
    );
  if (constraints.online) count('online', profile.modes.includes('online'), wishes.modes.includes('online'));
  if (constraints.part_time) count('part_time', profile.time?.partTime === true, wishes.partTime === true);
  if (constraints.free) count('free', profile.budget?.free === true, wishes.free === true);
  const levels: Record<string, string[]> = {
    degree: ['bachelor', 'master'],
    årsstudium: ['one_year'],
    short: ['short_course'],
    master: ['master'],
  };
  if (constraints.level) {
    const wanted = levels[constraints.level] ?? [];
    count(
      `level ${constraints.level}`,
      profile.levels.some((level) => wanted.includes(level)),
      wishes.levels.some((level) => wanted.includes(level)),
    );
  }
  if (constraints.type === 'folk_high_school')
    count(
      'type folk_high_school',
      profile.levels.includes('folk_high_school'),
      wishes.levels.includes('folk_high_school'),
    );
  return result;
}
