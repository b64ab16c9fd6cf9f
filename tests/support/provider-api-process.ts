import type { AddressInfo } from 'node:net';
import { openDatabase } from '../../adapters/storage/database.js';
import { createHttpApp } from '../../adapters/web/server.js';
import { providerCatalogueRoutes } from '../../adapters/web/routes/provider-catalogue.js';

/**
 * The providers' catalogue API alone in a process of its own (DATABASE_URL), so a test can read that
 * process's peak resident set (/proc/PID/status VmHWM) while a large upload streams through it, with no
 * test runner, client or search index in the figure.
 */
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
const app = createHttpApp({ database, routes: [providerCatalogueRoutes], catalogueMaxMb: 60 });
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => void database.close().then(() => process.exit(0)));
});
