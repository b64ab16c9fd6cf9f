import type pg from 'pg';
import {
  qualityProblemNames,
  type ProblemOffering,
  type QualityProblem,
} from '../../../src/catalogue/provider-page.js';
import { recordAudit } from '../audit-log-store.js';
import { failAbandonedImportRuns } from '../import-run-liveness.js';
import { inTransaction } from '../transaction.js';

/**
 * Catalogue care for the workspace: providers and their accreditation (an admin's correction is kept
 * through re-imports), active offerings with quality problems, and the rows imports rejected.
 */

/** Each quality problem as a SQL condition on an active offering `o`. */
const qualityProblems = {
  no_description: "btrim(o.description) = ''",
  no_price: 'o.price_nok IS NULL AND o.is_free IS NULL',
  no_place:
    "o.mode = 'campus' AND coalesce(cardinality(o.cities), 0) = 0 AND coalesce(cardinality(o.municipalities), 0) = 0 AND coalesce(cardinality(o.counties), 0) = 0",
  level_unknown: "o.level = 'unknown'",
  no_url: "coalesce(btrim(o.url), '') = ''",
} satisfies Record<QualityProblem, string>;

export type ProviderCare = {
  id: string;
  name: string;
  kind: string;
  accreditedBy: string | null;
  accreditationNote: string | null;
  accreditationOverriddenAt: Date | null;
  offerings: number;
  problems: Record<QualityProblem, number>;
};

