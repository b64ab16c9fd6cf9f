import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The CLI as an operator meets it: a known failure is one clear line on stderr and a non-zero exit, never a stack trace. */

const root = fileURLToPath(new URL('../..', import.meta.url));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

function veileder(
  args: string[],
  environment: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/veileder.js', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const stackFrame = /^\s+at /m;

describe('veileder CLI errors', () => {
  it("prints a VeilederError's user message, not a stack trace, and exits 1", async () => {
    const result = await veileder(['import-taxonomy', '--from', '/nonexistent']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'veileder import-taxonomy: /nonexistent/ssb_klass/styrk08_occupations.json: cannot be read (ENOENT); --from must point at a folder laid out like ../shared/data\n',
    );
    expect(result.stderr).not.toMatch(stackFrame);
  });

  it('prints a usage error with the usage line and exits 2', async () => {
    const result = await veileder(['import-taxonomy', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^veileder import-taxonomy: Unknown option '--bogus'\nUsage: veileder import-taxonomy/,
    );
    expect(result.stderr).not.toMatch(stackFrame);
  });

  it('prints a configuration error naming the variable and exits 2', async () => {
    const result = await veileder(['migrate'], { VEILEDER_CHAT_TIMEOUT_MS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^veileder migrate: Veileder's configuration is not valid:\n {2}VEILEDER_CHAT_TIMEOUT_MS: /,
    );
    expect(result.stderr).not.toMatch(stackFrame);
  });
});
