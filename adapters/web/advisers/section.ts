import type { Router } from 'express';
import type { HttpContext } from '../routes/route-module.js';

/** The workspace's languages: Bokmål by default, English on request (`?lang=en` or the adviser's setting). */
export type WorkspaceLanguage = 'nb' | 'en';

/** Who is signed in, as `response.locals.adviser` after requireAdviser. */
export type WorkspaceAdviser = {
  id: string;
  email: string;
  name: string | null;
  role: 'adviser' | 'admin' | 'provider';
  language: WorkspaceLanguage;
};

/**
 * One part of the advisers' workspace, listed in sections.ts. The section's router is mounted at
 * `/advisers${path}` behind requireAdviser({ role }) and CSRF checking, so its own routes are relative
 * (`router.get('/', …)` serves `/advisers${path}`). Its pages call renderWorkspacePage with `active: path`.
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
  router(context: HttpContext): Router;
};
