import type pg from 'pg';
import type { SiteAccess } from '../../src/site-check/site-access.js';
import { getSite, listRequirements, openAccessLink, saveSiteCheck, toSavedResults } from './site-store.js';

export function createSiteAccess(options: { pool: pg.Pool }): SiteAccess {
  const { pool } = options;
  return {
    async openLink(input) {
      const link = await openAccessLink(pool, input);
      return 'problem' in link ? link : { label: link.label };
    },
    site: (siteId) => getSite(pool, siteId),
    requirements: (siteId) => listRequirements(pool, siteId),
    async saveCheck(input) {
      await saveSiteCheck(pool, {
        siteId: input.siteId,
        checker: input.checker,
        adviserId: null,
        results: toSavedResults(input.result),
        now: input.now,
        retentionDays: input.retentionDays,
      });
    },
  };
}
