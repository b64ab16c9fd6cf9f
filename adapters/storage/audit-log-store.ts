import type pg from 'pg';

/**
 * The audit log: every adviser or admin action that reads personal data or changes anything leaves one row
 * (who, what, on which subject, details). Rows outlive the adviser (actor SET NULL on delete). Takes a pool
 * or a client already in a transaction, so an action and its audit row can commit together.
 */

export type AuditEntry = {
  /** The adviser who acted; null for the system or an unknown visitor (e.g. a failed sign-in). */
  actorId: string | null;
  /** Dotted verb, stable for filtering: `adviser.signed_in`, `review.approved`, `learner.deleted`, … */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  /** Non-secret facts about the action (never a password or token). */
  detail?: Record<string, unknown>;
  /** When; default the database's clock. */
  at?: Date;
};

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export async function recordAudit(pool: Queryable, entry: AuditEntry): Promise<void> {
  await pool.query(
    'INSERT INTO audit_log (actor_id, action, subject_type, subject_id, detail, at) VALUES ($1, $2, $3, $4, $5, COALESCE($6, CURRENT_TIMESTAMP))',
    [
      entry.actorId,
      entry.action,
      entry.subjectType ?? null,
      entry.subjectId ?? null,
      JSON.stringify(entry.detail ?? {}),
      entry.at ?? null,
    ],
  );
}

export type AuditRow = {
  id: string;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
  at: Date;
};

/** The newest entries first, optionally one action or one subject's. */
export async function listAudit(
  pool: Queryable,
  options: { limit?: number; offset?: number; action?: string; subjectId?: string } = {},
): Promise<AuditRow[]> {
  const { rows } = await pool.query(
    `SELECT a.id, a.actor_id AS "actorId", v.email AS "actorEmail", a.action, a.subject_type AS "subjectType", a.subject_id AS "subjectId", a.detail, a.at
       FROM audit_log a LEFT JOIN adviser v ON v.id = a.actor_id
      WHERE ($1::text IS NULL OR a.action = $1) AND ($2::text IS NULL OR a.subject_id = $2)
      ORDER BY a.at DESC, a.id LIMIT $3 OFFSET $4`,
    [options.action ?? null, options.subjectId ?? null, options.limit ?? 50, options.offset ?? 0],
  );
  return rows as AuditRow[];
}
