import type pg from 'pg';

/** Adviser accounts (table `adviser`): raw SQL, one query per use. Emails are stored lower-case. */

export type AdviserRole = 'adviser' | 'admin' | 'provider';

export type AdviserAccount = {
  id: string;
  email: string;
  name: string | null;
  role: AdviserRole;
  locale: string | null;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  oidcSubject: string | null;
  createdAt: Date;
};

const columns = `id, email, name, role, locale, password_hash AS "passwordHash", failed_logins AS "failedLogins", locked_until AS "lockedUntil",
  disabled_at AS "disabledAt", oidc_subject AS "oidcSubject", created_at AS "createdAt"`;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export function createAdviserStore(options: { pool: pg.Pool }) {
  const { pool } = options;
  const one = async (sql: string, values: unknown[]) =>
    ((await pool.query(sql, values)).rows[0] as AdviserAccount | undefined) ?? null;
  return {
    findByEmail: (email: string) => one(`SELECT ${columns} FROM adviser WHERE email = $1`, [normaliseEmail(email)]),
    findById: (id: string) => one(`SELECT ${columns} FROM adviser WHERE id = $1`, [id]),
    findByOidcSubject: (subject: string) => one(`SELECT ${columns} FROM adviser WHERE oidc_subject = $1`, [subject]),

    async list(): Promise<AdviserAccount[]> {
      return (await pool.query(`SELECT ${columns} FROM adviser ORDER BY role DESC, email`)).rows as AdviserAccount[];
    },

    /** Creates an account; returns null when the email is taken. */
    async create(account: {
      email: string;
      name?: string | null;
      role: AdviserRole;
      passwordHash?: string | null;
      oidcSubject?: string | null;
    }): Promise<AdviserAccount | null> {
      return one(
        `INSERT INTO adviser (email, name, role, password_hash, oidc_subject) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING ${columns}`,
        [
          normaliseEmail(account.email),
          account.name ?? null,
          account.role,
          account.passwordHash ?? null,
          account.oidcSubject ?? null,
        ],
      );
    },

    /**
     * One more wrong password, decided in one UPDATE: the row lock serialises parallel attempts, and an
     * account locked meanwhile is left alone (`already_locked`). The attempt that reaches `max` locks it until
     * `lockUntil` (`locked_now`, exactly once per lock) and the count starts again.
     */
    async recordFailure(options: {
      id: string;
      max: number;
      now: Date;
      lockUntil: Date;
    }): Promise<{ outcome: 'counted' | 'locked_now' | 'already_locked' }> {
      const { rows } = await pool.query<{ lockedUntil: Date | null }>(
        `UPDATE adviser SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
                            locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $4::timestamp(3) ELSE NULL END
          WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $3) RETURNING locked_until AS "lockedUntil"`,
        [options.id, options.max, options.now, options.lockUntil],
      );
      if (!rows[0]) return { outcome: 'already_locked' };
      return { outcome: rows[0].lockedUntil ? 'locked_now' : 'counted' };
    },

    /** The right password: let in (and the count cleared) only if the account is not locked at `now`, in the same UPDATE. */
    async recordSuccess(options: { id: string; now: Date }): Promise<{ allowed: boolean }> {
      const { rowCount } = await pool.query(
        'UPDATE adviser SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2)',
        [options.id, options.now],
      );
      return { allowed: rowCount === 1 };
    },

    /** An admin lifts a lock (and clears the count) whatever its state. */
    async unlock(id: string): Promise<void> {
      await pool.query('UPDATE adviser SET failed_logins = 0, locked_until = NULL WHERE id = $1', [id]);
    },

    async setPassword(options: { id: string; passwordHash: string }): Promise<void> {
      await pool.query('UPDATE adviser SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [
        options.id,
        options.passwordHash,
      ]);
    },

    /** An admin switches the account off (it cannot sign in, its sessions end) or on again. */
    async setDisabled(options: { id: string; disabledAt: Date | null }): Promise<void> {
      await pool.query('UPDATE adviser SET disabled_at = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [
        options.id,
        options.disabledAt,
      ]);
      if (options.disabledAt) await pool.query('DELETE FROM adviser_session WHERE adviser_id = $1', [options.id]);
    },

    /** Removes the account: its sessions go with it; its reviews and audit entries stay, no longer naming it. */
    async remove(id: string): Promise<void> {
      await pool.query('DELETE FROM adviser WHERE id = $1', [id]);
    },

    async update(options: {
      id: string;
      role?: AdviserRole;
      name?: string | null;
      locale?: string | null;
      oidcSubject?: string;
    }): Promise<void> {
      await pool.query(
        `UPDATE adviser SET role = COALESCE($2, role), name = CASE WHEN $3::boolean THEN $4 ELSE name END,
                            locale = CASE WHEN $5::boolean THEN $6 ELSE locale END, oidc_subject = COALESCE($7, oidc_subject)
          WHERE id = $1`,
        [
          options.id,
          options.role ?? null,
          options.name !== undefined,
          options.name ?? null,
          options.locale !== undefined,
          options.locale ?? null,
          options.oidcSubject ?? null,
        ],
      );
    },
  };
}

export type AdviserStore = ReturnType<typeof createAdviserStore>;
