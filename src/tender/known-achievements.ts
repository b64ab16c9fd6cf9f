/**
 * The port for the achievements an organisation's members hold credentials for (implemented in
 * adapters/storage/known-achievement-store.ts), offered as a filter when building a tender bundle.
 */

export type KnownAchievement = { achievementId: string; achievementName: string };

export type KnownAchievements = {
  /** Distinct achievements held by the organisation's members, by name. */
  heldByMembersOf(organisationId: string): Promise<KnownAchievement[]>;
};
