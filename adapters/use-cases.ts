import type pg from 'pg';
import type { PurgeRecord } from '../src/privacy/purge-history.js';
import { findLastPurge } from '../src/privacy/find-last-purge.js';
import type { KnownAchievement } from '../src/tender/known-achievements.js';
import { listKnownAchievements } from '../src/tender/list-known-achievements.js';
import { composeCredentialUseCases, type CredentialUseCases } from './credentials/credential-use-cases.js';
import type { CredentialService } from './credentials/credential-service.js';
import { createKnownAchievements } from './storage/known-achievement-store.js';
import { createPurgeHistory } from './storage/privacy/purge-history-store.js';

/**
 * Every use case the web routes call (src/), their ports filled in once: by adapters/runtime.ts, or by
 * createHttpApp for tests. A route parses, calls one of these, renders.
 */
export type UseCases = CredentialUseCases & {
  findLastPurge(): Promise<PurgeRecord | undefined>;
  listKnownAchievements(input: { organisationId: string }): Promise<KnownAchievement[]>;
};

export function composeUseCases(options: {
  pool: pg.Pool;
  /** Absent = credentials are switched off: the credential use cases say so. */
  credentials: CredentialService | undefined;
}): UseCases {
  const history = createPurgeHistory({ pool: options.pool });
  const achievements = createKnownAchievements({ pool: options.pool });
  return {
    ...composeCredentialUseCases(options),
    findLastPurge: () => findLastPurge({ history }),
    listKnownAchievements: (input) => listKnownAchievements({ ...input, achievements }),
  };
}
