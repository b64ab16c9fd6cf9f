import type { KnownAchievement, KnownAchievements } from './known-achievements.js';

/** The achievements a tender bundle can be narrowed to: only those the organisation's members hold. */
export async function listKnownAchievements(options: {
  organisationId: string;
  achievements: KnownAchievements;
}): Promise<KnownAchievement[]> {
  return options.achievements.heldByMembersOf(options.organisationId);
}
