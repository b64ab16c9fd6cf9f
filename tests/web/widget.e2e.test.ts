import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactPath, launchChromium } from '../support/browser.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';

// The embeddable widget on the /chat demo page in real Chromium, against the real server, assistant and
// PostgreSQL: a whole conversation in Norwegian, keyboard only, ending in suggestions and a rating.

let server: ChannelServer;
let browser: Browser;

beforeAll(async () => {
  server = await startChannelServer({ environment: {} });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function say(page: Page, text: string, expectText: RegExp) {
  const input = page.getByRole('textbox', { name: 'Skriv en melding' });
  await input.fill(text);
  await input.press('Enter');
  await page.getByRole('log').getByText(expectText).last().waitFor({ timeout: 15_000 });
  await page
    .getByRole('status')
    .filter({ hasText: 'skriver' })
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => {});
}

/** WCAG contrast ratio of an element's text colour against the first opaque background behind it. */
async function contrastRatios(page: Page, selectors: string[]): Promise<Record<string, number>> {
  // Runs in the page; the test project has no DOM typings, hence the loose types.
  return page.evaluate((list) => {
    const browserWindow = globalThis as any;
    const root = browserWindow.document.querySelector('#veileder-widget').shadowRoot;
    const getComputedStyle = browserWindow.getComputedStyle as (element: any) => {
      color: string;
      backgroundColor: string;
    };
    const parse = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (value: number) => {
        const share = value / 255;
        return share <= 0.03928 ? share / 12.92 : ((share + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const result: Record<string, number> = {};
    for (const selector of list) {
      const element = root.querySelector(selector);
      if (!element) continue;
      let background: number[] = [255, 255, 255, 1];
      for (let node = element; node; node = node.parentElement) {
        const value = parse(getComputedStyle(node).backgroundColor);
        if (value.length === 3 || (value.length === 4 && value[3]! > 0.99)) {
          background = value;
          break;
        }
      }
      const [light, dark] = [luminance(parse(getComputedStyle(element).color)), luminance(background)].sort(
        (a, b) => b - a,
      );
      result[selector] = (light! + 0.05) / (dark! + 0.05);
    }
    return result;
  }, selectors);
}

test('a Norwegian conversation in the widget ends in suggestions and a rating, by keyboard, with AA contrast', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'nb-NO' });
  await page.goto(`${server.url}/chat?lang=nb`);
  const dialog = page.getByRole('dialog', { name: 'Veileder' });
  await dialog.waitFor();
  await expect
    .poll(() =>
      page
        .getByRole('textbox', { name: 'Skriv en melding' })
        .evaluate((input: any) => input === input.getRootNode().activeElement),
    )
    .toBe(true);

  await say(page, 'Hei! Jeg er sykepleier og vil lære mer om ledelse', /Hvor mye tid har du/); // suggestions first, then the one open question
  await say(page, 'Jeg har fem timer i uka', /Notert: 5 timer i uka/);
  await say(page, 'Helst på nett, og gjerne gratis', /Her er \d+ forslag/);

  const suggestions = page.getByRole('list', { name: 'Forslag' }).last().getByRole('listitem');
  expect(await suggestions.count()).toBeGreaterThanOrEqual(3);
  const first = suggestions.first();
  expect(await first.getByRole('link').getAttribute('href')).toMatch(/^https?:\/\//);
  const useful = first.getByRole('button', { name: /Nyttig/ });
  // Keyboard only: focus the rating button and press Enter.
  await useful.focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('log')
    .getByText(/Takk! Jeg har lagret 5 av 5/)
    .waitFor({ timeout: 15_000 });
  expect(await useful.getAttribute('aria-pressed')).toBe('true');

  const sessionId = await page.evaluate(() => (globalThis as any).localStorage.getItem('veileder:session'));
  const { rows } = await server.harness.database.pool.query(
    `SELECT r.score FROM rating r JOIN channel_identity i ON i.learner_id = r.learner_id WHERE i.channel = 'web' AND i.external_id = $1 AND r.offering_id IS NOT NULL`,
    [`session:${String(sessionId).split('.')[1]}`],
  );
  expect(rows).toEqual([{ score: 5 }]);

  const ratios = await contrastRatios(page, [
    'header h2',
    '.message.user',
    '.message.bot',
    '.facts',
    '.reason',
    '.buttons button',
    'form button',
    '.suggestion a',
  ]);
  expect(Object.keys(ratios).length).toBe(8);
  for (const [selector, ratio] of Object.entries(ratios)) expect(ratio, selector).toBeGreaterThanOrEqual(4.5);

  await page.screenshot({ path: artifactPath('widget-conversation.png') });

  // Escape closes the dialog and gives focus back to the launcher; the session survives a reload.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  const launcher = page.getByRole('button', { name: 'Chat med Veileder' });
  expect(await launcher.evaluate((button: any) => button === button.getRootNode().activeElement)).toBe(true);
  expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  await page.reload();
  await say(page, 'Hva vet du om meg?', /sykepleier/i);
  expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('veileder:session'))).toBe(sessionId);
  await page.close();
});

test('on a phone the widget fills the screen and speaks Nynorsk when the page asks for it', async () => {
  const page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  await page.goto(`${server.url}/chat?lang=nn`);
  const dialog = page.getByRole('dialog', { name: 'Veileder' });
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  expect(box).toMatchObject({ x: 0, width: 375 });
  expect(await page.getByRole('textbox', { name: 'Skriv ei melding' }).getAttribute('placeholder')).toBe(
    'Kva vil du lære?',
  );
  await say2(page, 'Eg er lærar og vil lære meir om programmering', /Kor mykje tid har du/);
  await page.screenshot({ path: artifactPath('widget-phone-nn.png') });
  await page.close();
});

async function say2(page: Page, text: string, expectText: RegExp) {
  const input = page.getByRole('textbox', { name: 'Skriv ei melding' });
  await input.fill(text);
  await input.press('Enter');
  await page.getByRole('log').getByRole('listitem').nth(2).getByText(expectText).waitFor({ timeout: 15_000 });
}

test('a session id the server no longer accepts is dropped and the conversation starts afresh', async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, locale: 'nb-NO' });
  // An id of the unsigned kind an older widget kept: the server answers 401, the widget starts a new session.
  const stale = '3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60';
  await page.addInitScript((id) => (globalThis as any).localStorage.setItem('veileder:session', id), stale);
  await page.goto(`${server.url}/chat`);
  await page.getByRole('dialog', { name: 'Veileder' }).waitFor();
  await say(page, 'Jeg vil lære mer om ledelse', /Her er \d+ forslag/);
  expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('veileder:session'))).toMatch(/^ws1\./);
  await page.close();
});
