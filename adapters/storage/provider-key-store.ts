import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { CreatedProviderKey, ProviderKeyListing } from '../../src/catalogue/provider-page.js';
import type { ProviderApiKeyRow, ProviderRow } from './rows.generated.js';

/**
 * Per-provider API keys for reporting completions. The key is shown once, at creation; only its SHA-256 is
 * stored. The key is 256 random bits, so a fast hash is enough (a slow one protects guessable passwords).
 * Keys look like `vlk_<key id>_<secret>` so logs and support can name a key without knowing it.
 */

const hashProviderKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export async function createProviderKey(
  pool: pg.Pool,
  options: { providerId: string; label?: string | undefined },
): Promise<CreatedProviderKey> {
  const id = randomUUID().replaceAll('-', '').slice(0, 12);
  const key = `vlk_${id}_${randomBytes(32).toString('base64url')}`;
  await pool.query('INSERT INTO provider_api_key (id, provider_id, key_hash, label) VALUES ($1, $2, $3, $4)', [
    id,
    options.providerId,
    hashProviderKey(key),
    options.label ?? null,
  ]);
  return { id, providerId: options.providerId, key };
}

/** True when `key` is a live key of this provider; notes when it was last used. */
export async function authenticateProviderKey(
  pool: pg.Pool,
  options: { providerId: string; key: string; now?: Date },
): Promise<boolean> {
  const hash = hashProviderKey(options.key);
  const { rows } = await pool.query<Pick<ProviderApiKeyRow, 'id' | 'key_hash' | 'provider_id'>>(
    'SELECT id, key_hash, provider_id FROM provider_api_key WHERE key_hash = $1 AND revoked_at IS NULL',
    [hash],
  );
  const row = rows[0];
  if (!row || row.provider_id !== options.providerId) return false;
  if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return false;
  await pool.query('UPDATE provider_api_key SET last_used_at = $2 WHERE id = $1', [row.id, options.now ?? new Date()]);
  return true;
}

export async function revokeProviderKey(pool: pg.Pool, options: { id: string; now?: Date }): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE provider_api_key SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL',
    [options.id, options.now ?? new Date()],
  );
  return (rowCount ?? 0) > 0;
}

/** The provider by id or by exact (case-insensitive) name, for the CLI. */
export async function findProvider(pool: pg.Pool, idOrName: string): Promise<{ id: string; name: string } | null> {
  const { rows } = await pool.query<Pick<ProviderRow, 'id' | 'name'>>(
    'SELECT id, name FROM provider WHERE id = $1 OR normalized_name = lower($1) OR lower(name) = lower($1) LIMIT 1',
    [idOrName],
  );
  return rows[0] ?? null;
}

/** A provider's keys, live ones first; never the key itself (only its hash is stored). */
export async function listProviderKeys(pool: pg.Pool, providerId: string): Promise<ProviderKeyListing[]> {
  const { rows } = await pool.query<ProviderKeyListing>(
    `SELECT id, label, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM provider_api_key WHERE provider_id = $1 ORDER BY revoked_at IS NOT NULL, created_at DESC`,
    [providerId],
  );
  return rows;
}
