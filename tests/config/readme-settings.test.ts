import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { configurationSections } from '../../adapters/configuration.js';
import { sectionVariables } from '../../adapters/settings/settings-section.js';

// README's configuration table is what operators read; the settings sections are what Veileder reads. The two
// must name the same variables, so a new setting cannot ship undocumented and a removed one cannot linger.

async function readmeVariables(): Promise<Set<string>> {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  // The first cell of a row names one variable or several, each in backticks.
  const names = rows.flatMap((row) =>
    [...(row.split(' | ')[0] ?? '').matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1] ?? ''),
  );
  return new Set(names);
}

test("README's configuration table lists exactly the variables the settings sections read", async () => {
  const documented = await readmeVariables();
  const read = [...sectionVariables(configurationSections).keys()];
  expect(read.length).toBeGreaterThan(40);
  expect(read.filter((name) => !documented.has(name)).sort(), 'read but missing from README').toEqual([]);
  expect([...documented].filter((name) => !read.includes(name)).sort(), 'in README but read by nothing').toEqual([]);
});

test('every variable carries a description in its schema', () => {
  const undescribed = [...sectionVariables(configurationSections)]
    .filter(([, schema]) => !schema.description?.trim())
    .map(([name]) => name);
  expect(undescribed).toEqual([]);
});
