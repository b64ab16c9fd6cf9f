/**
 * The port for the achievements an organisation's members hold credentials for (implemented in
 * adapters/storage/known-achievement-store.ts), offered when building a tender bundle or a site's requirements.
 */

export type KnownAchievement = { achievementId: string; achievementName: string };

export type KnownAchievements = {
  /** Distinct achievements held by the organisation's members, by name. */
  heldByMembersOf(organisationId: string): Promise<KnownAchievement[]>;
  /** Distinct achievements any credential was issued for, by name, at most `limit`. */
  issued(input: { limit: number }): Promise<KnownAchievement[]>;
};
