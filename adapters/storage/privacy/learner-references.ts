import type pg from 'pg';

/**
 * Which tables hold rows about a learner, read from the database's own foreign keys (pg_constraint) rather
 * than from a list in code: a table added later that refers to `learner` — or to a conversation, turn or
 * recommendation of theirs — is exported and checked on deletion without anyone remembering to add it here.
 */

export type ForeignKey = {
  /** The referring table and its column. */
  table: string;
  column: string;
  /** The referred table and column. */
  referencedTable: string;
  referencedColumn: string;
  /** What PostgreSQL does with the referring row when the referred row is deleted. */
  onDelete: 'cascade' | 'set_null' | 'set_default' | 'restrict' | 'no_action';
  constraint: string;
};

const onDeleteByCode: Record<string, ForeignKey['onDelete']> = {
  c: 'cascade',
  n: 'set_null',
  d: 'set_default',
  r: 'restrict',
  a: 'no_action',
};

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Every single-column foreign key in the public schema. */
export async function listForeignKeys(database: Queryable): Promise<ForeignKey[]> {
  const { rows } = await database.query<{
    table: string;
    column: string;
    referenced_table: string;
    referenced_column: string;
    on_delete: string;
    constraint: string;
  }>(
    `SELECT child.relname AS table, child_column.attname AS column, parent.relname AS referenced_table,
            parent_column.attname AS referenced_column, constraint_row.confdeltype AS on_delete, constraint_row.conname AS constraint
       FROM pg_constraint constraint_row
       JOIN pg_class child ON child.oid = constraint_row.conrelid
       JOIN pg_namespace namespace ON namespace.oid = child.relnamespace
       JOIN pg_class parent ON parent.oid = constraint_row.confrelid
       JOIN pg_attribute child_column ON child_column.attrelid = child.oid AND child_column.attnum = constraint_row.conkey[1]
       JOIN pg_attribute parent_column ON parent_column.attrelid = parent.oid AND parent_column.attnum = constraint_row.confkey[1]
      WHERE constraint_row.contype = 'f' AND namespace.nspname = current_schema() AND cardinality(constraint_row.conkey) = 1
      ORDER BY child.relname, child_column.attname`,
  );
  return rows.map((row) => ({
    table: row.table,
    column: row.column,
    referencedTable: row.referenced_table,
    referencedColumn: row.referenced_column,
    onDelete: onDeleteByCode[row.on_delete] ?? 'no_action',
    constraint: row.constraint,
  }));
}

/**
 * The foreign keys through which rows belong to a learner: those referring to `learner`, and — transitively —
 * those referring to any table that does (conversation → turn → recommendation → rating, ...). A SET NULL
 * key ends its path: such a row belongs to someone else (an organisation's staff list, an issued
 * credential) and only stops naming the learner, so what hangs below it is not the learner's.
 */
export function learnerReferenceGraph(foreignKeys: ForeignKey[], root = 'learner'): ForeignKey[] {
  const reached = new Set([root]);
  const edges: ForeignKey[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const key of foreignKeys) {
      if (!frontier.includes(key.referencedTable) || key.table === root) continue;
      edges.push(key);
      if (key.onDelete !== 'set_null' && !reached.has(key.table)) {
        reached.add(key.table);
        next.push(key.table);
      }
    }
    frontier = next;
  }
  return edges;
}

/** Foreign keys in the learner's graph whose rows would survive the learner's deletion still naming them. */
export function keysThatOutliveLearner(graph: ForeignKey[]): ForeignKey[] {
  return graph.filter((key) => key.onDelete !== 'cascade' && key.onDelete !== 'set_null');
}

export type LearnerRows = Map<string, Record<string, unknown>[]>;

/**
 * Every row that belongs to the learner, table by table (the learner's own row under `learner`), found by
 * walking the reference graph from the learner's id. Rows reached by two paths are listed once.
 */
export async function collectLearnerRows(
  database: Queryable,
  options: { learnerId: string; foreignKeys?: ForeignKey[] },
): Promise<LearnerRows> {
  const graph = learnerReferenceGraph(options.foreignKeys ?? (await listForeignKeys(database)));
  const learner = await database.query<Record<string, unknown>>('SELECT * FROM learner WHERE id = $1', [
    options.learnerId,
  ]);
  const rows: LearnerRows = new Map([['learner', learner.rows]]);
  const seen = new Map<string, Set<string>>();
  const remember = (table: string, found: Record<string, unknown>[]) => {
    const keys = seen.get(table) ?? new Set<string>();
    seen.set(table, keys);
    const fresh = found.filter((row) => {
      const key = JSON.stringify(row);
      if (keys.has(key)) return false;
      keys.add(key);
      return true;
    });
    rows.set(table, [...(rows.get(table) ?? []), ...fresh]);
    return fresh.length;
  };
  remember('learner', []);
  // Repeat until nothing new turns up: a table may be reached through several parents (rating: learner, turn, recommendation).
  for (let changed = true; changed; ) {
    changed = false;
    for (const key of graph) {
      const parents = rows.get(key.referencedTable) ?? [];
      const values = [
        ...new Set(
          parents
            .map((row) => row[key.referencedColumn])
            .filter((value) => value !== null && value !== undefined)
            .map(String),
        ),
      ];
      if (values.length === 0) continue;
      const found = await database.query<Record<string, unknown>>(
        `SELECT * FROM ${quote(key.table)} WHERE ${quote(key.column)}::text = ANY($1::text[])`,
        [values],
      );
      if (remember(key.table, found.rows) > 0) changed = true;
    }
  }
  return new Map([...rows].filter(([, tableRows]) => tableRows.length > 0));
}

/** Double-quotes an identifier read from the catalogue (never from input). */
export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