export async function listProviderCare(pool: pg.Pool): Promise<ProviderCare[]> {
  const counts = qualityProblemNames
    .map((name) => `count(o.id) FILTER (WHERE ${qualityProblems[name]})::int AS "${name}"`)
    .join(', ');
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT p.id, p.name, p.kind, p.accredited_by, p.accreditation_note, p.accreditation_overridden_at, count(o.id)::int AS offerings, ${counts}
       FROM provider p LEFT JOIN offering o ON o.provider_id = p.id AND o.status = 'active'
      GROUP BY p.id ORDER BY count(o.id) DESC, p.name`,
  );
  return rows.map((row) => ({
    id: row.id as string,
    name: row.name as string,
    kind: row.kind as string,
    accreditedBy: row.accredited_by as string | null,
    accreditationNote: row.accreditation_note as string | null,
    accreditationOverriddenAt: row.accreditation_overridden_at as Date | null,
    offerings: row.offerings as number,
    problems: Object.fromEntries(qualityProblemNames.map((name) => [name, row[name] as number])) as Record<
      QualityProblem,
      number
    >,
  }));
}

/** Counts of each problem among active offerings: catalogue-wide, or one provider's (its own page). */
export async function countQualityProblems(
  pool: pg.Pool,
  options: { providerId?: string } = {},
): Promise<{ offerings: number; problems: Record<QualityProblem, number> }> {
  const counts = qualityProblemNames
    .map((name) => `count(*) FILTER (WHERE ${qualityProblems[name]})::int AS "${name}"`)
    .join(', ');
  const { rows } = await pool.query<Record<string, number>>(
    `SELECT count(*)::int AS offerings, ${counts} FROM offering o WHERE o.status = 'active' AND ($1::text IS NULL OR o.provider_id = $1)`,
    [options.providerId ?? null],
  );
  const row = rows[0]!;
  return {
    offerings: row.offerings!,
    problems: Object.fromEntries(qualityProblemNames.map((name) => [name, row[name]!])) as Record<
      QualityProblem,
      number
    >,
  };
}

export async function listProblemOfferings(
  pool: pg.Pool,
  options: { problem: QualityProblem; providerId?: string | undefined; limit?: number },
): Promise<ProblemOffering[]> {
  const { rows } = await pool.query<ProblemOffering>(
    `SELECT o.id, o.title, p.name AS "providerName", o.url, o.mode, o.level
       FROM offering o JOIN provider p ON p.id = o.provider_id
      WHERE o.status = 'active' AND (${qualityProblems[options.problem]}) AND ($1::text IS NULL OR o.provider_id = $1)
      ORDER BY p.name, o.title LIMIT $2`,
    [options.providerId ?? null, options.limit ?? 500],
  );
  return rows;
}

/**
 * An admin sets (or clears: `accreditedBy` null) a provider's accreditation, with a note saying why. The
 * provider is then marked overridden, so a re-import of data/providers.json leaves it alone; `revert`
 * drops the mark and the next import sets it from the data again. Audited with before and after.
 */
export async function setProviderAccreditation(options: {
  pool: pg.Pool;
  providerId: string;
  actorId: string;
  change: { kind: 'override'; accreditedBy: string | null; note: string } | { kind: 'revert' };
}): Promise<boolean> {
  return inTransaction(options.pool, async (client) => {
    const before = await client.query<{ accredited_by: string | null; accreditation_note: string | null }>(
      'SELECT accredited_by, accreditation_note FROM provider WHERE id = $1 FOR UPDATE',
      [options.providerId],
    );
    if (!before.rows[0]) return false;
    const { change } = options;
    if (change.kind === 'override') {
      await client.query(
        `UPDATE provider SET accredited_by = $2, accreditation_note = $3, accreditation_source = 'manual', accreditation_overridden_at = now(), updated_at = now() WHERE id = $1`,
        [options.providerId, change.accreditedBy, change.note],
      );
    } else {
      await client.query('UPDATE provider SET accreditation_overridden_at = NULL, updated_at = now() WHERE id = $1', [
        options.providerId,
      ]);
    }
    await recordAudit(client, {
      actorId: options.actorId,
      action: change.kind === 'override' ? 'provider.accreditation_changed' : 'provider.accreditation_reverted',
      subjectType: 'provider',
      subjectId: options.providerId,
      detail: {
        before: { accreditedBy: before.rows[0].accredited_by, note: before.rows[0].accreditation_note },
        ...(change.kind === 'override' ? { after: { accreditedBy: change.accreditedBy, note: change.note } } : {}),
      },
    });
    return true;
  });
}

export type ImportRunSummary = {
  id: string;
  source: string;
  format: string;
  file: string;
  status: 'running' | 'finished' | 'failed';
  failure: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  read: number;
  inserted: number;
  updated: number;
  rejected: number;
  withdrawn: number;
};

/** The latest runs; a run whose process is gone is marked failed first, so none shows as running for ever. */
export async function listImportRuns(pool: pg.Pool, options: { limit?: number } = {}): Promise<ImportRunSummary[]> {
  await failAbandonedImportRuns(pool);
  const { rows } = await pool.query<ImportRunSummary>(
    `SELECT id, source, format, file, status, failure, started_at AS "startedAt", finished_at AS "finishedAt", read, inserted, updated, rejected, withdrawn
       FROM import_run ORDER BY started_at DESC LIMIT $1`,
    [options.limit ?? 30],
  );
  return rows;
}

export type Rejection = { line: number; reason: string; raw: string };

export async function listRejections(pool: pg.Pool, options: { runId: string; limit?: number }): Promise<Rejection[]> {
  const { rows } = await pool.query<Rejection>(
    'SELECT line, reason, raw FROM import_rejection WHERE run_id = $1 ORDER BY line LIMIT $2',
    [options.runId, options.limit ?? 100_000],
  );
  return rows;
}

export type SuggestedDuplicateOffering = {
  id: string;
  title: string;
  providerName: string;
  url: string | null;
  status: string;
  sources: { source: string; externalId: string }[];
};
export type DuplicateSuggestion = {
  id: string;
  reason: string;
  createdAt: Date;
  offering: SuggestedDuplicateOffering;
  duplicateOf: SuggestedDuplicateOffering;
};

/**
 * Offerings an import kept apart because another provider's offering has the same URL, newest first, each
 * side with its provider and the source records behind it, for catalogue care to judge.
 */
export async function listDuplicateSuggestions(
  pool: pg.Pool,
  options: { limit?: number } = {},
): Promise<DuplicateSuggestion[]> {
  const side = (
    alias: string,
  ) => `json_build_object('id', ${alias}.id, 'title', ${alias}.title, 'providerName', (SELECT name FROM provider WHERE id = ${alias}.provider_id),
      'url', ${alias}.url, 'status', ${alias}.status,
      'sources', (SELECT coalesce(json_agg(json_build_object('source', s.source, 'externalId', s.external_id) ORDER BY s.source, s.external_id), '[]') FROM offering_source s WHERE s.offering_id = ${alias}.id))`;
  const { rows } = await pool.query<DuplicateSuggestion>(
    `SELECT d.id, d.reason, d.created_at AS "createdAt", ${side('o')} AS offering, ${side('other')} AS "duplicateOf"
       FROM duplicate_suggestion d JOIN offering o ON o.id = d.offering_id JOIN offering other ON other.id = d.duplicate_of_id
      ORDER BY d.created_at DESC, d.id LIMIT $1`,
    [options.limit ?? 500],
  );
  return rows;
}
