import type pg from 'pg';
import type { CredentialStore, IssuedCredentialRecord } from '../../src/credentials/credential-store.js';
import type { AchievementType } from '../../src/credentials/open-badge.js';
import type { SigningKeyStore, StoredSigningKey } from '../../src/credentials/signing-keys.js';
import { minimumStatusListBits } from '../../src/credentials/status-list.js';
import type { CredentialRow, CredentialSigningKeyRow, CredentialStatusListRow } from './rows.generated.js';
import { inTransaction } from './transaction.js';

/**
 * Credentials, status lists and signing keys in PostgreSQL (tables from migration 20261130060000_credentials).
 *
 * Status indexes are handed out through a fixed permutation of the list (index = n × odd constant mod 2^17)
 * rather than in issue order, so neighbouring bits do not belong to credentials issued one after the other
 * (Bitstring Status List §privacy: herd privacy). It is a mild obfuscation, not a secret.
 */
const listSize = minimumStatusListBits; // 2^17: a power of two, so any odd multiplier is a bijection
const permutationMultiplier = (0x9e3779b1 % listSize) | 1;

export function createCredentialStore(options: { pool: pg.Pool }): CredentialStore {
  const { pool } = options;
  return {
    async subjectIdForLearner(learnerId) {
      const { rows } = await pool.query<Pick<CredentialRow, 'subject_id'>>(
        'SELECT subject_id FROM credential WHERE learner_id = $1 ORDER BY issued_at LIMIT 1',
        [learnerId],
      );
      return rows[0]?.subject_id ?? null;
    },
    async reserveStatusIndex() {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { rows } = await pool.query<{ id: string; taken: number }>(
          `UPDATE credential_status_list SET next_index = next_index + 1
             WHERE id = (SELECT id FROM credential_status_list WHERE next_index < size_bits ORDER BY updated_at, id LIMIT 1 FOR UPDATE)
           RETURNING id, next_index - 1 AS taken`,
        );
        const row = rows[0];
        if (row)
          return {
            listId: row.id,
            index: Number((BigInt(row.taken) * BigInt(permutationMultiplier)) % BigInt(listSize)),
          };
        const { rows: counted } = await pool.query<{ count: number }>(
          'SELECT count(*)::int AS count FROM credential_status_list',
        );
        await pool.query(
          'INSERT INTO credential_status_list (id, purpose, size_bits) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
          [`revocation-${(counted[0]?.count ?? 0) + 1}`, 'revocation', listSize],
        );
      }
      throw new Error('could not reserve a status list index');
    },
    async saveIssued(record) {
      await pool.query(
        `INSERT INTO credential (id, learner_id, subject_id, recipient_name, offering_id, achievement_id, achievement_name, achievement_type, source, provider_id,
           issued_by_adviser_id, key_id, status_list_id, status_index, valid_from, valid_until, issued_at, jwt, jwt_sha256)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, encode(sha256(convert_to($18, 'UTF8')), 'hex'))`,
        [
          record.id,
          record.learnerId,
          record.subjectId,
          record.recipientName,
          record.offeringId,
          record.achievementId,
          record.achievementName,
          record.achievementType,
          record.source,
          record.providerId,
          record.issuedByAdviserId,
          record.keyId,
          record.statusListId,
          record.statusIndex,
          record.validFrom,
          record.validUntil,
          record.issuedAt,
          record.jwt,
        ],
      );
    },
    async findById(id) {
      const { rows } = await pool.query<CredentialRow>('SELECT * FROM credential WHERE id = $1', [id]);
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async listForLearner(learnerId) {
      const { rows } = await pool.query<CredentialRow>(
        'SELECT * FROM credential WHERE learner_id = $1 ORDER BY issued_at DESC',
        [learnerId],
      );
      return rows.map(toRecord);
    },
    async attachToLearner({ jwt, learnerId }) {
      const { rows } = await pool.query<CredentialRow>(
        `UPDATE credential SET learner_id = $2 WHERE jwt_sha256 = encode(sha256(convert_to($1, 'UTF8')), 'hex') AND jwt = $1 AND learner_id IS NULL RETURNING *`,
        [jwt, learnerId],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async markRevoked({ id, reason, now }) {
      const { rows } = await pool.query<CredentialRow>(
        `UPDATE credential SET revoked_at = COALESCE(revoked_at, $2), revocation_reason = COALESCE(revocation_reason, $3) WHERE id = $1 RETURNING *`,
        [id, now, reason],
      );
      return rows[0] ? toRecord(rows[0]) : null;
    },
    async statusListBits(listId) {
      const { rows: lists } = await pool.query<Pick<CredentialStatusListRow, 'size_bits'>>(
        'SELECT size_bits FROM credential_status_list WHERE id = $1',
        [listId],
      );
      if (!lists[0]) return null;
      const { rows } = await pool.query<Pick<CredentialRow, 'status_index'>>(
        'SELECT status_index FROM credential WHERE status_list_id = $1 AND revoked_at IS NOT NULL',
        [listId],
      );
      return { sizeBits: lists[0].size_bits, setIndexes: rows.map((row) => row.status_index) };
    },
    async savePublishedStatusList({ listId, jwt, now }) {
      await pool.query('UPDATE credential_status_list SET jwt = $2, updated_at = $3 WHERE id = $1', [listId, jwt, now]);
    },
    async publishedStatusList(listId) {
      const { rows } = await pool.query<Pick<CredentialStatusListRow, 'jwt'>>(
        'SELECT jwt FROM credential_status_list WHERE id = $1',
        [listId],
      );
      return rows[0]?.jwt ?? null;
    },
  };
}

function toRecord(row: CredentialRow): IssuedCredentialRecord {
  return {
    id: row.id,
    learnerId: row.learner_id,
    subjectId: row.subject_id,
    recipientName: row.recipient_name,
    offeringId: row.offering_id,
    achievementId: row.achievement_id,
    achievementName: row.achievement_name,
    achievementType: row.achievement_type as AchievementType,
    source: row.source as IssuedCredentialRecord['source'],
    providerId: row.provider_id,
    issuedByAdviserId: row.issued_by_adviser_id,
    keyId: row.key_id,
    statusListId: row.status_list_id,
    statusIndex: row.status_index,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    issuedAt: row.issued_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    jwt: row.jwt,
  };
}

// public_jwk is jsonb written only by replaceActiveKey below, from a StoredSigningKey.
type KeyRow = Omit<CredentialSigningKeyRow, 'public_jwk'> & { public_jwk: StoredSigningKey['publicJwk'] };

export function createSigningKeyStore(options: { pool: pg.Pool }): SigningKeyStore {
  const { pool } = options;
  const toKey = (row: KeyRow): StoredSigningKey => ({
    id: row.id,
    algorithm: 'ES256',
    publicJwk: row.public_jwk,
    privateKeyEncrypted: row.private_key_encrypted,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  });
  return {
    async activeKey() {
      const { rows } = await pool.query<KeyRow>('SELECT * FROM credential_signing_key WHERE retired_at IS NULL');
      return rows[0] ? toKey(rows[0]) : null;
    },
    async allKeys() {
      const { rows } = await pool.query<KeyRow>('SELECT * FROM credential_signing_key ORDER BY created_at DESC');
      return rows.map(toKey);
    },
    async replaceActiveKey(key, now) {
      await inTransaction(pool, async (client) => {
        await client.query('UPDATE credential_signing_key SET retired_at = $1 WHERE retired_at IS NULL', [now]);
        await client.query(
          'INSERT INTO credential_signing_key (id, algorithm, public_jwk, private_key_encrypted, created_at) VALUES ($1, $2, $3, $4, $5)',
          [key.id, key.algorithm, JSON.stringify(key.publicJwk), key.privateKeyEncrypted, key.createdAt],
        );
      });
    },
  };
}
