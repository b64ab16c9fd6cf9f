import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { AdviserRole } from './adviser-store.js';

/**
 * Advisers' sign-in sessions. The browser holds a random token; the table holds only its SHA-256, so a copy
 * of the database does not let anyone sign in. A session ends at `expires_at` or after `idle` without use.
 */

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type SessionAdviser = {
  id: string;
  email: string;
  name: string | null;
  role: AdviserRole;
  locale: string | null;
};

export type LoadedSession = { adviser: SessionAdviser; lastSeenAt: Date; expiresAt: Date };

export function createAdviserSessionStore(options: { pool: pg.Pool }) {
  const { pool } = options;
  return {
    async create(session: {
      token: string;
      adviserId: string;
      now: Date;
      expiresAt: Date;
      method: 'password' | 'oidc';
    }): Promise<void> {
      await pool.query(
        'INSERT INTO adviser_session (token_hash, adviser_id, created_at, last_seen_at, expires_at, method) VALUES ($1, $2, $3, $3, $4, $5)',
        [hashToken(session.token), session.adviserId, session.now, session.expiresAt, session.method],
      );
    },

    /** The session's adviser when the session is alive at `now` (neither expired nor idle too long, account not switched off). */
    async load(options: { token: string; now: Date; idleMs: number }): Promise<LoadedSession | null> {
      const { rows } = await pool.query(
        `SELECT s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt", a.id, a.email, a.name, a.role, a.locale, a.disabled_at AS "disabledAt"
           FROM adviser_session s JOIN adviser a ON a.id = s.adviser_id WHERE s.token_hash = $1`,
        [hashToken(options.token)],
      );
      const row = rows[0] as
        | (SessionAdviser & { lastSeenAt: Date; expiresAt: Date; disabledAt: Date | null })
        | undefined;
      if (!row) return null;
      const now = options.now.getTime();
      if (row.disabledAt || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + options.idleMs <= now) {
        await this.remove(options.token);
        return null;
      }
      return {
        adviser: { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale },
        lastSeenAt: row.lastSeenAt,
        expiresAt: row.expiresAt,
      };
    },

    async touch(options: { token: string; now: Date }): Promise<void> {
      await pool.query('UPDATE adviser_session SET last_seen_at = $2 WHERE token_hash = $1', [
        hashToken(options.token),
        options.now,
      ]);
    },

    async remove(token: string): Promise<void> {
      await pool.query('DELETE FROM adviser_session WHERE token_hash = $1', [hashToken(token)]);
    },

    /** Ends the adviser's other sessions, keeping the one whose token is given (after changing their own password). */
    async removeOthers(options: { adviserId: string; keepToken: string }): Promise<void> {
      await pool.query('DELETE FROM adviser_session WHERE adviser_id = $1 AND token_hash <> $2', [
        options.adviserId,
        hashToken(options.keepToken),
      ]);
    },

    /** Ends every session of an adviser (password reset, account switched off). */
    async removeAllFor(adviserId: string): Promise<void> {
      await pool.query('DELETE FROM adviser_session WHERE adviser_id = $1', [adviserId]);
    },

    async purgeExpired(now: Date): Promise<number> {
      const { rowCount } = await pool.query('DELETE FROM adviser_session WHERE expires_at <= $1', [now]);
      await pool.query('DELETE FROM adviser_oidc_attempt WHERE expires_at <= $1', [now]);
      return rowCount ?? 0;
    },
  };
}

export type AdviserSessionStore = ReturnType<typeof createAdviserSessionStore>;
