import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';

/** Catalogue care over real HTTP: accreditation corrected by an admin survives re-imports; gaps and rejected rows listed and downloadable. */

let database: TestDatabase;
let workspace: WorkspaceServer;
let admin: WorkspaceClient;
let adviser: WorkspaceClient;
let directory = '';
let feed = '';
const password = 'katalog-hest-batteri';

const record = (id: string, extra: Record<string, unknown>) =>
  JSON.stringify({
    id,
    source: 'care_test',
    provider: 'Universitetet i Bergen',
    title: `Emne ${id}`,
    description: 'Et emne om noe nyttig.',
    url: `https://www.uib.no/emne/${id}`,
    city: 'Bergen',
    mode: 'campus',
    isFree: true,
    level: 'further_education',
    ...extra,
  });

beforeAll(async () => {
  database = await createTestDatabase();
  directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-care-'));
  feed = path.join(directory, 'feed.jsonl');
  await writeFile(
    feed,
    [
      record('C1', {}),
      record('C2', { description: '' }),
      record('C3', { city: undefined, mode: 'campus' }),
      record('C4', { isFree: undefined, provider: 'Kursfabrikken AS' }),
      record('C5', { url: undefined, level: undefined, title: 'Sjøsprøyt C5', description: 'Om bølger.' }),
      '{"id":"C6","provider":"Universitetet i Bergen","source":"care_test"}',
      '{"id":"C7","title":"=cmd|\' /C calc\'!A0"',
    ].join('\n'),
  );
  await importCatalogueFile(database, { file: feed });
  workspace = await startWorkspace({ database });
  await addAdviser(database, { email: 'admin@example.no', password, role: 'admin' });
  await addAdviser(database, { email: 'veileder@example.no', password });
  admin = new WorkspaceClient(workspace.url);
  await admin.signIn('admin@example.no', password);
  adviser = new WorkspaceClient(workspace.url);
  await adviser.signIn('veileder@example.no', password);
}, 120_000);
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
  await rm(directory, { recursive: true, force: true });
});

const uib = async () =>
  (
    await database.pool.query(
      "SELECT id, accredited_by, accreditation_note, accreditation_source, accreditation_overridden_at FROM provider WHERE name = 'Universitetet i Bergen'",
    )
  ).rows[0];

