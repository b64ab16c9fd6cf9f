import type pg from 'pg';

/**
 * OpenID Connect sign-ins between the redirect and the callback (table `adviser_oidc_attempt`): the state,
 * nonce and code verifier, keyed by the hash of the attempt's cookie. An attempt is taken (deleted) by the
 * callback, whether or not it has expired, so it can be used once.
 */
export type OidcAttempt = {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
  expiresAt: Date;
};

export function createOidcAttemptStore(options: { pool: pg.Pool }) {
  const { pool } = options;
  return {
    async save(attemptHash: string, attempt: OidcAttempt & { returnTo: string }): Promise<void> {
      await pool.query(
        'INSERT INTO adviser_oidc_attempt (attempt_hash, state, nonce, code_verifier, return_to, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [attemptHash, attempt.state, attempt.nonce, attempt.codeVerifier, attempt.returnTo, attempt.expiresAt],
      );
    },
    async take(attemptHash: string): Promise<OidcAttempt | null> {
      const { rows } = await pool.query<{
        state: string;
        nonce: string;
        code_verifier: string;
        return_to: string | null;
        expires_at: Date;
      }>(
        'DELETE FROM adviser_oidc_attempt WHERE attempt_hash = $1 RETURNING state, nonce, code_verifier, return_to, expires_at',
        [attemptHash],
      );
      const row = rows[0];
      return row
        ? {
            state: row.state,
            nonce: row.nonce,
            codeVerifier: row.code_verifier,
            returnTo: row.return_to,
            expiresAt: row.expires_at,
          }
        : null;
    },
  };
}

export type OidcAttemptStore = ReturnType<typeof createOidcAttemptStore>;
