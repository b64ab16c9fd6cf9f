import type { MessageUnderstanding } from '../../src/understanding/understanding.js';
import type { UnderstandingFixture } from './understanding-fixtures.js';

/** Which parts of a fixture an understanding got wrong (empty = all right); shared by the tests and the eval. */
export function fixtureMistakes(options: {
  fixture: UnderstandingFixture;
  understanding: MessageUnderstanding;
}): string[] {
  const { fixture, understanding } = options;
  const mistakes: string[] = [];
  if (understanding.act.kind !== fixture.act) mistakes.push(`act ${understanding.act.kind} ≠ ${fixture.act}`);
  for (const [key, expected] of Object.entries(fixture.actHas ?? {})) {
    const actual = (understanding.act as Record<string, unknown>)[key];
    if (actual !== expected) mistakes.push(`act.${key} ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  for (const [key, expected] of Object.entries(fixture.updateHas ?? {})) {
    const actual = understanding.update[key as keyof typeof understanding.update];
    const matches = Array.isArray(expected)
      ? Array.isArray(actual) &&
        expected.every((item) =>
          (actual as unknown[]).some((value) => String(value).toLowerCase() === String(item).toLowerCase()),
        )
      : typeof expected === 'string'
        ? typeof actual === 'string' && actual.toLowerCase().includes(expected.toLowerCase())
        : actual === expected;
    if (!matches) mistakes.push(`update.${key} ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return mistakes;
}
