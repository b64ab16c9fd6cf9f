import { readFile } from 'node:fs/promises';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { expect, test } from 'vitest';

// Microsoft publishes the Teams app manifest schema as draft-04 JSON Schema (microsoft/json-schemas,
// teams/v1.30/MicrosoftTeams.schema.json); a copy ships in teams/schema so this check runs offline. The
// manifest with its placeholders filled in (as scripts/package-teams-app.ts does) must pass it, and must
// name the schema version it passes.

async function validator() {
  const schema = JSON.parse(
    await readFile(new URL('../../teams/schema/MicrosoftTeams.v1.30.schema.json', import.meta.url), 'utf8'),
  );
  // Both are CommonJS modules whose class is their `default` export.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  return { schema, validate: ajv.compile(schema) };
}

async function filledManifest() {
  const template = await readFile(new URL('../../teams/manifest.json', import.meta.url), 'utf8');
  return JSON.parse(
    template
      .replaceAll('{{MicrosoftAppId}}', '3f1c2a9e-8b7d-4c6e-9a5f-1b2c3d4e5f60')
      .replaceAll('{{PublicUrl}}', 'https://veileder.example.no')
      .replaceAll('{{PublicHost}}', 'veileder.example.no'),
  );
}

test('the Teams manifest is valid against the shipped v1.30 schema', async () => {
  const { schema, validate } = await validator();
  const manifest = await filledManifest();
  validate(manifest);
  expect(validate.errors ?? []).toEqual([]);
  expect(manifest.manifestVersion).toBe(schema.properties.manifestVersion.const);
  expect(manifest.$schema).toBe(
    `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
  );
  expect(new URL(manifest.developer.privacyUrl).pathname).toBe('/personvern');
  expect(new URL(manifest.developer.termsOfUseUrl).pathname).toBe('/vilkar');
});

test('the schema check catches a broken manifest (it is not vacuous)', async () => {
  const { validate } = await validator();
  const manifest = await filledManifest();
  expect(validate({ ...manifest, manifestVersion: '1.17' })).toBe(false);
  const { developer: _developer, ...withoutDeveloper } = manifest;
  expect(validate(withoutDeveloper)).toBe(false);
  expect(validate({ ...manifest, accentColor: 'blue' })).toBe(false);
});
