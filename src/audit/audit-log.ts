/**
 * The port for reading the audit log on the admins' page (implemented in adapters/storage/audit-log-search.ts).
 */

export type AuditSearch = {
  actorId?: string | undefined;
  action?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
};

export type AuditSearchRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
};

/** What the filters offer: every action logged so far, and every adviser who acted. */
export type AuditFilterChoices = { actions: string[]; actors: { id: string; email: string }[] };

export type AuditLog = {
  search(search: AuditSearch): Promise<{ rows: AuditSearchRow[]; total: number }>;
  filterChoices(): Promise<AuditFilterChoices>;
};
