// `npm run build` (and `npm start`, through prestart): compiles src/ and adapters/ to JavaScript in dist/,
// so production runs plain `node` without tsx compiling every module in memory at start. Files the code reads
// beside itself (pages, scripts, styles, JSON-LD contexts) are copied next to the compiled modules; prisma/
// and prompts/ are linked, so dist/ finds migrations, seeds and prompts where the sources do (../../prisma).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const compiler = path.join(root, 'node_modules/typescript/bin/tsc');

if (!existsSync(compiler)) {
  // A production install (npm ci --omit=dev) has no compiler: it runs what was built before it was pruned.
  if (existsSync(path.join(dist, 'adapters/cli/main.js'))) {
    console.error('build: TypeScript is not installed; using the existing dist/');
    process.exit(0);
  }
  console.error('build: TypeScript is not installed and there is no dist/: run `npm ci` (with dev dependencies) first');
  process.exit(1);
}

execFileSync(process.execPath, [compiler, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

for (const folder of ['src', 'adapters']) copyAssets(path.join(root, folder), path.join(dist, folder));
for (const folder of ['prisma', 'prompts']) {
  const link = path.join(dist, folder);
  if (existsSync(link) && lstatSync(link).isSymbolicLink()) continue;
  rmSync(link, { recursive: true, force: true });
  // A junction on Windows needs no special rights; elsewhere the type is ignored.
  symlinkSync(path.join('..', folder), link, 'junction');
}

/** Everything under `from` that is not TypeScript, which the compiler has turned into dist/ already. */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
    else if (!entry.name.endsWith('.ts')) cpSync(source, path.join(to, entry.name));
  }
}
