import { accountsSection } from './accounts/accounts-section.js';
import { myAccountSection } from './accounts/my-account-section.js';
import { auditSection } from './audit/audit-section.js';
import { catalogueCareSection } from './catalogue-care/catalogue-care-section.js';
import { analyticsSection } from './analytics/analytics-section.js';
import { credentialsSection } from './credentials/credentials-section.js';
import { organisationSections } from './organisations/organisation-sections.js';
import { privacySection } from './privacy/privacy-section.js';
import { providerSection } from './provider/provider-section.js';
import { reviewQueueSection } from './review-queue/review-queue-section.js';
import type { WorkspaceSection } from './section.js';
import { siteChecksSection } from './site-checks/site-checks-section.js';

/**
 * Every part of the advisers' workspace, in navigation order. Add yours with ONE line; the type and the
 * mounting rules are in section.ts (router mounted at `/advisers${path}` behind requireAdviser({ role })
 * and CSRF checks; `router(context, { adviser, page, audit })` gets the signed-in adviser, sends pages in
 * the layout and writes the audit log, and pages are written with the html tag of ../html.ts).
 */
export const workspaceSections: WorkspaceSection[] = [
  reviewQueueSection,
  analyticsSection,
  catalogueCareSection,
  providerSection,
  accountsSection,
  credentialsSection,
  privacySection,
  auditSection,
  myAccountSection,
  ...organisationSections,
  siteChecksSection,
];
