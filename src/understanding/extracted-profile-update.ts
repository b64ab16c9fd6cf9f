import { emptyProfile, type Language } from '../profile/profile.js';
import { extractFromMessage, type OccupationLookup } from './local-extractor.js';
import type { ProfileExtractor } from './local-understanding.js';
import { emptyProfileUpdate, type ProfileUpdate } from './profile-update.js';

/**
 * Retrieval's local extractor as a ProfileExtractor. It reads a message into a whole profile; run on an
 * empty profile, that profile is exactly what this one message says, which is the update. (Run on the
 * learner's profile it would keep an old role over a new one: corrections need the message alone.)
 */
export function createExtractedProfileExtractor(options: { occupationLookup?: OccupationLookup }): ProfileExtractor {
  return ({ message, language }: { message: string; language: Language }): ProfileUpdate => {
    const said = extractFromMessage({
      message,
      profile: emptyProfile(),
      occupationLookup: options.occupationLookup,
      fallbackLanguage: language,
    });
    const update = emptyProfileUpdate();
    if (said.occupation) {
      update.occupation = said.occupation.text;
      update.occupationCode = said.occupation.code;
      update.occupationLabel = said.occupation.label;
    }
    if (said.industry) update.industry = said.industry.label;
    if (said.educationLevel) update.educationLevel = said.educationLevel;
    update.goals = said.goals;
    update.topics = said.topics;
    update.hoursPerWeek = said.time?.hoursPerWeek;
    update.evenings = said.time?.evenings;
    update.weekends = said.time?.weekends;
    update.partTime = said.time?.partTime;
    update.weeks = said.time?.weeks;
    update.free = said.budget?.free;
    update.maxPriceNok = said.budget?.maxNok;
    update.modes = said.modes.filter((mode): mode is 'online' | 'campus' | 'blended' => mode !== 'unknown');
    update.places = said.places;
    update.levels = said.levels;
    update.accreditedOnly = said.accreditedOnly;
    update.avoid = said.avoid;
    update.startWithinMonths = said.startWithinMonths;
    update.wishes = said.wishes;
    return update;
  };
}
