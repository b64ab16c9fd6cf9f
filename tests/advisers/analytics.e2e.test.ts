import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConversation, seedOfferings } from '../analytics/seed-demand.js';
import { artifactPath, launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { addAdviser, startWorkspace, type WorkspaceServer } from '../support/workspace-client.js';

/**
 * An admin signs in in real Chromium and opens the analytics page over seeded conversations: the charts
 * draw (chart.js from our own server), the tables and CSV links are there, and the page is screenshotted
 * for docs/screenshots/advisers-analytics.png.
 */

let database: TestDatabase;
let workspace: WorkspaceServer;
let browser: Browser;
const password = 'analyse-hest-batteri-stift';

/** Deterministic demand: topic, learners, where, occupation, the concept matched; spread over eight weeks of autumn 2026. */
const demand: [
  topic: string,
  learners: number,
  place: string,
  occupation: string | undefined,
  concept: string | undefined,
][] = [
  ['demens', 9, 'Bergen', '2223', 'demensomsorg'],
  ['prosjektledelse', 7, 'Oslo', '2421', 'lede prosjekter'],
  ['python', 6, 'Trondheim', '2512', 'Python (dataprogrammering)'],
  ['sveising', 5, 'Stavanger', '7212', 'sveise metall'],
  ['regnskap', 4, 'Tromsø', '3313', 'føre regnskap'],
  ['kvantefysikk', 4, 'Bergen', undefined, undefined],
  ['ledelse i helse', 3, 'Oslo', '2223', undefined],
];

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [id, label] of [
    ['styrk08:2223', 'Sykepleiere'],
    ['styrk08:2421', 'Organisasjonsrådgivere'],
    ['styrk08:2512', 'Programvareutviklere'],
    ['styrk08:7212', 'Sveisere'],
    ['styrk08:3313', 'Regnskapsmedarbeidere'],
  ]) {
    await database.pool.query(
      "INSERT INTO taxonomy_concept (id, scheme, code, label, alt_labels) VALUES ($1, 'styrk08', $2, $3, '{}')",
      [id, id!.split(':')[1], label],
    );
  }
  const offerings = await seedOfferings(database.pool, [
    { title: 'Demensomsorg i praksis', counties: ['Vestland'], occupations: ['2223'] },
    { title: 'Demens og eldreomsorg', counties: ['Oslo'], occupations: ['2223'] },
    { title: 'Prosjektledelse, grunnkurs', counties: ['Oslo'], occupations: ['2421'] },
    { title: 'Python for nybegynnere', counties: ['Trøndelag'], occupations: ['2512'] },
    { title: 'Sveising MIG/MAG', counties: ['Rogaland'], occupations: ['7212'] },
    { title: 'Regnskap og bokføring', counties: ['Troms'], occupations: ['3313'] },
  ]);
  const offeringFor = (topic: string) =>
    offerings[['demens', 'demens', 'prosjektledelse', 'python', 'sveising', 'regnskap'].indexOf(topic)];
  let index = 0;
  for (const [topic, learners, place, occupation, concept] of demand) {
    for (let learner = 0; learner < learners; learner += 1) {
      index += 1;
      const at = new Date(Date.UTC(2026, 9, 5 + (index % 8) * 7, 10));
      const offeringId = offeringFor(topic);
      await seedConversation(database.pool, {
        topics: [topic],
        places: [place],
        occupationCode: occupation,
        concept,
        at,
        suggestions: offeringId ? [{ offeringId, matched: learner % 4 !== 3 }] : [],
        ratings: offeringId ? [[5, 4, 4, 2, 5, 3][learner % 6]!] : [],
      });
    }
  }
  workspace = await startWorkspace({ database });
  // The admin account, made through the same store the CLI's `veileder adviser add` uses.
  await addAdviser(database, { email: 'admin@example.no', password, role: 'admin', name: 'Ada Admin' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await workspace?.close();
  await database?.drop();
});

describe('analytics page in Chromium', () => {
  it('signs in as admin, draws the charts and tables, and is screenshotted', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const scriptErrors: string[] = [];
    page.on('pageerror', (error) => scriptErrors.push(error.message));
    page.on('response', (response) => {
      // The browser asks for /favicon.ico on its own; the workspace has none.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico'))
        scriptErrors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${workspace.url}/advisers/analytics?from=2026-10-01&to=2026-11-30`);
    expect(page.url()).toContain('/advisers/sign-in');
    await page.fill('#email', 'admin@example.no');
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(/\/advisers\/analytics/), page.click('button[type="submit"]')]);
    await page.waitForSelector('html[data-charts-ready="true"]');

    expect(await page.locator('h1').textContent()).toBe('Analyse');
    expect(await page.locator('canvas').count()).toBe(5);
    // A drawn canvas is not blank: chart.js ran under the Content-Security-Policy.
    const painted = await page.$eval(
      '#topics-chart',
      (canvas) => (canvas as unknown as { toDataURL(): string }).toDataURL().length,
    );
    expect(painted).toBeGreaterThan(5_000);
    const topicRows = await page.locator('#topics-title ~ .table-scroll tbody tr').allTextContents();
    expect(topicRows[0]).toContain('demens');
    expect(topicRows).toHaveLength(7);
    expect(await page.locator('a[href^="/advisers/analytics/topics.csv"]').count()).toBe(1);
    expect(scriptErrors, scriptErrors.join('\n')).toEqual([]);

    const screenshot = artifactPath('advisers-analytics.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    const docs = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
    await mkdir(docs, { recursive: true });
    await copyFile(screenshot, `${docs}advisers-analytics.png`);
    await page.close();
  }, 60_000);
});
