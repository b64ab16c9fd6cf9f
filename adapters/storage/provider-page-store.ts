import type pg from 'pg';
import type { Provider, ProviderPageStore } from '../../src/catalogue/provider-page.js';
import { createAdviserStore } from './adviser-store.js';
import { countQualityProblems, listProblemOfferings } from './catalogue-care/catalogue-care-queries.js';
import { listFeedHealth } from './catalogue-care/feed-health.js';
import { harvestFeedSoon, registerFeed, removeFeed } from './provider-feed-store.js';
import { createProviderKey, findProvider, listProviderKeys, revokeProviderKey } from './provider-key-store.js';
import { listProviderRatings } from './provider-ratings.js';
import { listProviderRuns, readProviderRun } from './provider-run-store.js';

export function createProviderPageStore(options: { pool: pg.Pool }): ProviderPageStore {
  const { pool } = options;
  const advisers = createAdviserStore({ pool });
  return {
    async providerOfAccount(adviserId) {
      const { rows } = await pool.query<Provider>(
        'SELECT p.id, p.name FROM adviser a JOIN provider p ON p.id = a.provider_id WHERE a.id = $1',
        [adviserId],
      );
      return rows[0] ?? null;
    },
    findProvider: (idOrName) => findProvider(pool, idOrName),
    feeds: (input) => listFeedHealth(pool, input),
    runs: (input) => listProviderRuns(pool, input),
    run: (input) => readProviderRun(pool, input),
    qualityCounts: (providerId) => countQualityProblems(pool, { providerId }),
    problemOfferings: (input) => listProblemOfferings(pool, input),
    keys: (providerId) => listProviderKeys(pool, providerId),
    ratings: (providerId) => listProviderRatings(pool, providerId),
    registerFeed: (input) => registerFeed(pool, input),
    async harvestFeedSoon(feedId) {
      await harvestFeedSoon(pool, feedId);
    },
    async removeFeed(feedId) {
      await removeFeed(pool, feedId);
    },
    createKey: (input) => createProviderKey(pool, input),
    async revokeKey(keyId) {
      await revokeProviderKey(pool, { id: keyId });
    },
    async createAccount(input) {
      const account = await advisers.create({
        email: input.email,
        name: input.name,
        role: 'provider',
        passwordHash: input.passwordHash,
      });
      if (!account) return null;
      await pool.query('UPDATE adviser SET provider_id = $2 WHERE id = $1', [account.id, input.providerId]);
      return { id: account.id, email: account.email };
    },
  };
}
