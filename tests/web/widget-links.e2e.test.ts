import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createWidgetRouter } from '../../adapters/web/widget/widget-router.js';
import type { Reply } from '../../src/dialogue/turn.js';
import { launchChromium } from '../support/browser.js';
import { hostile } from '../support/hostile-offerings.js';

// Security issue 15, item 4: the widget runs on other people's portal pages, so it checks every link itself
// rather than trusting the server (an older server, or rows imported before URLs were checked). The real
// widget script and router over HTTP, a portal page embedding it, and an /api/chat that answers with
// javascript:, data: and credential URLs, in real Chromium.

let server: Server;
let baseUrl: string;
let browser: Browser;

const suggestion = (index: number, title: string, url: string | null) => ({
  offeringId: `o${index}`,
  title,
  provider: 'Kursfabrikken',
  accredited: null,
  isFree: true,
  priceNok: null,
  price: 'Gratis',
  mode: 'online',
  place: null,
  workload: null,
  rating: null,
  url,
  reason: 'Handler om ledelse',
});
const hostileReply: Reply = {
  sessionId: 'hostile-session',
  text: 'Her er 4 forslag:',
  language: 'nb',
  suggestions: [
    suggestion(1, 'Ledelse med javascript', hostile.javascriptUrl),
    suggestion(2, 'Ledelse med data', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='),
    suggestion(3, 'Ledelse med passord', 'https://nokut.no@evil.example/login'),
    suggestion(4, 'Ledelse i praksis', 'https://kurs.example.no/ledelse'),
  ] as Reply['suggestions'],
};

beforeAll(async () => {
  const app = express();
  app.use(createWidgetRouter());
  app.post(
    '/hostile/api/chat',
    (_request, response) =>
      void response
        .set('Access-Control-Allow-Origin', '*')
        .json({ sessionId: hostileReply.sessionId, reply: hostileReply }),
  );
  app.options(
    '/hostile/api/chat',
    (_request, response) =>
      void response
        .set({
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Headers': 'Content-Type, Accept, Accept-Language',
        })
        .status(204)
        .end(),
  );
  app.get('/portal', (_request, response) =>
    response
      .type('html')
      .send(
        `<!doctype html><html lang="nb"><body><h1>Portal</h1><script src="/widget.js" data-veileder-endpoint="/hostile/api/chat" data-veileder-open="true"></script></body></html>`,
      ),
  );
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('the widget links only http(s) addresses without credentials, whatever the server sends', async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/portal`);
  const input = page.getByRole('textbox', { name: 'Skriv en melding' });
  await input.fill('ledelse');
  await input.press('Enter');
  const suggestions = page.getByRole('list', { name: 'Forslag' }).getByRole('listitem');
  await suggestions.nth(3).waitFor({ timeout: 15_000 });
  for (const title of ['Ledelse med javascript', 'Ledelse med data', 'Ledelse med passord']) {
    const item = suggestions.filter({ hasText: title });
    expect(await item.getByRole('heading').textContent()).toContain(title);
    expect(await item.getByRole('link').count(), title).toBe(0);
  }
  expect(await suggestions.filter({ hasText: 'Ledelse i praksis' }).getByRole('link').getAttribute('href')).toBe(
    'https://kurs.example.no/ledelse',
  );
  await page.close();
});
