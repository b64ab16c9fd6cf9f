import { afterAll, beforeAll, expect, it } from 'vitest';
import { schemaColumns } from '../../adapters/storage/rows.generated.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// schema.prisma says what each table holds (generated into schemaColumns); the hand-written migrations make
// the tables. Prisma's `migrate diff` would compare them, but its schema engine is a binary that cannot be
// downloaded here, so this compares the migrated database's catalogue with the schema column by column:
// a column one side has and the other lacks, or a different type or nullability, fails with its name.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

type Column = { type: string; nullable: boolean };

async function migratedColumns(): Promise<Map<string, Column>> {
  const { rows } = await database.pool.query<{
    table_name: string;
    column_name: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
  }>(
    `SELECT c.table_name, c.column_name, c.udt_name, c.is_nullable
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '_prisma_migrations'`,
  );
  return new Map(
    rows.map((row) => [
      `${row.table_name}.${row.column_name}`,
      { type: row.udt_name, nullable: row.is_nullable === 'YES' },
    ]),
  );
}

function declaredColumns(): Map<string, Column> {
  return new Map(
    Object.entries(schemaColumns).flatMap(([table, columns]) =>
      Object.entries(columns).map(([column, shape]) => [`${table}.${column}`, shape] as const),
    ),
  );
}

it('the migrations make exactly the tables and columns schema.prisma declares', async () => {
  const migrated = await migratedColumns();
  const declared = declaredColumns();
  const onlyInMigrations = [...migrated.keys()].filter((column) => !declared.has(column)).sort();
  const onlyInSchema = [...declared.keys()].filter((column) => !migrated.has(column)).sort();
  const differing = [...declared]
    .filter(([column]) => migrated.has(column))
    .map(([column, shape]) => ({ column, schema: shape, migrations: migrated.get(column) }))
    .filter(({ schema, migrations }) => schema.type !== migrations?.type || schema.nullable !== migrations?.nullable);

  expect({ onlyInMigrations, onlyInSchema, differing }).toEqual({
    onlyInMigrations: [],
    onlyInSchema: [],
    differing: [],
  });
  expect(declared.size).toBeGreaterThan(300);
});
