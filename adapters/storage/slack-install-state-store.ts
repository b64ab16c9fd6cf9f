import { createHash, randomBytes } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/oauth';
import type pg from 'pg';

/**
 * Bolt's StateStore in PostgreSQL (table `slack_install_state`). Bolt's own ClearStateStore signs the install
 * options into the state and accepts it again and again for ten minutes; here the state is 32 random bytes,
 * only its SHA-256 is kept, it is taken (deleted) by its first use, and any server process can check it.
 * Bolt also binds it to the browser that began the install (its state cookie).
 *
 * `origin()` names the organisation (and adviser) an install begun on an organisation's page is for; the
 * state keeps them and hands them back in the install options' metadata, which Bolt passes on to
 * storeInstallation (slack-installation-store.ts).
 */
const installStateSeconds = 10 * 60;

export type InstallOrigin = { organisationId: string; adviserId: string | null };

const hash = (state: string) => createHash('sha256').update(state).digest('base64url');

export function createSlackInstallStateStore(options: {
  pool: pg.Pool;
  origin: () => InstallOrigin | undefined;
}): StateStore {
  const { pool } = options;
  return {
    async generateStateParam(installOptions, now) {
      const state = randomBytes(32).toString('base64url');
      const origin = options.origin();
      const stored: InstallURLOptions = { ...installOptions, ...(origin ? { metadata: JSON.stringify(origin) } : {}) };
      await pool.query('DELETE FROM slack_install_state WHERE expires_at <= $1', [now]);
      await pool.query(
        'INSERT INTO slack_install_state (state_hash, install_options, organisation_id, adviser_id, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [
          hash(state),
          JSON.stringify(stored),
          origin?.organisationId ?? null,
          origin?.adviserId ?? null,
          new Date(now.getTime() + installStateSeconds * 1000),
        ],
      );
      return state;
    },

    async verifyStateParam(now, state) {
      const { rows } = await pool.query<{ install_options: InstallURLOptions }>(
        'DELETE FROM slack_install_state WHERE state_hash = $1 AND expires_at > $2 RETURNING install_options',
        [hash(state), now],
      );
      // Bolt answers any error here with its failure page; the name says why in the log.
      if (!rows[0])
        throw Object.assign(new Error('The install state is unknown, already used or expired'), {
          code: 'slack_oauth_invalid_state',
        });
      return rows[0].install_options;
    },
  };
}
