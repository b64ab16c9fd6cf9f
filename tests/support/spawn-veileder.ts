import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts `node bin/veileder.js serve` as a user would, and resolves with its URL once it logs that it
 * listens. Used by the startup test and the startup benchmark.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

export type SpawnedVeileder = {
  url: string;
  process: ChildProcess;
  log: () => string;
  seconds: number;
  stop(): Promise<number | null>;
};

export async function spawnVeileder(options: {
  environment: Record<string, string>;
  timeoutMs?: number;
}): Promise<SpawnedVeileder> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/veileder.js', 'serve'], {
    cwd: root,
    // One process unless a test asks for workers: on a PostgreSQL server serve would start one per core.
    env: {
      ...process.env,
      DATABASE_URL: '',
      PORT: '0',
      HOST: '127.0.0.1',
      VEILEDER_WORKERS: '1',
      ...options.environment,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () =>
    new Promise<number | null>((resolve) => {
      // A process killed by a signal has no exit code, only a signal code: it is gone all the same.
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // The caller never gets the process when it does not start in time: stop it here, or it runs on orphaned.
      child.kill('SIGTERM');
      reject(new Error(`Veileder did not start within ${options.timeoutMs ?? 120_000} ms:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Veileder is listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Veileder exited with ${code} before listening:\n${output}`));
    });
  });
  return { url, process: child, log: () => output, seconds: (performance.now() - started) / 1000, stop };
}
