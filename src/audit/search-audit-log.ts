import type { AuditFilterChoices, AuditLog, AuditSearchRow } from './audit-log.js';

/** A filter as the admins' page gives it: days are UTC calendar days (YYYY-MM-DD), `to` included. */
export type AuditLogFilter = {
  actor?: string | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
};

const dayMs = 86_400_000;

/** One page of the audit log, newest first, with what the filters can offer. */
export async function searchAuditLog(options: {
  filter: AuditLogFilter;
  log: AuditLog;
}): Promise<{ rows: AuditSearchRow[]; total: number; choices: AuditFilterChoices }> {
  const { filter } = options;
  const { rows, total } = await options.log.search({
    actorId: filter.actor,
    action: filter.action,
    subjectId: filter.subject,
    from: filter.from ? new Date(`${filter.from}T00:00:00Z`) : undefined,
    // The `to` day is included: search up to the start of the day after.
    to: filter.to ? new Date(Date.parse(`${filter.to}T00:00:00Z`) + dayMs) : undefined,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { rows, total, choices: await options.log.filterChoices() };
}
