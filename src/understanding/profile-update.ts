import { z } from 'zod';
import { levels } from '../catalogue/offering.js';
import { escapeRegExp, wordPattern } from '../catalogue/word-pattern.js';
import { profileSchema, type Profile } from '../profile/profile.js';

const educationLevels = profileSchema.shape.educationLevel.unwrap().options;

/**
 * What one message adds to (or corrects in) the learner's profile. Both understanding implementations —
 * the model's structured output and the local extractor — produce exactly this, so the dialogue never
 * knows which one read the message. The `.describe()` texts are what a model sees of the schema.
 */
export const profileUpdateSchema = z.object({
  occupation: z
    .string()
    .optional()
    .describe("The learner's current role or job in their own words, e.g. 'sykepleier på sykehjem', 'electrician'"),
  occupationCode: z.string().optional().describe('STYRK-08 code of that role, only when certain'),
  occupationLabel: z.string().optional().describe('The STYRK-08 name of that code'),
  industry: z.string().optional().describe('The industry they work in (SN2007 wording when possible)'),
  educationLevel: z.enum(educationLevels).optional().describe('Highest education the learner has completed'),
  goals: z
    .array(z.string())
    .default([])
    .describe('What the learner wants to achieve, e.g. "bli ingeniør", "get a job in IT"'),
  topics: z
    .array(z.string())
    .default([])
    .describe('Subjects the learner wants to learn, short phrases, e.g. "demens", "Python"'),
  hoursPerWeek: z.number().positive().max(80).optional().describe('Hours a week the learner can study'),
  evenings: z.boolean().optional().describe('Can (only) study in the evenings'),
  weekends: z.boolean().optional().describe('Can (only) study at weekends'),
  partTime: z
    .boolean()
    .optional()
    .describe('true: must fit beside a job (deltid, ved siden av jobb); false: can study full time'),
  weeks: z.number().positive().optional().describe('How many weeks the learner can commit'),
  free: z.boolean().optional().describe('true when the learner wants only free offerings'),
  maxPriceNok: z.number().nonnegative().optional().describe('Highest price in NOK the learner accepts'),
  modes: z
    .array(z.enum(['online', 'campus', 'blended']))
    .default([])
    .describe('Accepted ways of studying; empty when not said'),
  places: z.array(z.string()).default([]).describe('Norwegian places (city, county or region) the learner can attend'),
  removePlaces: z
    .array(z.string())
    .default([])
    .describe('Places the learner takes back or corrects away ("not Bergen")'),
  levels: z
    .array(z.enum(levels))
    .default([])
    .describe(
      'Kinds of offering wanted (short_course, further_education, one_year, bachelor, master, ...); empty when not said',
    ),
  accreditedOnly: z.boolean().optional().describe('true when it must be accredited or give credits'),
  avoid: z
    .array(z.string())
    .default([])
    .describe(
      'Subjects, providers or places the learner turns down in this message ("ikke teater" → "teater"); never a subject they want',
    ),
  avoidLevels: z
    .array(z.enum(levels))
    .default([])
    .describe(
      'Kinds of offering turned down ("ikkje eit år på folkehøgskule" → folk_high_school, "not a master" → master)',
    ),
  removeModes: z
    .array(z.enum(['online', 'campus', 'blended']))
    .default([])
    .describe(
      'Ways of studying turned down ("not online", "ikke på nett" → online): offerings taught only that way are left out',
    ),
  replaces: z
    .boolean()
    .optional()
    .describe(
      'true when the message corrects what was said before ("nei forresten", "egentlig", "actually", "heller"): its places, modes, levels and subjects replace the earlier ones instead of adding to them',
    ),
  retracts: z
    .boolean()
    .optional()
    .describe(
      'true when the message opens by taking back what the learner said in their previous message ("nei, …", "nei vent, …", "actually no, …") and says what instead: what that message added is dropped',
    ),
  searchText: z
    .string()
    .optional()
    .describe(
      "The message's own words about what the learner wants to learn or who they are, without constraints (place, time, price, format), refusals or filler; empty when it says none",
    ),
  startWithinMonths: z.number().positive().optional().describe('Wants to start within this many months'),
  wishes: profileSchema.shape.wishes.describe(
    'Soft preferences said with "helst", "gjerne", "ideally": they lift offerings but exclude none',
  ),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

export const emptyProfileUpdate = (): ProfileUpdate => profileUpdateSchema.parse({});

/** Merges updates from several extractors: later scalar facts win, lists are joined. */
export function mergeProfileUpdates(updates: ProfileUpdate[]): ProfileUpdate {
  const merged = emptyProfileUpdate();
  for (const update of updates) {
    for (const [key, value] of Object.entries(update) as [keyof ProfileUpdate, unknown][]) {
      if (value === undefined) continue;
      if (Array.isArray(value)) (merged[key] as unknown[]) = uniqueText([...(merged[key] as unknown[]), ...value]);
      else if (key === 'wishes' && merged.wishes && update.wishes) {
        merged.wishes = {
          ...merged.wishes,
          ...update.wishes,
          modes: [...new Set([...merged.wishes.modes, ...update.wishes.modes])],
          places: uniqueText([...merged.wishes.places, ...update.wishes.places]),
          levels: [...new Set([...merged.wishes.levels, ...update.wishes.levels])],
        };
      } else (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** True when the update says no fact at all (how it was said — a correction, its search words — is no fact). */
export function isEmptyUpdate(update: ProfileUpdate): boolean {
  const { replaces: _replaces, retracts: _retracts, searchText: _searchText, ...facts } = update;
  return Object.values(facts).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}

/**
 * The profile after an update. New facts replace old ones (the learner corrects by restating); lists grow,
 * except modes and levels, where a new wish replaces the old ("only online" is not "online too").
 */
export function applyProfileUpdate(options: {
  profile: Profile;
  update: ProfileUpdate;
  previous?: ProfileUpdate | null;
}): Profile {
  const { profile, update } = options;
  const next: Profile =
    update.retracts && options.previous ? withoutWishes(profile, options.previous) : structuredClone(profile);
  if (update.occupation)
    next.occupation = { text: update.occupation, code: update.occupationCode, label: update.occupationLabel };
  if (update.industry) next.industry = { label: update.industry };
  if (update.educationLevel) next.educationLevel = update.educationLevel;
  // A subject asked for again is no longer turned down; one turned down leaves the wanted subjects.
  const wanted = [...update.topics, ...update.goals];
  next.avoid = uniqueText([
    ...next.avoid.filter((avoided) => !wanted.some((topic) => mentions(topic, avoided))),
    ...update.avoid,
  ]);
  const refused = (text: string) => next.avoid.some((avoided) => mentions(text, avoided));
  next.goals = uniqueText([...(update.replaces && update.goals.length > 0 ? [] : next.goals), ...update.goals]).filter(
    (goal) => !refused(goal),
  );
  next.topics = uniqueText([
    ...(update.replaces && update.topics.length > 0 ? [] : next.topics),
    ...update.topics,
  ]).filter((topic) => !refused(topic));
  const time = { ...next.time };
  if (update.hoursPerWeek !== undefined) time.hoursPerWeek = update.hoursPerWeek;
  if (update.evenings !== undefined) time.evenings = update.evenings;
  if (update.weekends !== undefined) time.weekends = update.weekends;
  if (update.partTime !== undefined) time.partTime = update.partTime;
  if (update.weeks !== undefined) time.weeks = update.weeks;
  if (Object.keys(time).length > 0) next.time = time;
  if (update.free !== undefined || update.maxPriceNok !== undefined) {
    next.budget = {
      ...next.budget,
      ...(update.free !== undefined ? { free: update.free } : {}),
      ...(update.maxPriceNok !== undefined ? { maxNok: update.maxPriceNok } : {}),
    };
  }
  if (update.modes.length > 0) next.modes = [...new Set(update.modes)];
  // A mode turned down stays out until the learner asks for it again.
  next.avoidModes = [
    ...new Set([
      ...next.avoidModes.filter(
        (mode) => !update.modes.includes(mode as never) && !(update.wishes?.modes ?? []).includes(mode),
      ),
      ...update.removeModes,
    ]),
  ];
  next.modes = next.modes.filter((mode) => !next.avoidModes.includes(mode));
  // A correction that names places replaces every earlier place, required or wished ("nei forresten, Vestlandet").
  const placesCorrected = update.replaces && (update.places.length > 0 || (update.wishes?.places.length ?? 0) > 0);
  const keptPlace = (place: string) => !sameTextIn(place, update.removePlaces);
  next.places = uniqueText([...(placesCorrected ? [] : next.places), ...update.places]).filter(keptPlace);
  // A place turned down stays out until the learner names it again ("ikke i Oslo" … "Oslo går fint likevel").
  const namedAgain = [...update.places, ...(update.wishes?.places ?? [])].filter((place) => keptPlace(place));
  next.avoidPlaces = uniqueText([
    ...next.avoidPlaces.filter((place) => !sameTextIn(place, namedAgain)),
    ...update.removePlaces,
  ]).filter((place) => !sameTextIn(place, namedAgain));
  if (update.levels.length > 0) next.levels = [...new Set(update.levels)];
  next.avoidLevels = [
    ...new Set([...next.avoidLevels.filter((level) => !update.levels.includes(level)), ...update.avoidLevels]),
  ];
  next.levels = next.levels.filter((level) => !next.avoidLevels.includes(level));
  if (update.accreditedOnly !== undefined) next.accreditedOnly = update.accreditedOnly;
  next.avoid = uniqueText([...next.avoid, ...update.avoid]);
  if (update.startWithinMonths !== undefined) next.startWithinMonths = update.startWithinMonths;
  if (update.wishes || next.wishes) {
    const before = next.wishes ?? { modes: [], places: [], levels: [] };
    const said = update.wishes ?? { modes: [], places: [], levels: [] };
    const modesCorrected = update.replaces && (update.modes.length > 0 || said.modes.length > 0);
    next.wishes = {
      ...before,
      ...(said.partTime !== undefined ? { partTime: said.partTime } : {}),
      ...(said.free !== undefined ? { free: said.free } : {}),
      modes: [...new Set([...(modesCorrected ? [] : before.modes), ...said.modes])].filter(
        (mode) => !next.avoidModes.includes(mode),
      ),
      places: uniqueText([...(placesCorrected ? [] : before.places), ...said.places]).filter(keptPlace),
      levels: [...new Set([...before.levels, ...said.levels])].filter((level) => !next.avoidLevels.includes(level)),
    };
  }
  return next;
}

/**
 * The profile without the wishes an earlier message added ("maybe a full bachelor?" taken back by "actually
 * no, …"): its subjects, places, modes and kinds of offering. Who the learner is stays; that is no wish.
 */
function withoutWishes(profile: Profile, said: ProfileUpdate): Profile {
  const next: Profile = structuredClone(profile);
  const notSaid = (values: readonly string[]) => (value: string) => !values.some((item) => key(item) === key(value));
  next.topics = next.topics.filter(notSaid(said.topics));
  next.goals = next.goals.filter(notSaid(said.goals));
  next.places = next.places.filter(notSaid(said.places));
  next.modes = next.modes.filter(notSaid(said.modes));
  next.levels = next.levels.filter(notSaid(said.levels));
  if (next.wishes && said.wishes) {
    next.wishes = {
      ...next.wishes,
      modes: next.wishes.modes.filter(notSaid(said.wishes.modes)),
      places: next.wishes.places.filter(notSaid(said.wishes.places)),
      levels: next.wishes.levels.filter(notSaid(said.wishes.levels)),
    };
  }
  return next;
}

const key = (text: string) => text.trim().toLocaleLowerCase('nb');
/** "musikk" is mentioned in "musikk og drama"; whole words only, so "data" is not in "database". */
const mentions = (text: string, word: string) => wordPattern([escapeRegExp(key(word))], 'u').test(key(text));
const sameTextIn = (text: string, list: string[]) => list.some((item) => key(item) === key(text));

function uniqueText<T>(values: T[]): T[] {
  const seen = new Set<unknown>();
  return values.filter((value) => {
    const identity = typeof value === 'string' ? key(value) : value;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
