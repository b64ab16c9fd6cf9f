import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLearnerData } from '../../adapters/storage/privacy/export-learner-data.js';
import {
  collectLearnerRows,
  keysThatOutliveLearner,
  learnerReferenceGraph,
  listForeignKeys,
  quote,
  type ForeignKey,
} from '../../adapters/storage/privacy/learner-references.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { seedLearnerEverywhere } from './seed-learner.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** Rows of each table in the graph that still name something of the learner's, from what was collected before. */
async function rowsStillReferring(
  graph: ForeignKey[],
  before: Map<string, Record<string, unknown>[]>,
): Promise<string[]> {
  const left: string[] = [];
  for (const key of graph) {
    const values = (before.get(key.referencedTable) ?? []).map((row) => String(row[key.referencedColumn]));
    if (values.length === 0) continue;
    const { rows } = await database.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM ${quote(key.table)} WHERE ${quote(key.column)}::text = ANY($1::text[])`,
      [values],
    );
    if (rows[0]!.count > 0) left.push(`${key.table}.${key.column} → ${key.referencedTable}: ${rows[0]!.count} row(s)`);
  }
  return left;
}

describe("a learner's rows, found from the real schema's foreign keys", () => {
  it('every foreign key that reaches a learner (directly or through their conversations, turns, suggestions) cascades or sets null', async () => {
    const graph = learnerReferenceGraph(await listForeignKeys(database.pool));
    const tables = new Set(graph.map((key) => key.table));
    for (const table of [
      'channel_identity',
      'profile',
      'conversation',
      'turn',
      'recommendation',
      'rating',
      'adviser_review',
      'learner_link_code',
      'learner_export_link',
    ])
      expect(tables).toContain(table);
    expect(keysThatOutliveLearner(graph).map((key) => `${key.constraint} (${key.onDelete})`)).toEqual([]);
  });

  it('every column that names a learner is a foreign key to learner, so deletion reaches it', async () => {
    const { rows } = await database.pool.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema() AND (column_name = 'learner_id' OR column_name LIKE '%\\_learner\\_id') ORDER BY 1, 2`,
    );
    const keyed = new Set(
      (await listForeignKeys(database.pool))
        .filter((key) => key.referencedTable === 'learner')
        .map((key) => `${key.table}.${key.column}`),
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.map((row) => `${row.table}.${row.column}`).filter((name) => !keyed.has(name))).toEqual([]);
  });

  it('the check is generic: a table added later with a non-cascading key to a learner or a turn is caught', async () => {
    await database.pool.query(
      'CREATE TABLE scratch_learner_note (id serial PRIMARY KEY, learner_id TEXT REFERENCES learner(id))',
    );
    await database.pool.query(
      'CREATE TABLE scratch_turn_tag (id serial PRIMARY KEY, turn_id TEXT REFERENCES turn(id) ON DELETE RESTRICT)',
    );
    try {
      const caught = keysThatOutliveLearner(learnerReferenceGraph(await listForeignKeys(database.pool))).map(
        (key) => `${key.table}.${key.column}:${key.onDelete}`,
      );
      expect(caught.sort()).toEqual(['scratch_learner_note.learner_id:no_action', 'scratch_turn_tag.turn_id:restrict']);
    } finally {
      await database.pool.query('DROP TABLE scratch_learner_note, scratch_turn_tag');
    }
  });

  it('exports every row of theirs — a table added later included — and no one else’s, without code hashes', async () => {
    const other = await seedLearnerEverywhere(database.pool);
    const { learnerId, seededTables } = await seedLearnerEverywhere(database.pool);
    await database.pool.query(
      'CREATE TABLE scratch_learner_goal (id serial PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner(id) ON DELETE CASCADE, goal TEXT)',
    );
    try {
      await database.pool.query(
        "INSERT INTO scratch_learner_goal (learner_id, goal) VALUES ($1, 'bli demenskoordinator')",
        [learnerId],
      );
      const exported = await exportLearnerData({
        pool: database.pool,
        learnerId,
        now: new Date('2026-11-30T10:00:00Z'),
      });
      expect(exported).not.toBeNull();
      expect(exported!.exportedAt).toBe('2026-11-30T10:00:00.000Z');
      for (const table of seededTables) expect(Object.keys(exported!.tables), table).toContain(table);
      expect(exported!.tables.scratch_learner_goal).toEqual([
        expect.objectContaining({ goal: 'bli demenskoordinator' }),
      ]);
      expect(exported!.tables.turn!.map((turn) => turn.role).sort()).toEqual(['assistant', 'user']);
      expect(exported!.tables.rating).toHaveLength(2);
      expect(exported!.tables.adviser_review).toEqual([
        expect.objectContaining({ verdict: 'flagged', comment: 'Sjekk nr. 1' }),
      ]);
      const text = JSON.stringify(exported);
      expect(text).not.toContain(other.learnerId);
      expect(text).not.toContain('code_hash');
      expect(text).not.toContain('token_hash');
    } finally {
      await database.pool.query('DROP TABLE scratch_learner_goal');
    }
    expect(await exportLearnerData({ pool: database.pool, learnerId: 'no-such-learner' })).toBeNull();
  });

  it('deleting a learner leaves no row anywhere that refers to them, and leaves other learners whole', async () => {
    const other = await seedLearnerEverywhere(database.pool);
    const { learnerId, seededTables } = await seedLearnerEverywhere(database.pool);
    const graph = learnerReferenceGraph(await listForeignKeys(database.pool));
    const before = await collectLearnerRows(database.pool, { learnerId });
    // Every table the graph reaches that a seeder knows got a row, so the check below is not vacuous.
    for (const table of seededTables) expect(before.get(table)?.length ?? 0, table).toBeGreaterThan(0);
    const otherBefore = await collectLearnerRows(database.pool, { learnerId: other.learnerId });

    await database.pool.query('DELETE FROM learner WHERE id = $1', [learnerId]);

    expect(await rowsStillReferring(graph, before)).toEqual([]);
    expect([...(await collectLearnerRows(database.pool, { learnerId })).keys()]).toEqual([]);
    const otherAfter = await collectLearnerRows(database.pool, { learnerId: other.learnerId });
    expect([...otherAfter].map(([table, rows]) => [table, rows.length])).toEqual(
      [...otherBefore].map(([table, rows]) => [table, rows.length]),
    );
  });
});
