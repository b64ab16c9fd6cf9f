import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { promptsDirectory } from '../../adapters/assistant/create-assistant.js';
import { chatRoutes } from '../../adapters/web/routes/chat.js';
import { createAdviserChangeStore } from '../../adapters/storage/adviser-change-store.js';
import {
  createAdviserSuggestionsExtension,
  type AdviserChangeSource,
} from '../../src/advisers/adviser-suggestions-extension.js';
import type { Reply } from '../../src/dialogue/turn.js';
import { loadReplyTemplates } from '../../src/prompts/reply-templates.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';
import { artifactPath, launchChromium } from '../support/browser.js';
import { addAdviser, startWorkspace, type WorkspaceServer } from '../support/workspace-client.js';

// The whole loop in real Chromium against the real server, assistant and PostgreSQL: two learners chat
// through POST /api/chat, an adviser signs in, approves one suggestion set and changes the other (removes
// a suggestion, adds one found by search), and the learner's next POST /api/chat carries the change.

let harness: AssistantHarness;
let workspace: WorkspaceServer;
let browser: Browser;
let source: AdviserChangeSource | undefined;
const password = 'nettleser-passord-123';

beforeAll(async () => {
  const templates = await loadReplyTemplates({ directory: promptsDirectory });
  const extension = createAdviserSuggestionsExtension({
    source: { takeUnseenChanges: (learnerId) => source!.takeUnseenChanges(learnerId) },
    templates,
  });
  harness = await startAssistantHarness({ extensions: [extension] });
  source = createAdviserChangeStore({ pool: harness.database.pool });
  workspace = await startWorkspace({
    database: harness.database,
    routes: [chatRoutes],
    app: { handleTurn: (turn) => harness.assistant.handleTurn(turn) },
  });
  await addAdviser(harness.database, { email: 'kari@veileder.example.no', password, name: 'Kari Veileder' });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await workspace?.close();
  await harness?.close();
});

async function chat(body: Record<string, unknown>): Promise<{ sessionId: string; reply: Reply }> {
  const response = await fetch(`${workspace.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { sessionId: string; reply: Reply };
}

async function learnerWithSuggestions(text: string): Promise<{ sessionId: string; reply: Reply }> {
  const first = await chat({ text });
  const shown = first.reply.suggestions.length
    ? first
    : await chat({ sessionId: first.sessionId, action: { type: 'show_now' } });
  expect(shown.reply.suggestions.length).toBeGreaterThan(0);
  return shown;
}

/** Form controls a screen reader could not name (no label, aria-label or aria-labelledby). */
function unlabelledControls(page: Page): Promise<string[]> {
  // Runs in the page; the test project has no DOM typings, hence the loose types.
  return page.evaluate(() => {
    const document = (globalThis as any).document;
    return [...document.querySelectorAll('input:not([type=hidden]):not([hidden]), select, textarea')]
      .filter(
        (control: any) =>
          control.labels.length === 0 &&
          !control.getAttribute('aria-label') &&
          !control.getAttribute('aria-labelledby'),
      )
      .map((control: any) => control.outerHTML as string);
  });
}

async function openSet(page: Page, learnerWords: RegExp) {
  await page.goto(`${workspace.url}/advisers?reviewed=no`);
  await page.getByRole('row').filter({ hasText: learnerWords }).getByRole('link').click();
  await page.getByRole('heading', { name: 'Samtalen' }).waitFor();
}

test('an adviser approves one set and changes another; the learner sees the change in their next reply', async () => {
  const nurse = await learnerWithSuggestions('Jeg er sykepleier og vil lære mer om demens.');
  const developer = await learnerWithSuggestions('Jeg vil lære programmering i Python på nett.');

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${workspace.url}/advisers`);
  await page.getByLabel('E-post').fill('kari@veileder.example.no');
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { name: 'Gjennomgang av forslag' }).waitFor();
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: /sykepleier/ })
      .count(),
  ).resolves.toBe(1);
  await page.screenshot({ path: artifactPath('advisers-queue.png'), fullPage: true });
  expect(await unlabelledControls(page)).toEqual([]);
  await expect(page.getByRole('main').count()).resolves.toBe(1);
  await expect(page.getByRole('navigation', { name: 'Hovedmeny' }).count()).resolves.toBe(1);

  // Approve the developer's set.
  await openSet(page, /Python/);
  await page.getByRole('button', { name: 'Godkjenn' }).click();
  await page.getByRole('status').filter({ hasText: 'Forslagene er godkjent.' }).waitFor();

  // Change the nurse's set: remove the first suggestion, add one found by search.
  await openSet(page, /sykepleier/);
  await page.screenshot({ path: artifactPath('advisers-set.png'), fullPage: true });
  expect(await unlabelledControls(page)).toEqual([]);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Hopp til innholdet');
  const removed = nurse.reply.suggestions[0]!;
  await page.getByRole('checkbox', { name: `Fjern: ${removed.title}` }).check();
  await page.getByLabel('Søk i katalogen').fill('helse');
  await page.getByRole('button', { name: 'Søk' }).click();
  const addBox = page.getByRole('checkbox', { name: /^Legg til:/ }).first();
  await addBox.waitFor();
  const addedId = await addBox.getAttribute('value');
  // The search reloaded the page: tick the removal again, then the addition.
  await page.getByRole('checkbox', { name: `Fjern: ${removed.title}` }).check();
  await addBox.check();
  await page.getByLabel(/Kommentar/).fill('Et kurs som passer bedre for sykepleiere.');
  await page.getByRole('button', { name: 'Lagre endringer' }).click();
  await page.getByRole('status').filter({ hasText: 'Endringene er lagret.' }).waitFor();

  await page.goto(`${workspace.url}/advisers?reviewed=yes`);
  await page.screenshot({ path: artifactPath('advisers-queue-reviewed.png'), fullPage: true });
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.context().addCookies((await page.context().cookies()).map((cookie) => ({ ...cookie })));
  await phone.goto(`${workspace.url}/advisers`);
  await phone.screenshot({ path: artifactPath('advisers-queue-phone.png'), fullPage: true });
  await phone.close();
  await page.close();

  // The learners come back through the web chat's API.
  const nurseNext = await chat({ sessionId: nurse.sessionId, text: 'Hei igjen, har du noe mer?' });
  expect(nurseNext.reply.text).toContain('Veilederen din har sett på forslagene du fikk, og foreslår også:');
  expect(nurseNext.reply.text).toContain(`passer dårligere for deg: ${removed.title}`);
  expect(nurseNext.reply.suggestions[0]).toMatchObject({ offeringId: addedId, reason: 'Foreslått av veilederen din.' });
  const developerNext = await chat({ sessionId: developer.sessionId, text: 'Takk!' });
  expect(developerNext.reply.text).toContain(
    'En veileder har sett på forslagene du fikk, og mener de passer godt for deg.',
  );
  // Once only.
  expect((await chat({ sessionId: nurse.sessionId, text: 'Takk' })).reply.text).not.toContain('Veilederen din');

  const documentation = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
  mkdirSync(documentation, { recursive: true });
  copyFileSync(artifactPath('advisers-queue.png'), `${documentation}advisers-queue.png`);
}, 120_000);
