import type { Profile } from '../profile/profile.js';
import type { Refinement } from '../understanding/understanding.js';

/**
 * "Cheaper", "shorter", "only online", "nearer" as changes to the profile the next search uses. They are
 * the learner's wishes from now on (shown by "what do you know about me?", correctable like any fact).
 */
export type Refined = { kind: 'profile'; profile: Profile } | { kind: 'ask_place' };

export function refineProfile(options: { profile: Profile; refinement: Refinement }): Refined {
  const profile = structuredClone(options.profile);
  switch (options.refinement) {
    case 'cheaper':
      // Prices are missing on most records, so "cheaper" asks for what is known to be free (the learner can say a price instead).
      profile.budget = { ...profile.budget, free: true };
      return { kind: 'profile', profile };
    case 'shorter':
      profile.levels = ['short_course', 'further_education'];
      return { kind: 'profile', profile };
    case 'online_only':
      profile.modes = ['online'];
      profile.places = [];
      return { kind: 'profile', profile };
    case 'nearer':
      if (profile.places.length === 0) return { kind: 'ask_place' };
      // Nearer means attending in person where the learner is.
      profile.modes = ['campus', 'blended'];
      return { kind: 'profile', profile };
  }
}
