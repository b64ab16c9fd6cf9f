import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * A signing key generated once and kept in push_state (the database's table of named values), for when no
 * secret is configured: the first process to ask makes it, and every process on the database then signs and
 * checks alike. Returns the key as base64url text (32 random bytes).
 */
export async function generatedKey(pool: pg.Pool, name: string): Promise<string> {
  await pool.query('INSERT INTO push_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const { rows } = await pool.query<{ value: string }>('SELECT value FROM push_state WHERE name = $1', [name]);
  return rows[0]!.value;
}
