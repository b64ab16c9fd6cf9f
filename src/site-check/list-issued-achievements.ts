import type { KnownAchievement, KnownAchievements } from '../tender/known-achievements.js';

/** Suggestions for a site requirement's achievement: those credentials were issued for (the first 200 by name). */
export async function listIssuedAchievements(options: {
  achievements: KnownAchievements;
}): Promise<KnownAchievement[]> {
  return options.achievements.issued({ limit: 200 });
}
