import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, WorkspaceClient, type WorkspaceServer } from '../support/workspace-client.js';
import { seedConversation, seedOfferings } from './seed-demand.js';

/** The analytics page and its CSV downloads over real HTTP, signed in as an adviser. */

let database: TestDatabase;
let workspace: WorkspaceServer;
let client: WorkspaceClient;

beforeAll(async () => {
  database = await createTestDatabase();
  workspace = await startWorkspace({ database });
  await addAdviser(database, { email: 'analyse@example.no', password: 'riktig-hest-batteri-stift' });
  client = new WorkspaceClient(workspace.url);
  expect((await client.signIn('analyse@example.no', 'riktig-hest-batteri-stift')).status).toBe(303);
  const [offering] = await seedOfferings(database.pool, [
    { title: 'Demensomsorg, "grunnkurs"', counties: ['Vestland'] },
  ]);
  for (const place of ['Bergen', 'Voss', 'Odda']) {
    await seedConversation(database.pool, {
      topics: ['demens'],
      places: [place],
      at: new Date('2026-11-10T10:00:00Z'),
      suggestions: [{ offeringId: offering! }],
      concept: 'demensomsorg',
      ratings: [4],
    });
  }
  for (let index = 0; index < 3; index += 1)
    await seedConversation(database.pool, { topics: ['=HYPERLINK("x")'], at: new Date('2026-11-11T10:00:00Z') });
  await seedConversation(database.pool, { topics: ['sjeldent tema'], at: new Date('2026-11-11T10:00:00Z') });
});
afterAll(async () => {
  await workspace?.close();
  await database?.drop();
});

describe('analytics page', () => {
  it('needs a session', async () => {
    expect((await new WorkspaceClient(workspace.url).request('/advisers/analytics')).status).toBe(303);
    expect((await new WorkspaceClient(workspace.url).request('/advisers/analytics/topics.csv')).status).toBe(303);
  });

  it('shows every table with the charts’ data and scripts, and leaves out groups under 3', async () => {
    const response = await client.request('/advisers/analytics?from=2026-11-01&to=2026-11-30');
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const heading of [
      'Etterspørsel etter tema',
      'Behov katalogen dekket dårlig',
      'Etterspørsel etter yrke (STYRK-08)',
      'Etterspørsel etter fylke',
      'Vurderinger over tid',
    ])
      expect(html).toContain(heading);
    expect(html).toContain('<td>demens</td><td>3</td>');
    expect(html).toContain('<td>Vestland</td><td>3</td><td>1</td>');
    expect(html).not.toContain('sjeldent tema');
    expect(html).toMatch(/<script src="\/advisers\/analytics\/chart\.umd\.js" defer nonce="[^"]+"><\/script>/);
    expect(html).toContain('id="analytics-data"');
    expect(html).not.toMatch(/<script>(?!<\/)/);
  });

  it('serves chart.js itself from node_modules, not a CDN', async () => {
    const response = await client.request('/advisers/analytics/chart.umd.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(await response.text()).toContain('Chart.js v4');
  });

  it('downloads each table as CSV, the same figures, with formula-looking cells defused', async () => {
    const topics = await client.request('/advisers/analytics/topics.csv?from=2026-11-01&to=2026-11-30');
    expect(topics.status).toBe(200);
    expect(topics.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(topics.headers.get('content-disposition')).toBe(
      'attachment; filename="veileder-topics-2026-11-01-2026-11-30.csv"',
    );
    const bytes = Buffer.from(await topics.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, so Excel reads UTF-8
    expect(bytes.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'Tema,Personer,Begrep,Tilbud',
      `"'=hyperlink(""x"")",3,,0`,
      'demens,3,demensomsorg,1',
      '',
    ]);
    const ratings = await (
      await client.request('/advisers/analytics/ratings.csv?from=2026-11-01&to=2026-11-30')
    ).text();
    expect(ratings.split('\r\n').slice(0, 2)).toEqual(['Uke (mandag),Vurderinger,Snitt', '2026-11-09,3,4']);
    expect((await client.request('/advisers/analytics/nothing.csv')).status).toBe(400);
  });

  it('refuses a malformed period with a clear message', async () => {
    const response = await client.request('/advisers/analytics?from=2026-13-45');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('ÅÅÅÅ-MM-DD');
  });
});
