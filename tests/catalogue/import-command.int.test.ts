import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { writeBrokenFeed } from './broken-feed.js';
import { latin1Lines, writeLatin1Csv } from './latin1-feed.js';

const run = promisify(execFile);
const repositoryRoot = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repositoryRoot, 'tests/fixtures/catalogue');

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await createTestDatabase({ migrated: false }); // the command migrates first
  directory = await mkdtemp(path.join(tmpdir(), 'veileder-import-command-'));
});
afterAll(async () => {
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

function veileder(args: string[]) {
  return run('node', ['bin/veileder.js', ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: database.url },
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe('veileder import', () => {
  it('prints exactly one JSON object with --json', async () => {
    const { stdout } = await veileder([
      'import',
      path.join(fixtures, 'small-courses.csv'),
      '--mapping',
      path.join(fixtures, 'small-courses.mapping.json'),
      '--json',
    ]);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      source: 'sveiseskolen',
      format: 'csv',
      read: 4,
      inserted: 1,
      rejected: 3,
      unchanged: 0,
    });
    expect(report.rejections.map((rejection: { line: number }) => rejection.line)).toEqual([4, 5, 6]);
    expect(typeof report.seconds).toBe('number');

    const again = JSON.parse(
      (
        await veileder([
          'import',
          path.join(fixtures, 'small-courses.csv'),
          '--format',
          'csv',
          '--mapping',
          path.join(fixtures, 'small-courses.mapping.json'),
          '--json',
        ])
      ).stdout,
    );
    expect(again).toMatchObject({ read: 4, unchanged: 1, inserted: 0, rejected: 3 });
  });

  it('prints counts and the rejected lines as text, exiting 0 when only records are bad', async () => {
    const file = path.join(directory, 'broken.jsonl');
    await writeBrokenFeed(file);
    const { stdout } = await veileder(['import', file]);
    expect(stdout).toMatch(
      /read 9: 2 inserted, 0 merged into offerings from other sources, 0 updated, 0 unchanged, 7 rejected/,
    );
    expect(stdout).toMatch(/^ {4}2: line is not valid UTF-8/m);
    expect(stdout).toMatch(/^ {4}6: line is 10\.0 MB/m);
  });

  it('says why a cut-off file withdrew nothing', async () => {
    const records = Array.from({ length: 12 }, (_, index) =>
      JSON.stringify({ id: `C${index}`, title: `Kurs ${index}`, provider: 'Kursfabrikken AS', source: 'cut_feed' }),
    );
    const whole = path.join(directory, 'whole.jsonl');
    await writeFile(whole, `${records.join('\n')}\n`);
    await veileder(['import', whole]);
    const cut = path.join(directory, 'cut.jsonl');
    await writeFile(cut, `${records.slice(0, 3).join('\n')}\n${records[3]?.slice(0, 20)}`);
    const { stdout } = await veileder(['import', cut]);
    expect(stdout).toMatch(
      /withdrawn \(no longer in the feed\): 0\n {2}kept 9 offerings of cut_feed the file does not list, not withdrawn: the file ends in the middle of the record on line 4/,
    );
    expect(stdout).toMatch(/^ {4}4: the file ends in the middle of this record/m);
  });

  it('takes --encoding latin1 and names the encoding it read', async () => {
    const file = path.join(directory, 'latin1.csv');
    await writeLatin1Csv(file);
    const { stdout } = await veileder([
      'import',
      file,
      '--encoding',
      'latin1',
      '--mapping',
      path.join(fixtures, 'small-courses.mapping.json'),
    ]);
    expect(stdout).toMatch(/\(csv, read as windows-1252, source sveiseskolen\)/);
    expect(stdout.match(/^ {4}\d+: /gm)).toEqual([`    ${latin1Lines.badQuote}: `]);
    await expect(veileder(['import', file, '--encoding', 'ebcdic'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Unknown --encoding ebcdic/),
    });
  });

  it('exits non-zero when the file cannot be read, and 2 on a usage error', async () => {
    await expect(veileder(['import', path.join(directory, 'missing.jsonl'), '--json'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Cannot read/),
    });
    await expect(veileder(['import'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/Give exactly one FILE/),
    });
    await expect(veileder(['import', 'x.jsonl', '--format', 'xml'])).rejects.toMatchObject({ code: 2 });
  });
});
