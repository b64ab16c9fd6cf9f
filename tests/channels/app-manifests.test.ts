import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { slackBotScopes } from '../../adapters/slack/slack-router.js';
import { packageTeamsApp } from '../../scripts/package-teams-app.js';

// The app manifests in the repo must match what the adapters serve, and the Teams package must be a zip
// that Teams accepts: manifest.json with the ids filled in and both icons at their required sizes.

/** Reads a zip through its central directory, inflating and checking every entry's CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let position = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let index = 0; index < count; index++) {
    expect(zip.readUInt32LE(position)).toBe(0x02014b50);
    const method = zip.readUInt16LE(position + 10);
    const checksum = zip.readUInt32LE(position + 16);
    const compressedSize = zip.readUInt32LE(position + 20);
    const nameLength = zip.readUInt16LE(position + 28);
    const extraLength = zip.readUInt16LE(position + 30);
    const commentLength = zip.readUInt16LE(position + 32);
    const localOffset = zip.readUInt32LE(position + 42);
    const name = zip.subarray(position + 46, position + 46 + nameLength).toString('utf8');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const content = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(content), name).toBe(checksum);
    files.set(name, content);
    position += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

test('the Teams package holds the filled-in manifest and icons of 192×192 and 32×32', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'veileder-teams-'));
  try {
    const appId = '3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60';
    const result = await packageTeamsApp({
      appId,
      publicUrl: 'https://veileder.example.no/',
      out: path.join(directory, 'veileder.zip'),
    });
    const files = readZip(await readFile(result.file));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({
      id: appId,
      bots: [{ botId: appId }],
      validDomains: ['veileder.example.no'],
      developer: { privacyUrl: 'https://veileder.example.no/personvern' },
    });
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(pngSize(files.get('color.png')!)).toEqual({ width: 192, height: 192 });
    expect(pngSize(files.get('outline.png')!)).toEqual({ width: 32, height: 32 });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test('the Slack manifest subscribes to exactly the events and command the adapter handles, all at /slack/events', async () => {
  const manifest = JSON.parse(await readFile(new URL('../../slack/manifest.json', import.meta.url), 'utf8'));
  const adapter = await readFile(new URL('../../adapters/slack/slack-router.ts', import.meta.url), 'utf8');
  expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
    'app_home_opened',
    'app_mention',
    'app_uninstalled',
    'message.im',
    'tokens_revoked',
  ]);
  for (const event of ['app_home_opened', 'app_mention', 'app_uninstalled', 'tokens_revoked'])
    expect(adapter).toContain(`app.event('${event}'`);
  expect(adapter).toContain('app.message(');
  expect(manifest.features.slash_commands.map((command: { command: string }) => command.command)).toEqual([
    '/veileder',
  ]);
  expect(adapter).toContain("app.command('/veileder'");
  const urls = [
    manifest.settings.event_subscriptions.request_url,
    manifest.settings.interactivity.request_url,
    manifest.features.slash_commands[0].url,
  ];
  for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  expect(manifest.oauth_config.scopes.bot).toEqual(
    expect.arrayContaining(['chat:write', 'commands', 'im:history', 'app_mentions:read']),
  );
  // "Add to Slack" asks for exactly the manifest's scopes and comes back to /slack/oauth_redirect.
  expect([...slackBotScopes].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  expect(manifest.oauth_config.redirect_urls.map((url: string) => new URL(url).pathname)).toEqual([
    '/slack/oauth_redirect',
  ]);
});
