import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { zipFiles } from './zip-files.js';

/**
 * Builds the Teams app package to upload in Teams (Apps → Manage your apps → Upload an app) or the Teams
 * admin centre: teams/manifest.json with the bot's app id and public URL filled in, plus the two icons.
 *
 *   npx tsx scripts/package-teams-app.ts --app-id <MicrosoftAppId> --public-url https://veileder.example.no [--out dist/veileder-teams.zip]
 *
 * --app-id defaults to MicrosoftAppId and --public-url to VEILEDER_PUBLIC_URL from the environment.
 */
const argumentsSchema = z.object({
  appId: z
    .string({
      error: "give --app-id (or set MicrosoftAppId): the Application (client) ID of the bot's Entra app registration",
    })
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      "--app-id must be the bot's Application (client) ID, a GUID",
    ),
  publicUrl: z
    .string({
      error:
        'give --public-url (or set VEILEDER_PUBLIC_URL): where Veileder is reachable, e.g. https://veileder.example.no',
    })
    .url()
    .refine((url) => url.startsWith('https://'), 'Teams needs an https:// public URL'),
  out: z.string().default('dist/veileder-teams.zip'),
});

export async function packageTeamsApp(options: {
  appId: string;
  publicUrl: string;
  out: string;
  sourceDirectory?: string;
}): Promise<{ file: string; bytes: number }> {
  const source = options.sourceDirectory ?? new URL('../teams/', import.meta.url).pathname;
  const publicUrl = options.publicUrl.replace(/\/$/, '');
  const template = await readFile(path.join(source, 'manifest.json'), 'utf8');
  const manifest = template
    .replaceAll('{{MicrosoftAppId}}', options.appId)
    .replaceAll('{{PublicUrl}}', publicUrl)
    .replaceAll('{{PublicHost}}', new URL(publicUrl).host);
  const leftOver = /\{\{(\w+)\}\}/.exec(manifest);
  if (leftOver) throw new Error(`teams/manifest.json has a placeholder this script does not fill: {{${leftOver[1]}}}`);
  JSON.parse(manifest);
  const zip = zipFiles([
    { name: 'manifest.json', content: Buffer.from(manifest) },
    { name: 'color.png', content: await readFile(path.join(source, 'color.png')) },
    { name: 'outline.png', content: await readFile(path.join(source, 'outline.png')) },
  ]);
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  await writeFile(options.out, zip);
  return { file: path.resolve(options.out), bytes: zip.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { 'app-id': { type: 'string' }, 'public-url': { type: 'string' }, out: { type: 'string' } },
  });
  const parsed = argumentsSchema.safeParse({
    appId: values['app-id'] ?? (process.env.MicrosoftAppId || undefined),
    publicUrl: values['public-url'] ?? (process.env.VEILEDER_PUBLIC_URL || undefined),
    out: values.out,
  });
  if (!parsed.success) {
    process.stderr.write(`${parsed.error.issues.map((issue) => issue.message).join('\n')}\n`);
    process.exit(2);
  }
  const result = await packageTeamsApp(parsed.data);
  process.stdout.write(
    `Wrote ${result.file} (${result.bytes} bytes): upload it in Teams → Apps → Manage your apps → Upload an app.\n`,
  );
}
