// First start on a fresh embedded data folder (initdb, migrations, taxonomy seed, demo catalogue) and a second
// start on the same folder. Run: npm run bench:startup   (or npx tsx bench/startup.bench.ts)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnVeileder } from '../tests/support/spawn-veileder.js';

const dataDir = await mkdtemp(path.join(tmpdir(), 'veileder-bench-start-'));
try {
  for (const run of ['first start (fresh data folder)', 'second start (same folder)']) {
    const veileder = await spawnVeileder({ environment: { VEILEDER_DATA_DIR: dataDir } });
    const body = (await (await fetch(`${veileder.url}/api/offerings?pageSize=1`)).json()) as { total: number };
    process.stdout.write(`${run}: listening after ${veileder.seconds.toFixed(1)} s, ${body.total} offerings\n`);
    for (const line of veileder
      .log()
      .split('\n')
      .filter((text) => /Imported|Applied/.test(text)))
      process.stdout.write(`  ${line.replace(/^\S+ info\s+/, '')}\n`);
    await veileder.stop();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
