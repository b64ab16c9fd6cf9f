import type pg from 'pg';
import type { LearnerDataExport } from '../../../src/privacy/learner-records.js';
import { collectLearnerRows } from './learner-references.js';

/**
 * Everything stored about one learner, as one JSON document (GDPR art. 15 and 20): their own row and every
 * row of every table that refers to them, directly or through their conversations, turns and
 * recommendations — found from the database's foreign keys, so tables added later are included unasked.
 * Hashes of one-time codes are left out: they identify nothing and could only help guess a live code.
 */

export async function exportLearnerData(options: {
  pool: pg.Pool;
  learnerId: string;
  now?: Date;
}): Promise<LearnerDataExport | null> {
  const rows = await collectLearnerRows(options.pool, { learnerId: options.learnerId });
  if ((rows.get('learner') ?? []).length === 0) return null;
  const tables: LearnerDataExport['tables'] = {};
  for (const [table, tableRows] of [...rows].sort(([left], [right]) =>
    left === 'learner' ? -1 : right === 'learner' ? 1 : left.localeCompare(right),
  )) {
    tables[table] = tableRows.map(withoutSecrets);
  }
  return {
    format: 'veileder-learner-export',
    version: 1,
    exportedAt: (options.now ?? new Date()).toISOString(),
    learnerId: options.learnerId,
    tables,
  };
}

function withoutSecrets(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([column]) => !column.endsWith('_hash')));
}
