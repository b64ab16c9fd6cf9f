import { checkWorkers, type SiteCheckResult } from './check-workers.js';
import type { ParsedRoster } from './parse-roster.js';
import type { OpenedSite, PresentedCredentials, SiteAccess } from './site-access.js';

export type SiteWorkersChecked =
  | { kind: 'credentials-off' }
  | { kind: 'nothing-to-check' }
  | { kind: 'checked'; check: SiteCheckResult; checkedAt: Date; saved: boolean };

/**
 * Verifies and judges every credential on a roster against an opened site's requirements, and saves the
 * result when asked. A person who pressed "check" with nothing on the page is told so (`refuseEmpty`); a
 * program that sends an empty roster gets an empty check.
 */
export async function checkSiteWorkers(options: {
  opened: OpenedSite;
  roster: ParsedRoster;
  checker: string;
  save: boolean;
  refuseEmpty: boolean;
  now: Date;
  retentionDays: number;
  sites: SiteAccess;
  credentials: PresentedCredentials | undefined;
}): Promise<SiteWorkersChecked> {
  const { credentials, roster } = options;
  if (!credentials) return { kind: 'credentials-off' };
  if (options.refuseEmpty && roster.entries.length === 0 && roster.problems.length === 0)
    return { kind: 'nothing-to-check' };
  const checkedAt = options.now;
  const check = await checkWorkers({
    requirements: options.opened.requirements,
    entries: roster.entries,
    verify: (jwt) => credentials.verify({ jwt, now: checkedAt }),
    openShare: (token) => credentials.openShare({ token, now: checkedAt }),
  });
  if (options.save)
    await options.sites.saveCheck({
      siteId: options.opened.site.id,
      checker: options.checker,
      result: check,
      now: checkedAt,
      retentionDays: options.retentionDays,
    });
  return { kind: 'checked', check, checkedAt, saved: options.save };
}
