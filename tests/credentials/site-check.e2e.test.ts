import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { createCredentialShare } from '../../adapters/storage/credential-share-store.js';
import { addRequirement, createAccessLink, createSite } from '../../adapters/storage/site-store.js';
import { createSiteCheckRoutes } from '../../adapters/web/routes/site-check.js';
import { artifactPath, chromiumPath } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startWorkspace, type WorkspaceServer } from '../support/workspace-client.js';
import { hmsAchievementId, seedSiteCheckWorld, type SiteCheckWorld } from './site-check-fixture.js';

/**
 * The site check in real Chromium. Three credentials issued through the real issuing path — one valid, one
 * revoked, one expired. The valid one is SCANNED: its wallet share link is drawn as a QR code into a video
 * file that Chromium plays as the phone camera (--use-file-for-fake-video-capture), and the page decodes it
 * with jsQR; the other two are pasted. Three verdicts, a screenshot (tests/artifacts, docs/screenshots).
 */

let database: TestDatabase;
let credentials: CredentialService;
let server: WorkspaceServer;
let world: SiteCheckWorld;
let browser: Browser;
let checkUrl: string;
let shareLink: string;
const publicUrl = 'https://veileder.example.no';
const now = new Date();

/** A Y4M video (what Chromium's fake camera plays) showing one QR code, black on white. */
async function qrVideo(text: string): Promise<string> {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const scale = Math.floor(400 / (size + 8));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);
  const luma = Buffer.alloc(width * height, 255);
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (!qr.modules.get(row, column)) continue;
      for (let y = 0; y < scale; y += 1)
        luma.fill(
          0,
          (top + row * scale + y) * width + left + column * scale,
          (top + row * scale + y) * width + left + (column + 1) * scale,
        );
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const file = join(tmpdir(), `veileder-qr-${process.pid}-${Date.now()}.y4m`);
  await writeFile(
    file,
    Buffer.concat([
      Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
      ...Array.from({ length: 10 }, () => frame),
    ]),
  );
  return file;
}

beforeAll(async () => {
  database = await createTestDatabase();
  credentials = createCredentialService({
    pool: database.pool,
    issuer: { publicUrl, name: 'Læringsportalen' },
    secret: { material: Buffer.from('site check browser test secret, long enough') },
    clock: () => now,
  });
  world = await seedSiteCheckWorld({ database, credentials, ownerAdviserId: null, now });
  const site = await createSite(database.pool, {
    organisationId: world.organisationId,
    input: { name: 'Kaibygget, Bryggen', address: 'Bryggen 1', municipality: 'Bergen' },
    adviserId: null,
  });
  await addRequirement(database.pool, {
    site,
    input: { achievementId: hmsAchievementId, achievementName: 'HMS-kurs for bygg og anlegg' },
  });
  const { token } = await createAccessLink(database.pool, {
    siteId: site.id,
    label: 'Formann Kari',
    expiresAt: new Date(now.getTime() + 86_400_000),
    now,
  });
  const share = await createCredentialShare(database.pool, {
    credentialId: world.ids.olaHms,
    expiresAt: new Date(now.getTime() + 86_400_000),
    now,
  });
  shareLink = `${publicUrl}/verify?share=${share.token}`;
  server = await startWorkspace({ database, publicUrl, routes: [createSiteCheckRoutes()], app: { credentials } });
  checkUrl = `${server.url}/site-check/${site.id}?key=${token}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${await qrVideo(shareLink)}`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.drop();
});

describe('site check in the browser', () => {
  it('scans one worker’s QR code, takes two pasted credentials, and shows valid, revoked and expired', async () => {
    const context = await browser.newContext({
      viewport: { width: 430, height: 900 },
      deviceScaleFactor: 2,
      locale: 'nb-NO',
    });
    await context.grantPermissions(['camera'], { origin: server.url });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(checkUrl);
    await page.getByRole('button', { name: 'Skann QR-kode' }).click();
    await expect.poll(() => page.locator('#roster').inputValue(), { timeout: 20_000 }).toContain(shareLink);
    await expect.poll(() => page.locator('#scan-status').textContent()).toBe('Lest: 1');
    await page.getByRole('button', { name: 'Stopp skanning' }).click();

    const scanned = await page.locator('#roster').inputValue();
    await page.locator('#roster').fill(`${scanned}\n${world.jwts.kariHmsRevoked}\n${world.jwts.perHmsExpired}`);
    await Promise.all([
      page.waitForURL(/\/site-check\//),
      page.getByRole('button', { name: 'Sjekk', exact: true }).click(),
    ]);

    const rows = page.locator('tr.worker');
    await expect.poll(() => rows.count()).toBe(3);
    const seen = await rows.evaluateAll((elements) =>
      elements.map((element) => ({
        verdict: element.getAttribute('data-verdict'),
        name: element.querySelector('.name')?.textContent?.trim(),
        badge: element.querySelector('.badge')?.textContent?.trim(),
      })),
    );
    expect(seen).toEqual([
      { verdict: 'valid', name: 'Ola Nordmann', badge: '✓ Gyldig' },
      { verdict: 'revoked', name: 'Kari Hansen', badge: '✗ Trukket tilbake' },
      { verdict: 'expired', name: 'Per Berg', badge: '✗ Utløpt' },
    ]);
    await expect.poll(() => page.locator('.results .stamp').textContent()).toContain('Formann Kari');
    expect(await page.locator('tr.worker[data-verdict="revoked"] .reason').textContent()).toContain(
      'trukket tilbake av utstederen',
    );

    const file = artifactPath('site-check.png');
    await page.screenshot({ path: file, fullPage: true });
    const docs = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
    await mkdir(docs, { recursive: true });
    await copyFile(file, `${docs}site-check.png`);

    // On paper: the dated list of verdicts with site and checker; the form and buttons stay off the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#check-form').isVisible()).toBe(false);
    expect(await page.locator('table.verdicts').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
