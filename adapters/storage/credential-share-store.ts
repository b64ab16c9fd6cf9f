import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { CredentialShares } from '../../src/credentials/credential-shares.js';

/**
 * Share links for one credential: a random token in the URL, only its SHA-256 stored, an expiry the learner
 * chose, and revocable. Whoever has the link sees the credential (and so the name in it) until then.
 */
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type CredentialShare = {
  tokenHash: string;
  credentialId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
};

export async function createCredentialShare(
  pool: pg.Pool,
  options: { credentialId: string; expiresAt: Date; now: Date },
): Promise<{ token: string; share: CredentialShare }> {
  const token = randomBytes(24).toString('base64url');
  const tokenHash = hashToken(token);
  await pool.query(
    'INSERT INTO credential_share (token_hash, credential_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
    [tokenHash, options.credentialId, options.now, options.expiresAt],
  );
  return {
    token,
    share: {
      tokenHash,
      credentialId: options.credentialId,
      createdAt: options.now,
      expiresAt: options.expiresAt,
      revokedAt: null,
    },
  };
}

/** The signed credential behind a live share link, or why there is none. */
export async function openCredentialShare(
  pool: pg.Pool,
  options: { token: string; now: Date },
): Promise<{ jwt: string; credentialId: string } | { problem: 'unknown' | 'expired' | 'revoked' }> {
  const { rows } = await pool.query<{
    credential_id: string;
    expires_at: Date;
    revoked_at: Date | null;
    jwt: string | null;
  }>(
    'SELECT share.credential_id, share.expires_at, share.revoked_at, credential.jwt FROM credential_share share JOIN credential ON credential.id = share.credential_id WHERE share.token_hash = $1',
    [hashToken(options.token)],
  );
  const row = rows[0];
  if (!row || row.jwt === null) return { problem: 'unknown' };
  if (row.revoked_at) return { problem: 'revoked' };
  if (row.expires_at.getTime() <= options.now.getTime()) return { problem: 'expired' };
  return { jwt: row.jwt, credentialId: row.credential_id };
}

export async function listCredentialShares(pool: pg.Pool, credentialIds: string[]): Promise<CredentialShare[]> {
  if (credentialIds.length === 0) return [];
  const { rows } = await pool.query<{
    token_hash: string;
    credential_id: string;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
  }>('SELECT * FROM credential_share WHERE credential_id = ANY($1::text[]) ORDER BY created_at DESC', [credentialIds]);
  return rows.map((row) => ({
    tokenHash: row.token_hash,
    credentialId: row.credential_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }));
}

/** Revokes a share of one of `credentialIds` (the learner's own), by its token hash. */
export async function revokeCredentialShare(
  pool: pg.Pool,
  options: { tokenHash: string; credentialIds: string[]; now: Date },
): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE credential_share SET revoked_at = $3 WHERE token_hash = $1 AND credential_id = ANY($2::text[]) AND revoked_at IS NULL',
    [options.tokenHash, options.credentialIds, options.now],
  );
  return (rowCount ?? 0) > 0;
}

/** The share-link port (src/credentials/credential-shares.ts) over PostgreSQL. */
export function createCredentialShares(options: { pool: pg.Pool }): CredentialShares {
  return {
    create: (input) => createCredentialShare(options.pool, input),
    revoke: (input) => revokeCredentialShare(options.pool, input),
    open: (input) => openCredentialShare(options.pool, input),
  };
}
