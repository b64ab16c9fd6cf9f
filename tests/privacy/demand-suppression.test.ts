import { describe, expect, it } from 'vitest';
import { suppressCounts } from '../../src/privacy/demand-suppression.js';

/** Small groups hidden, and the groups whose showing would let a total minus its parts give a small group away. */

type Cell = { skillId: string; county: string | null; industryCode: string | null; n: number };
const cell = (county: string | null, industryCode: string | null, n: number, skillId = 'skill'): Cell => ({
  skillId,
  county,
  industryCode,
  n,
});
const shownOf = (cells: Cell[], minimum = 3) => {
  const shown = suppressCounts({ cells, count: (one) => one.n, minimum });
  return cells.map((one) => [one.county ?? 'all', one.industryCode ?? 'all', shown.get(one)]);
};

describe('complementary suppression', () => {
  it('hides the smallest shown county too when the total minus the shown ones would give away a small one', () => {
    expect(
      shownOf([cell(null, null, 10), cell('Agder', null, 5), cell('Oslo', null, 4), cell('Viken', null, 1)]),
    ).toEqual([
      ['all', 'all', 10],
      ['Agder', 'all', 5],
      ['Oslo', 'all', null], // 10 − 5 − 4 would be Viken's 1
      ['Viken', 'all', null],
    ]);
  });

  it('keeps every part when nothing small is left over', () => {
    expect(shownOf([cell(null, null, 10), cell('Agder', null, 5), cell('Oslo', null, 5)])).toEqual([
      ['all', 'all', 10],
      ['Agder', 'all', 5],
      ['Oslo', 'all', 5],
    ]);
    // Left over, but enough not to point at anyone: 10 − 4 = 6 in counties under 3 or not given.
    expect(shownOf([cell(null, null, 10), cell('Agder', null, 4), cell('Oslo', null, 2)]).map((row) => row[2])).toEqual(
      [10, 4, null],
    );
  });

  it('counts those who gave no county as left over too: two without a county are a small group', () => {
    expect(shownOf([cell(null, null, 8), cell('Agder', null, 3), cell('Oslo', null, 3)]).map((row) => row[2])).toEqual([
      8,
      null,
      3,
    ]);
  });

  it('follows a hidden part into the other splits it belongs to, until nothing more can be derived', () => {
    const cells = [
      cell(null, null, 9),
      cell('Agder', null, 6),
      cell('Oslo', null, 3),
      cell(null, '41', 7),
      cell(null, '43', 2),
      cell('Agder', '41', 4),
      cell('Agder', '43', 2),
      cell('Oslo', '41', 3),
    ];
    const shown = shownOf(cells);
    // Industry 43 (2) is small: 9 − 7 would give it, so 41 goes; Agder × 43 (2) is small: Agder 6 − 4 would
    // give it, so Agder × 41 goes; then Agder 6 − nothing shown is 6, safe.
    expect(shown).toEqual([
      ['all', 'all', 9],
      ['Agder', 'all', 6],
      ['Oslo', 'all', 3],
      ['all', '41', null],
      ['all', '43', null],
      ['Agder', '41', null],
      ['Agder', '43', null],
      ['Oslo', '41', 3],
    ]);
  });

  it('shows nothing of a skill below the minimum, and keeps skills apart', () => {
    expect(shownOf([cell(null, null, 2), cell(null, null, 5, 'other'), cell('Agder', null, 5, 'other')])).toEqual([
      ['all', 'all', null],
      ['all', 'all', 5],
      ['Agder', 'all', 5],
    ]);
  });
});
