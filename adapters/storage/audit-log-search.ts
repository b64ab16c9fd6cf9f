import type pg from 'pg';
import type { AuditFilterChoices, AuditLog, AuditSearch, AuditSearchRow } from '../../src/audit/audit-log.js';
import type { AdviserRow, AuditLogRow } from './rows.generated.js';

/** The audit log for the admins' page: filtered by actor, action and period, newest first, a page at a time. */

async function searchAudit(pool: pg.Pool, search: AuditSearch): Promise<{ rows: AuditSearchRow[]; total: number }> {
  const where = `($1::text IS NULL OR a.actor_id = $1 OR ($1 = 'system' AND a.actor_id IS NULL))
                 AND ($2::text IS NULL OR a.action = $2) AND ($3::timestamp IS NULL OR a.at >= $3) AND ($4::timestamp IS NULL OR a.at < $4)
                 AND ($5::text IS NULL OR a.subject_id = $5)`;
  const values = [
    search.actorId ?? null,
    search.action ?? null,
    search.from ?? null,
    search.to ?? null,
    search.subjectId ?? null,
  ];
  const total = await pool.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM audit_log a WHERE ${where}`,
    values,
  );
  const { rows } = await pool.query<AuditSearchRow>(
    `SELECT a.id, a.at, a.actor_id AS "actorId", v.email AS "actorEmail", a.action, a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.detail
       FROM audit_log a LEFT JOIN adviser v ON v.id = a.actor_id
      WHERE ${where} ORDER BY a.at DESC, a.id LIMIT $6 OFFSET $7`,
    [...values, search.limit, search.offset],
  );
  return { rows, total: total.rows[0]!.count };
}

async function auditFilterChoices(pool: pg.Pool): Promise<AuditFilterChoices> {
  const actions = await pool.query<Pick<AuditLogRow, 'action'>>(
    'SELECT DISTINCT action FROM audit_log ORDER BY action',
  );
  const actors = await pool.query<Pick<AdviserRow, 'id' | 'email'>>(
    'SELECT id, email FROM adviser WHERE id IN (SELECT DISTINCT actor_id FROM audit_log WHERE actor_id IS NOT NULL) ORDER BY email',
  );
  return { actions: actions.rows.map((row) => row.action), actors: actors.rows };
}

/** The audit-log port (src/audit/audit-log.ts) over PostgreSQL. */
export function createAuditLog(options: { pool: pg.Pool }): AuditLog {
  return {
    search: (search) => searchAudit(options.pool, search),
    filterChoices: () => auditFilterChoices(options.pool),
  };
}
