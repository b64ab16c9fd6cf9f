// `prisma generate` only renders the client; it never runs the schema engine, but the CLI insists on
// finding the engine binary it would otherwise download (and no download is possible offline).
// Pointing it at any existing file lets generation proceed.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}/node_modules/prisma`)) process.exit(0); // production install without dev tools
execFileSync(process.execPath, [`${root}/node_modules/prisma/build/index.js`, 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
