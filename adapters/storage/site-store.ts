import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { SiteCheckResult } from '../../src/site-check/check-workers.js';
import type { RequirementInput, Site, SiteInput, SiteRequirement } from '../../src/site-check/site.js';
import type { SiteRow as SiteTableRow } from './rows.generated.js';

/**
 * Sites, their required credentials, the site managers' access links and saved checks (migration
 * 20261130070000_site_check). Access links work like share links: a random token in the URL, only its
 * SHA-256 stored, an expiry, revocable by the organisation.
 */

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

// Dates read as text (siteColumns): a date column as a Date would shift a day in the local time zone.
type SiteRow = Omit<SiteTableRow, 'created_by_adviser_id' | 'active_from' | 'active_until'> & {
  active_from: string | null;
  active_until: string | null;
};
const siteColumns = `id, organisation_id, name, address, municipality, to_char(active_from, 'YYYY-MM-DD') AS active_from, to_char(active_until, 'YYYY-MM-DD') AS active_until, created_at`;
const toSite = (row: SiteRow): Site => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.name,
  address: row.address,
  municipality: row.municipality,
  activeFrom: row.active_from,
  activeUntil: row.active_until,
  createdAt: row.created_at,
});

export async function createSite(
  pool: pg.Pool,
  options: { organisationId: string; input: SiteInput; adviserId: string | null },
): Promise<Site> {
  const { input } = options;
  const { rows } = await pool.query<SiteRow>(
    `INSERT INTO site (organisation_id, name, address, municipality, active_from, active_until, created_by_adviser_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${siteColumns}`,
    [
      options.organisationId,
      input.name,
      input.address ?? null,
      input.municipality ?? null,
      input.activeFrom ?? null,
      input.activeUntil ?? null,
      options.adviserId,
    ],
  );
  return toSite(rows[0]!);
}

export async function getSite(pool: pg.Pool, siteId: string): Promise<Site | null> {
  const { rows } = await pool.query<SiteRow>(`SELECT ${siteColumns} FROM site WHERE id = $1`, [siteId]);
  return rows[0] ? toSite(rows[0]) : null;
}

export async function listSites(pool: pg.Pool, organisationId: string): Promise<Site[]> {
  const { rows } = await pool.query<SiteRow>(
    `SELECT ${siteColumns} FROM site WHERE organisation_id = $1 ORDER BY created_at DESC, name`,
    [organisationId],
  );
  return rows.map(toSite);
}

export async function deleteSite(pool: pg.Pool, siteId: string): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM site WHERE id = $1', [siteId]);
  return (rowCount ?? 0) > 0;
}

/** Adds a required credential; a role must be one of the site's organisation's roles. Returns null for a foreign role. */
export async function addRequirement(
  pool: pg.Pool,
  options: { site: Site; input: RequirementInput },
): Promise<SiteRequirement | null> {
  const roleId = options.input.roleId ?? null;
  if (roleId) {
    const { rows } = await pool.query('SELECT 1 FROM organisation_role WHERE id = $1 AND organisation_id = $2', [
      roleId,
      options.site.organisationId,
    ]);
    if (rows.length === 0) return null;
  }
  await pool.query(
    `INSERT INTO site_requirement (site_id, achievement_id, achievement_name, role_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (site_id, achievement_id, (COALESCE(role_id, ''))) DO UPDATE SET achievement_name = EXCLUDED.achievement_name`,
    [options.site.id, options.input.achievementId, options.input.achievementName, roleId],
  );
  const requirements = await listRequirements(pool, options.site.id);
  return (
    requirements.find(
      (requirement) => requirement.achievementId === options.input.achievementId && requirement.roleId === roleId,
    ) ?? null
  );
}

export async function removeRequirement(
  pool: pg.Pool,
  options: { siteId: string; requirementId: string },
): Promise<boolean> {
  const { rowCount } = await pool.query('DELETE FROM site_requirement WHERE id = $1 AND site_id = $2', [
    options.requirementId,
    options.siteId,
  ]);
  return (rowCount ?? 0) > 0;
}

export async function listRequirements(pool: pg.Pool, siteId: string): Promise<SiteRequirement[]> {
  const { rows } = await pool.query<{
    id: string;
    site_id: string;
    achievement_id: string;
    achievement_name: string;
    role_id: string | null;
    role_title: string | null;
  }>(
    `SELECT requirement.id, requirement.site_id, requirement.achievement_id, requirement.achievement_name, requirement.role_id, role.title AS role_title
       FROM site_requirement requirement LEFT JOIN organisation_role role ON role.id = requirement.role_id
      WHERE requirement.site_id = $1 ORDER BY requirement.created_at, requirement.achievement_name`,
    [siteId],
  );
  return rows.map((row) => ({
    id: row.id,
    siteId: row.site_id,
    achievementId: row.achievement_id,
    achievementName: row.achievement_name,
    roleId: row.role_id,
    roleTitle: row.role_title,
  }));
}

