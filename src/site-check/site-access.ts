import type { VerificationResult } from '../credentials/verify-credential.js';
import type { SiteCheckResult } from './check-workers.js';
import type { Site, SiteRequirement } from './site.js';

/**
 * The ports of a site manager's check (implemented in adapters/storage/site-access-store.ts and by the
 * credential service): the sites behind secret access links, and the verification of what workers present.
 */

export type SiteLinkProblem = 'unknown' | 'expired' | 'revoked';

/** A site opened by a valid link: what the page shows and checks against. */
export type OpenedSite = {
  site: Site;
  requirements: SiteRequirement[] /** The link's label: the default checker. */;
  label: string;
};

export type SiteAccess = {
  /** The label of the live link with this token for this site, or why the token does not open it. */
  openLink(input: {
    siteId: string;
    token: string;
    now: Date;
  }): Promise<{ label: string } | { problem: SiteLinkProblem }>;
  site(siteId: string): Promise<Site | null>;
  requirements(siteId: string): Promise<SiteRequirement[]>;
  /** Keeps what the credentials said (never the credentials) until `retentionDays` have passed (0 = until deleted). */
  saveCheck(input: {
    siteId: string;
    checker: string;
    result: SiteCheckResult;
    now: Date;
    retentionDays: number;
  }): Promise<void>;
};

/** The credential core's verification (adapters/credentials) and wallet share links; absent = credentials are off. */
export type PresentedCredentials = {
  verify(input: { jwt: string; now: Date }): Promise<VerificationResult>;
  openShare(input: { token: string; now: Date }): Promise<{ jwt: string } | { problem: SiteLinkProblem }>;
};
