import type { OpenedSite, SiteAccess, SiteLinkProblem } from './site-access.js';

/** A site manager opens a site's check page with its secret link: the site and its requirements, or why not. */
export async function openSiteCheck(options: {
  siteId: string;
  token: string;
  now: Date;
  sites: SiteAccess;
}): Promise<OpenedSite | { problem: SiteLinkProblem }> {
  const link = await options.sites.openLink({ siteId: options.siteId, token: options.token, now: options.now });
  if ('problem' in link) return link;
  const site = await options.sites.site(options.siteId);
  if (!site) return { problem: 'unknown' };
  return { site, requirements: await options.sites.requirements(site.id), label: link.label };
}
