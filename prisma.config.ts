import { defineConfig } from 'prisma/config';

// The datasource URL is only needed by Prisma's own CLI (e.g. `prisma migrate deploy` where its engine
// is reachable); the product connects through adapters/storage/database.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/veileder' },
});
