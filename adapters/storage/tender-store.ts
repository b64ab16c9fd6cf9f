import type pg from 'pg';
import type { TenderFilter } from '../../src/tender/tender-presentation.js';
import type { CredentialRow, TenderBundleRow } from './rows.generated.js';

/**
 * What a tender bundle is made of: the organisation's members who are linked to a learner, and the signed
 * credentials Veileder issued them (not revoked, copy still held), optionally only for one role; and the
 * saved bundles (tender_bundle, migration 20261130070000_site_check).
 */

export type MemberCredential = {
  memberId: string;
  memberName: string;
  roleId: string | null;
  roleTitle: string | null;
  credentialId: string;
  jwt: string;
};

export async function listMemberCredentials(
  pool: pg.Pool,
  options: { organisationId: string; roleId?: string | undefined },
): Promise<MemberCredential[]> {
  const { rows } = await pool.query<{
    member_id: string;
    member_name: string;
    role_id: string | null;
    role_title: string | null;
    credential_id: string;
    jwt: string;
  }>(
    `SELECT member.id AS member_id, member.name AS member_name, member.role_id, role.title AS role_title, credential.id AS credential_id, credential.jwt
       FROM organisation_member member
       JOIN credential ON credential.learner_id = member.learner_id
       LEFT JOIN organisation_role role ON role.id = member.role_id
      WHERE member.organisation_id = $1 AND member.learner_id IS NOT NULL AND credential.jwt IS NOT NULL AND credential.revoked_at IS NULL
        AND ($2::text IS NULL OR member.role_id = $2)
      ORDER BY member.name, credential.achievement_name, credential.issued_at`,
    [options.organisationId, options.roleId ?? null],
  );
  return rows.map((row) => ({
    memberId: row.member_id,
    memberName: row.member_name,
    roleId: row.role_id,
    roleTitle: row.role_title,
    credentialId: row.credential_id,
    jwt: row.jwt,
  }));
}

export type TenderBundleItem = { credentialId: string; memberId: string; shareToken: string };
export type TenderBundle = {
  id: string;
  organisationId: string;
  title: string;
  filter: TenderFilter;
  items: TenderBundleItem[];
  createdAt: Date;
  expiresAt: Date;
};

// filter and items are jsonb written only by saveTenderBundle, from these types.
type BundleRow = TenderBundleRow & { filter: TenderFilter; items: TenderBundleItem[] };
const toBundle = (row: BundleRow): TenderBundle => ({
  id: row.id,
  organisationId: row.organisation_id,
  title: row.title,
  filter: row.filter,
  items: row.items,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

export async function saveTenderBundle(
  pool: pg.Pool,
  options: {
    organisationId: string;
    title: string;
    filter: TenderFilter;
    items: TenderBundleItem[];
    adviserId: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<TenderBundle> {
  await purgeExpiredTenderBundles(pool, { now: options.now });
  const { rows } = await pool.query<BundleRow>(
    'INSERT INTO tender_bundle (organisation_id, title, filter, items, created_by_adviser_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
    [
      options.organisationId,
      options.title,
      JSON.stringify(options.filter),
      JSON.stringify(options.items),
      options.adviserId,
      options.now,
      options.expiresAt,
    ],
  );
  return toBundle(rows[0]!);
}

export async function getTenderBundle(
  pool: pg.Pool,
  options: { bundleId: string; now: Date },
): Promise<TenderBundle | null> {
  const { rows } = await pool.query<BundleRow>('SELECT * FROM tender_bundle WHERE id = $1 AND expires_at > $2', [
    options.bundleId,
    options.now,
  ]);
  return rows[0] ? toBundle(rows[0]) : null;
}

export async function listTenderBundles(
  pool: pg.Pool,
  options: { organisationId: string; now: Date },
): Promise<TenderBundle[]> {
  await purgeExpiredTenderBundles(pool, { now: options.now });
  const { rows } = await pool.query<BundleRow>(
    'SELECT * FROM tender_bundle WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 100',
    [options.organisationId],
  );
  return rows.map(toBundle);
}

async function purgeExpiredTenderBundles(pool: pg.Pool, options: { now: Date }): Promise<number> {
  const { rowCount } = await pool.query('DELETE FROM tender_bundle WHERE expires_at <= $1', [options.now]);
  return rowCount ?? 0;
}

/** The current state of a bundle's members and credentials (a forgotten learner's credential has no jwt any more). */
export async function readBundleRows(
  pool: pg.Pool,
  bundle: TenderBundle,
): Promise<Map<string, { jwt: string | null; memberName: string | null; roleTitle: string | null }>> {
  const credentialIds = bundle.items.map((item) => item.credentialId);
  const memberIds = bundle.items.map((item) => item.memberId);
  const credentials = await pool.query<Pick<CredentialRow, 'id' | 'jwt'>>(
    'SELECT id, jwt FROM credential WHERE id = ANY($1::text[])',
    [credentialIds],
  );
  const members = await pool.query<{ id: string; name: string; role_title: string | null }>(
    'SELECT member.id, member.name, role.title AS role_title FROM organisation_member member LEFT JOIN organisation_role role ON role.id = member.role_id WHERE member.id = ANY($1::text[])',
    [memberIds],
  );
  const jwtById = new Map(credentials.rows.map((row) => [row.id, row.jwt]));
  const memberById = new Map(members.rows.map((row) => [row.id, row]));
  return new Map(
    bundle.items.map((item) => {
      const member = memberById.get(item.memberId);
      return [
        item.credentialId,
        {
          jwt: jwtById.get(item.credentialId) ?? null,
          memberName: member?.name ?? null,
          roleTitle: member?.role_title ?? null,
        },
      ];
    }),
  );
}