describe('catalogue care', () => {
  it('shows advisers the gaps per problem with counts, lists and CSV', async () => {
    const html = await (await adviser.request('/advisers/catalogue')).text();
    expect(html).toContain('Universitetet i Bergen');
    expect(html).toContain('NOKUT (institusjonsakkreditering)');
    expect(html).not.toContain('Rett akkreditering'); // advisers view, admins edit
    for (const [problem, count] of [
      ['no_description', 1],
      ['no_place', 1],
      ['no_price', 1],
      ['no_url', 1],
      ['level_unknown', 1],
    ] as const) {
      expect(html).toContain(`<a href="/advisers/catalogue/problems/${problem}">`);
      const list = await (await adviser.request(`/advisers/catalogue/problems/${problem}`)).text();
      expect(list.match(/<tr><td>/g) ?? [], problem).toHaveLength(count);
    }
    // Per provider: UiB's offerings all have a price (public, free); the private course's has none.
    expect(
      await (await adviser.request(`/advisers/catalogue/problems/no_description?provider=${(await uib()).id}`)).text(),
    ).toContain('Emne C2');
    expect(
      await (await adviser.request(`/advisers/catalogue/problems/no_price?provider=${(await uib()).id}`)).text(),
    ).not.toContain('Emne C4');
    expect(await (await adviser.request('/advisers/catalogue/problems/no_price')).text()).toContain('Kursfabrikken AS');
    const csv = await (await adviser.request('/advisers/catalogue/problems/no_place.csv')).text();
    expect(csv).toMatch(/Emne C3,Universitetet i Bergen,https:\/\/www\.uib\.no\/emne\/C3,campus/);
    expect((await adviser.request('/advisers/catalogue/problems/bogus')).status).toBe(400);
  });

  it('never links an offering whose stored URL is not http(s), as rows imported before the check may hold', async () => {
    await database.pool.query("UPDATE offering SET url = 'javascript:alert(document.cookie)' WHERE title = 'Emne C2'");
    const list = await (await adviser.request('/advisers/catalogue/problems/no_description')).text();
    expect(list).toContain('Emne C2');
    expect(list).not.toMatch(/href="javascript:/i);
    await database.pool.query("UPDATE offering SET url = 'https://www.uib.no/emne/C2' WHERE title = 'Emne C2'");
  });

  it('lists each import run with its rejected rows, as a page and as CSV', async () => {
    const html = await (await adviser.request('/advisers/catalogue')).text();
    const runId = /\/advisers\/catalogue\/imports\/([\w-]+)"/.exec(html)?.[1];
    expect(runId).toBeDefined();
    const rejected = await (await adviser.request(`/advisers/catalogue/imports/${runId}`)).text();
    expect(rejected).toMatch(/<td>6<\/td><td>[^<]*title/);
    expect(rejected).toContain('<td>7</td>');
    const csv = await (await adviser.request(`/advisers/catalogue/imports/${runId}/rejections.csv`)).text();
    expect(csv.split('\r\n')[0]).toBe('Linje,Årsak,Rå data');
    expect(csv).toContain('"{""id"":""C7""'); // the raw line, quotes doubled
  });

  it('shows a run whose process is gone as failed, and another provider’s record with a known link as a possible duplicate', async () => {
    await database.pool.query(
      `INSERT INTO import_run (source, format, file, status, host, pid, heartbeat_at) VALUES ('gone_feed', 'jsonl', 'gone.jsonl', 'running', 'importer-9', 7, now() - interval '1 hour')`,
    );
    const copycat = path.join(directory, 'copycat.jsonl');
    await writeFile(
      copycat,
      `${JSON.stringify({ id: 'K1', source: 'copycat', provider: 'Kopi & Lim AS', title: 'Blomsterdekorasjon', url: 'https://www.uib.no/emne/C1' })}\n`,
    );
    expect(await importCatalogueFile(database, { file: copycat })).toMatchObject({ inserted: 1, merged: 0 });
    const html = await (await adviser.request('/advisers/catalogue')).text();
    expect(html).toMatch(
      /<td>feilet<br><span class="muted">no sign of the importing process 7 on importer-9 for \d+ s; it is taken to be gone<\/span><\/td><td>gone_feed<\/td>/,
    );
    expect(html).toContain('<h2>Mulige duplikater fra andre tilbydere</h2>');
    expect(html).toContain(
      '<tr><td>Blomsterdekorasjon <span class="muted">Kopi &amp; Lim AS</span><br><code>https://www.uib.no/emne/C1</code><br><span class="muted">copycat: K1</span></td><td>Emne C1 <span class="muted">Universitetet i Bergen</span><br><code>https://www.uib.no/emne/C1</code><br><span class="muted">care_test: C1</span></td></tr>',
    );
  });

  it('lets an admin correct accreditation with a note — audited, and kept when the same data is imported again — and hand it back', async () => {
    const { id } = await uib();
    const csrfAdviser = await adviser.csrfToken('/advisers/catalogue');
    expect(
      (
        await adviser.request(`/advisers/catalogue/providers/${id}/accreditation`, {
          form: { _csrf: csrfAdviser, action: 'save', accreditedBy: '', note: 'x' },
        })
      ).status,
    ).toBe(403);

    const csrf = await admin.csrfToken('/advisers/catalogue');
    expect(
      (
        await admin.request(`/advisers/catalogue/providers/${id}/accreditation`, {
          form: { _csrf: csrf, action: 'save', accreditedBy: '', note: '' },
        })
      ).status,
    ).toBe(400);
    const saved = await admin.request(`/advisers/catalogue/providers/${id}/accreditation`, {
      form: { _csrf: csrf, action: 'save', accreditedBy: '', note: 'Akkreditering trukket tilbake i testen' },
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('rettet manuelt');
    expect(await uib()).toMatchObject({
      accredited_by: null,
      accreditation_note: 'Akkreditering trukket tilbake i testen',
      accreditation_source: 'manual',
      accreditation_overridden_at: expect.any(Date),
    });

    await importCatalogueFile(database, { file: feed });
    expect(await uib()).toMatchObject({
      accredited_by: null,
      accreditation_note: 'Akkreditering trukket tilbake i testen',
    });

    expect(
      (
        await admin.request(`/advisers/catalogue/providers/${id}/accreditation`, {
          form: { _csrf: csrf, action: 'revert' },
        })
      ).status,
    ).toBe(200);
    await importCatalogueFile(database, { file: feed });
    expect(await uib()).toMatchObject({
      accredited_by: 'NOKUT (institusjonsakkreditering)',
      accreditation_overridden_at: null,
    });

    const audit = await database.pool.query(
      "SELECT action, detail FROM audit_log WHERE subject_type = 'provider' AND subject_id = $1 ORDER BY at",
      [id],
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'provider.accreditation_changed',
      'provider.accreditation_reverted',
    ]);
    expect(audit.rows[0].detail).toEqual({
      before: { accreditedBy: 'NOKUT (institusjonsakkreditering)', note: null },
      after: { accreditedBy: null, note: 'Akkreditering trukket tilbake i testen' },
    });
  }, 120_000);
});
