import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPromptFolder, loadPromptLibrary } from '../../src/prompts/prompt-library.js';
import { loadReplyTemplates, templateKeys } from '../../src/prompts/reply-templates.js';

const promptsDirectory = fileURLToPath(new URL('../../prompts', import.meta.url));
const copies: string[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A copy of the real prompts folder, broken by `breakIt`, so each fixture differs from the product in one way. */
async function brokenCopy(breakIt: (directory: string) => Promise<void>) {
  const directory = await mkdtemp(path.join(tmpdir(), 'veileder-prompts-'));
  copies.push(directory);
  await cp(promptsDirectory, directory, { recursive: true });
  await breakIt(directory);
  return directory;
}

describe('prompt folders', () => {
  it('loads the product prompts and renders their variables', async () => {
    const library = await loadPromptLibrary({ directory: promptsDirectory, names: ['understand', 'compose'] });
    const compose = library.get('compose');
    expect(compose.config.budget.maxOfferings).toBe(5);
    const text = compose.render({ language: 'nn', count: 3 });
    expect(text).toContain('"nn"');
    expect(text).not.toMatch(/\{\{/);
    expect(() => compose.render({ language: 'nn' })).toThrow(/no value for \{\{count\}\}/);
  });

  it.each([
    [
      'config.json that is not JSON',
      'config.json',
      '{ "schemaVersion": 1,',
      /compose[/\\]config\.json: not valid JSON/,
    ],
    [
      'unknown schema version',
      'config.json',
      (config: Record<string, unknown>) => ({ ...config, schemaVersion: 2 }),
      /schemaVersion/,
    ],
    [
      'a negative token budget',
      'config.json',
      (config: Record<string, unknown>) => ({ ...config, budget: { maxInputTokens: -5 } }),
      /budget\.maxInputTokens/,
    ],
    [
      'an unknown setting',
      'config.json',
      (config: Record<string, unknown>) => ({ ...config, temprature: 1 }),
      /temprature/,
    ],
    [
      'a placeholder not declared',
      'prompt.txt',
      'Write in {{language}} about {{count}} and {{secret}}.',
      /\{\{secret\}\} not declared/,
    ],
    ['a declared variable never used', 'prompt.txt', 'Write in {{language}}.', /never uses: count/],
    ['an empty prompt', 'prompt.txt', '   \n', /prompt is empty/],
  ])('rejects %s, naming the file', async (_label, file, change, message) => {
    const directory = await brokenCopy(async (copy) => {
      const target = path.join(copy, 'compose', file);
      if (typeof change === 'string') await writeFile(target, change);
      else {
        await writeFile(target, JSON.stringify(change(JSON.parse(await readFile(target, 'utf8')))));
      }
    });
    await expect(loadPromptFolder({ directory, name: 'compose' })).rejects.toThrow(message);
  });

  it('rejects a missing prompt.txt', async () => {
    const directory = await brokenCopy((copy) => rm(path.join(copy, 'compose', 'prompt.txt')));
    await expect(loadPromptFolder({ directory, name: 'compose' })).rejects.toThrow(/prompt\.txt: missing/);
  });
});

describe('reply templates', () => {
  it('loads nb, nn and en with every key', async () => {
    const templates = await loadReplyTemplates({ directory: promptsDirectory });
    for (const language of ['nb', 'nn', 'en'] as const) {
      for (const key of templateKeys)
        expect(
          templates.text(language, key, {
            count: 3,
            rank: 1,
            title: 'T',
            provider: 'P',
            by: 'NOKUT',
            amount: '1 000',
            hours: 5,
            weeks: 4,
            credits: 15,
            average: '4.5',
            terms: 'x',
            labels: 'y',
            place: 'Bergen',
            reasons: 'r',
            score: 5,
            facts: 'f',
            value: 'v',
            change: 'c',
            url: 'https://veileder.example/x',
            minutes: 15,
            days: 365,
            retention: 'R',
            titles: 'A, B',
            level: 'L',
            topics: 'X',
            constraint: 'C',
            ranks: '2 og 4',
            occupation: 'tømrer',
            skills: '«x»',
            because: 'y-vei: bygg',
          }),
        ).not.toBe('');
    }
    expect(templates.text('nn', 'question_time')).toMatch(/Kor mykje tid/);
  });

  it('rejects a language file missing a key', async () => {
    const directory = await brokenCopy(async (copy) => {
      const file = path.join(copy, 'replies', 'nn.json');
      const { help: _removed, ...rest } = JSON.parse(await readFile(file, 'utf8'));
      await writeFile(file, JSON.stringify(rest));
    });
    await expect(loadReplyTemplates({ directory })).rejects.toThrow(/nn\.json: help/);
  });

  it('rejects a translation whose placeholders differ from English', async () => {
    const directory = await brokenCopy(async (copy) => {
      const file = path.join(copy, 'replies', 'nb.json');
      await writeFile(
        file,
        JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), rating_saved: 'Takk! {score} av 5.' }),
      );
    });
    await expect(loadReplyTemplates({ directory })).rejects.toThrow(
      /nb\.json: "rating_saved" has placeholders \[score\] but en\.json has \[score,title\]/,
    );
  });
});