export type SiteAccessLink = {
  tokenHash: string;
  siteId: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

export async function createAccessLink(
  pool: pg.Pool,
  options: { siteId: string; label: string; expiresAt: Date; now: Date },
): Promise<{ token: string; link: SiteAccessLink }> {
  const token = randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  await pool.query(
    'INSERT INTO site_access_link (token_hash, site_id, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [tokenHash, options.siteId, options.label, options.now, options.expiresAt],
  );
  return {
    token,
    link: {
      tokenHash,
      siteId: options.siteId,
      label: options.label,
      createdAt: options.now,
      expiresAt: options.expiresAt,
      revokedAt: null,
    },
  };
}

export async function listAccessLinks(pool: pg.Pool, siteId: string): Promise<SiteAccessLink[]> {
  const { rows } = await pool.query<{
    token_hash: string;
    site_id: string;
    label: string;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>('SELECT * FROM site_access_link WHERE site_id = $1 ORDER BY created_at DESC', [siteId]);
  return rows.map((row) => ({
    tokenHash: row.token_hash,
    siteId: row.site_id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }));
}

export async function revokeAccessLink(
  pool: pg.Pool,
  options: { siteId: string; tokenHash: string; now: Date },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE site_access_link SET revoked_at = $3 WHERE token_hash = $1 AND site_id = $2 AND revoked_at IS NULL',
    [options.tokenHash, options.siteId, options.now],
  );
  return (rowCount ?? 0) > 0;
}

/** The link behind a token for this site, or why it does not open the page. */
export async function openAccessLink(
  pool: pg.Pool,
  options: { siteId: string; token: string; now: Date },
): Promise<SiteAccessLink | { problem: 'unknown' | 'expired' | 'revoked' }> {
  const links = await pool.query<{
    token_hash: string;
    site_id: string;
    label: string;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>('SELECT * FROM site_access_link WHERE token_hash = $1 AND site_id = $2', [
    hashToken(options.token),
    options.siteId,
  ]);
  const row = links.rows[0];
  if (!row) return { problem: 'unknown' };
  if (row.revoked_at) return { problem: 'revoked' };
  if (row.expires_at.getTime() <= options.now.getTime()) return { problem: 'expired' };
  return {
    tokenHash: row.token_hash,
    siteId: row.site_id,
    label: row.label,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: null,
  };
}

/** What a saved check keeps: only what the credentials said, never the credentials themselves. */
export type SavedWorkerResult = {
  name: string | null;
  role: string | null;
  verdict: string;
  reasons: { nb: string; nn: string; en: string }[];
  achievements: { name: string | null; validUntil: string | null; outcome: string }[];
};
export type SavedSiteCheck = {
  id: string;
  siteId: string;
  checkedAt: Date;
  checker: string;
  checkedByAdviserId: string | null;
  results: SavedWorkerResult[];
  expiresAt: Date;
};

export function toSavedResults(result: SiteCheckResult): SavedWorkerResult[] {
  return result.workers.map((worker) => ({
    name: worker.name,
    role: worker.role,
    verdict: worker.verdict,
    reasons: worker.reasons,
    achievements: worker.credentials.map((credential) => ({
      name: credential.achievementName,
      validUntil: credential.validUntil,
      outcome: credential.outcome,
    })),
  }));
}

export async function saveSiteCheck(
  pool: pg.Pool,
  options: {
    siteId: string;
    checker: string;
    adviserId: string | null;
    results: SavedWorkerResult[];
    now: Date;
    retentionDays: number;
  },
): Promise<SavedSiteCheck> {
  await purgeExpiredSiteChecks(pool, { now: options.now });
  // 0 = kept until deleted, as VEILEDER_RETENTION_DAYS means for conversations.
  const expiresAt =
    options.retentionDays > 0
      ? new Date(options.now.getTime() + options.retentionDays * 86_400_000)
      : new Date('9999-12-31T00:00:00.000Z');
  const { rows } = await pool.query<{ id: string }>(
    'INSERT INTO site_check (site_id, checked_at, checker, checked_by_adviser_id, results, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
    [options.siteId, options.now, options.checker, options.adviserId, JSON.stringify(options.results), expiresAt],
  );
  return {
    id: rows[0]!.id,
    siteId: options.siteId,
    checkedAt: options.now,
    checker: options.checker,
    checkedByAdviserId: options.adviserId,
    results: options.results,
    expiresAt,
  };
}

export async function listSiteChecks(pool: pg.Pool, options: { siteId: string; now: Date }): Promise<SavedSiteCheck[]> {
  await purgeExpiredSiteChecks(pool, { now: options.now });
  const { rows } = await pool.query<{
    id: string;
    site_id: string;
    checked_at: Date;
    checker: string;
    checked_by_adviser_id: string | null;
    results: SavedWorkerResult[];
    expires_at: Date;
  }>('SELECT * FROM site_check WHERE site_id = $1 ORDER BY checked_at DESC LIMIT 200', [options.siteId]);
  return rows.map((row) => ({
    id: row.id,
    siteId: row.site_id,
    checkedAt: row.checked_at,
    checker: row.checker,
    checkedByAdviserId: row.checked_by_adviser_id,
    results: row.results,
    expiresAt: row.expires_at,
  }));
}

/** Saved checks past their retention go; run on every save and listing, so none outlives it for long. */
export async function purgeExpiredSiteChecks(pool: pg.Pool, options: { now: Date }): Promise<number> {
  const { rowCount } = await pool.query('DELETE FROM site_check WHERE expires_at <= $1', [options.now]);
  return rowCount ?? 0;
}
