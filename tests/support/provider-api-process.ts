import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase } from '../../adapters/storage/database.js';
import { providerCatalogueRoutes } from '../../adapters/web/routes/provider-catalogue.js';
import { createHttpApp } from '../../adapters/web/server.js';

/**
 * The providers' catalogue API alone in a process of its own, so a test can read that process's peak
 * resident set (/proc/PID/status VmHWM) while a large upload streams through it, with no test runner,
 * client or search index in the figure. Run as a script it serves; imported, it spawns itself.
 */

export type ProviderApiProcess = { url: string; process: ChildProcess };

export function spawnProviderApi(options: { databaseUrl: string; heapMb: number }): Promise<ProviderApiProcess> {
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${options.heapMb}`, '--import', 'tsx', fileURLToPath(import.meta.url)],
    { env: { ...process.env, DATABASE_URL: options.databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.once('exit', (code) => reject(new Error(`the API process exited with ${code}`)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: '' });
  const app = createHttpApp({ database, routes: [providerCatalogueRoutes], catalogueMaxMb: 60 });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => {
    server.close(() => void database.close().then(() => process.exit(0)));
  });
}
