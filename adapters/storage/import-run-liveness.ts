import { hostname } from 'node:os';
import type pg from 'pg';

/**
 * Whether a running import run still has a process doing it. A killed import (kill -9, a crashed container)
 * cannot finish its run, which stayed "running" with counts 0 for ever. On the run's own host the answer is
 * exact: is its pid alive? From another host only the heartbeat tells, so a run whose heartbeat is older
 * than `staleAfterSeconds` counts as gone there.
 */

/** How often a running import touches its heartbeat. */
export const heartbeatSeconds = 30;
/** A run from another host with no heartbeat for this long is judged gone: six missed beats. */
const staleAfterSeconds = 180;

export function thisProcess(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 sends nothing: it only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Marks every running run whose process is gone failed, saying why; returns their ids. */
export async function failAbandonedImportRuns(
  pool: pg.Pool,
  options: { staleAfterSeconds?: number } = {},
): Promise<string[]> {
  const { host } = thisProcess();
  const { rows } = await pool.query<{ id: string; host: string | null; pid: number | null; quiet_seconds: number }>(
    `SELECT id, host, pid, extract(epoch FROM now() - coalesce(heartbeat_at, started_at))::float8 AS quiet_seconds FROM import_run WHERE status = 'running'`,
  );
  const gone = rows.flatMap((run) => {
    if (run.host === host && run.pid !== null && !isAlive(run.pid))
      return [{ id: run.id, failure: `the importing process ${run.pid} on ${host} is gone (killed or crashed)` }];
    // Also on this host: a live pid with no heartbeat is another process that took the dead one's number.
    const quiet = Math.round(run.quiet_seconds);
    return quiet > (options.staleAfterSeconds ?? staleAfterSeconds)
      ? [
          {
            id: run.id,
            failure: `no sign of the importing process${run.host ? ` ${run.pid} on ${run.host}` : ''} for ${quiet} s; it is taken to be gone`,
          },
        ]
      : [];
  });
  if (gone.length === 0) return [];
  await pool.query(
    `UPDATE import_run r SET status = 'failed', finished_at = now(), failure = g.failure
       FROM json_to_recordset($1::json) AS g(id text, failure text) WHERE r.id = g.id AND r.status = 'running'`,
    [JSON.stringify(gone)],
  );
  return gone.map((run) => run.id);
}
