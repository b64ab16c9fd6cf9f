import type { Response, Router } from 'express';
import { z } from 'zod';
import type { AuditEntry } from '../../storage/audit-log-store.js';
import type { SafeHtml } from '../html.js';
import type { HttpContext } from '../routes/route-module.js';

/** The workspace's languages: Bokmål by default, English on request (`?lang=en` or the adviser's setting). */
export type WorkspaceLanguage = 'nb' | 'en';

/**
 * Who is signed in, as `response.locals.adviser` after requireAdviser; session.ts checks it against this
 * schema instead of casting, so a new role is added here, in one place.
 */
export const workspaceAdviserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(['adviser', 'admin', 'provider']),
  language: z.enum(['nb', 'en']),
});
export type WorkspaceAdviser = z.infer<typeof workspaceAdviserSchema>;

/** A page of a section, sent in the workspace layout (layout.ts). */
type SectionPage = {
  title: string;
  /** Written with the html tag (../html.ts), which escapes every value. */
  body: SafeHtml;
  /** Default 200. */
  status?: number;
  /** Script URLs (same origin), loaded deferred with the response's CSP nonce. */
  scripts?: string[];
  /** The navigation entry shown as current; default the section's own path. */
  active?: string;
};

/**
 * What every section's routes need about the request they serve, built once per section by
 * advisers-router.ts so no section re-derives it from `response.locals`.
 */
export type SectionTools = {
  /** The signed-in adviser (requireAdviser ran before any section route; checked, not cast). */
  adviser(response: Response): WorkspaceAdviser;
  /** Sends a page in the workspace layout, with the CSRF token, nonce and current navigation entry filled in. */
  page(response: Response, page: SectionPage): void;
  /** Writes an audit-log row with the signed-in adviser as the actor. */
  audit(response: Response, entry: Omit<AuditEntry, 'actorId'>): Promise<void>;
};

/**
 * One part of the advisers' workspace, listed in sections.ts. The section's router is mounted at
 * `/advisers${path}` behind requireAdviser({ role }) and CSRF checking, so its own routes are relative
 * (`router.get('/', …)` serves `/advisers${path}`). Its pages go out through `tools.page` (section.ts), which
 * marks `path` current in the navigation.
 * JSON endpoints under `/advisers/api/…` answer 401 instead of redirecting when nobody is signed in.
 */
export type WorkspaceSection = {
  /** '' for the home page (the review queue), otherwise e.g. '/analytics'. */
  path: string;
  label: { nb: string; en: string };
  /**
   * Who may open it: 'adviser' (advisers and admins), 'admin', or 'provider' (provider accounts, each for its
   * own provider, and admins for any), or 'any' signed-in account (one's own account). A provider account opens
   * only 'provider' and 'any' sections.
   */
  role: 'adviser' | 'admin' | 'provider' | 'any';
  /** Shown in the navigation; default true. */
  inNavigation?: boolean;
  router(context: HttpContext, tools: SectionTools): Router;
};
