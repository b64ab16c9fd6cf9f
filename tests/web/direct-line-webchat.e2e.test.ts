import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifactPath, launchChromium } from '../support/browser.js';
import { startChannelServer, type ChannelServer } from '../support/channel-server.js';

// The official Bot Framework Web Chat (botframework-webchat 4.18.1's dist/webchat.js) in real Chromium,
// connected by polling to Veileder's own Direct Line endpoints — no Azure in between.

// The package's exports map hides dist/, so the bundle is read by path.
const webChatBundle = readFileSync(
  fileURLToPath(new URL('../../node_modules/botframework-webchat/dist/webchat.js', import.meta.url)),
);
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

const page = `<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Web Chat</title></head>
<body style="margin:0"><div id="webchat" style="height:100vh"></div>
<script src="/test-assets/webchat.js"></script>
<script>
  (async () => {
    const response = await fetch('/v3/directline/tokens/generate', { method: 'POST' });
    const { token } = await response.json();
    const directLine = window.WebChat.createDirectLine({ token, domain: location.origin + '/v3/directline', webSocket: false, pollingInterval: 300 });
    window.WebChat.renderWebChat({ directLine, locale: 'nb-NO' }, document.getElementById('webchat'));
  })();
</script></body></html>`;

test('Web Chat holds a Norwegian conversation over Direct Line, shows the suggestion card and sends a rating from it', async () => {
  const tab = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  // The test page and the bundle are served at Veileder's origin, so Web Chat calls /v3/directline same-origin.
  await tab.route(`${server.url}/test-assets/webchat.js`, (route) =>
    route.fulfill({ body: webChatBundle, contentType: 'text/javascript' }),
  );
  await tab.route(`${server.url}/test-assets/webchat.html`, (route) =>
    route.fulfill({ body: page, contentType: 'text/html' }),
  );
  await tab.goto(`${server.url}/test-assets/webchat.html`);

  await expect.poll(() => tab.getByText('Jeg er Veileder').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  const sendBox = tab.getByRole('textbox').first();
  const say = async (text: string, expectText: RegExp) => {
    await sendBox.fill(text);
    await sendBox.press('Enter');
    await tab.getByText(expectText).last().waitFor({ timeout: 15_000 });
  };
  await say('Hei! Jeg er sykepleier og vil lære mer om ledelse', /Hvor mye tid har du/); // suggestions first, then the one open question
  await say('Jeg har fem timer i uka', /Notert: 5 timer i uka/);
  await say('Helst på nett, og gjerne gratis', /Her er \d+ forslag/);

  const useful = tab.getByRole('button', { name: '👍 Nyttig' }).first();
  await useful.waitFor({ timeout: 15_000 });
  await useful.click();
  await tab
    .getByText(/Takk! Jeg har lagret 5 av 5/)
    .first()
    .waitFor({ timeout: 15_000 });
  await tab.screenshot({ path: artifactPath('direct-line-webchat.png'), fullPage: false });

  const { rows } = await server.harness.database.pool.query(
    `SELECT r.score FROM rating r JOIN channel_identity i ON i.learner_id = r.learner_id WHERE i.channel = 'web' AND i.external_id LIKE 'dl\\_%' AND r.offering_id IS NOT NULL`,
  );
  expect(rows).toEqual([{ score: 5 }]);
  await tab.close();
});
