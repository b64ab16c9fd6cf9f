import { defineConfig } from 'vitest/config';

// Integration tests share one PostgreSQL server, each file in its own database (tests/support/database.ts),
// so files may run in parallel; the machine has two cores.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
