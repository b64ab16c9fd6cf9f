import type { PurgeHistory, PurgeRecord } from './purge-history.js';

/** The last retention purge, shown to admins on the privacy page so they can see the schedule runs. */
export async function findLastPurge(options: { history: PurgeHistory }): Promise<PurgeRecord | undefined> {
  return options.history.latest();
}
