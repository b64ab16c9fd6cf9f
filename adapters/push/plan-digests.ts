import type pg from 'pg';
import { nextAllowedTime, periodKey, type Rhythm } from '../../src/push/delivery-window.js';

/**
 * Planning: each learner with waiting matches and no digest on its way gets one digest row for the period
 * it will go out in — due when the first waiting match has gathered company for `gatherMinutes`, moved out of
 * the learner's quiet hours. The period is taken from that due moment, and the row's key (learner, period)
 * is unique, so a learner never gets more than one digest per week or month however many processes plan
 * at once; matches arriving after the period's digest went out wait for the next period.
 */

export async function planDigests(options: {
  pool: pg.Pool;
  gatherMinutes: number;
  now?: Date;
}): Promise<{ planned: number }> {
  const now = options.now ?? new Date();
  const { rows } = await options.pool.query<{
    learner_id: string;
    rhythm: Exclude<Rhythm, 'off'>;
    quiet_start_hour: number;
    quiet_end_hour: number;
    time_zone: string;
    first_match: Date;
  }>(
    `SELECT pp.learner_id, pp.rhythm, pp.quiet_start_hour, pp.quiet_end_hour, pp.time_zone, min(m.matched_at) AS first_match
       FROM push_preference pp JOIN push_match m ON m.learner_id = pp.learner_id AND m.message_id IS NULL
      WHERE pp.unsubscribed_at IS NULL AND pp.rhythm <> 'off'
        AND NOT EXISTS (SELECT 1 FROM push_message d WHERE d.learner_id = pp.learner_id AND d.kind = 'digest' AND d.state IN ('pending', 'sending'))
      GROUP BY pp.learner_id, pp.rhythm, pp.quiet_start_hour, pp.quiet_end_hour, pp.time_zone
      LIMIT 1000`,
  );
  let planned = 0;
  for (const row of rows) {
    const gathered = new Date(Math.max(now.getTime(), row.first_match.getTime() + options.gatherMinutes * 60_000));
    const quiet = { startHour: row.quiet_start_hour, endHour: row.quiet_end_hour, timeZone: row.time_zone };
    const due = nextAllowedTime(gathered, quiet);
    const period = periodKey({ rhythm: row.rhythm, moment: due, timeZone: row.time_zone });
    const inserted = await options.pool.query(
      `INSERT INTO push_message (learner_id, kind, dedupe_key, period, not_before) VALUES ($1, 'digest', $2, $3, $4) ON CONFLICT DO NOTHING`,
      [row.learner_id, `digest:${row.learner_id}:${period}`, period, due],
    );
    planned += inserted.rowCount ?? 0;
  }
  return { planned };
}

/** Rows ready to deliver now: pending and due, or claimed by a process whose lease ran out (it crashed). */
export async function dueMessageIds(options: { pool: pg.Pool; now?: Date; limit?: number }): Promise<string[]> {
  const now = options.now ?? new Date();
  const { rows } = await options.pool.query<{ id: string }>(
    `SELECT id FROM push_message WHERE (state = 'pending' AND not_before <= $1) OR (state = 'sending' AND lease_until < $1) ORDER BY not_before LIMIT $2`,
    [now, options.limit ?? 200],
  );
  return rows.map((row) => row.id);
}
