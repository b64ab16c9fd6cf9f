/**
 * Small-group suppression for demand counted by skill, county and industry, with complementary suppression.
 *
 * Leaving a group of fewer than `minimum` out is not enough when its totals are shown: a skill's total over
 * all counties minus the counties shown is the suppressed county's count. So, for every shown group and each
 * way it splits (a total by county and by industry, a county by industry, an industry by county), the part
 * not shown — the parent's count minus its shown parts — must be 0 or at least `minimum`; otherwise the
 * smallest shown part is suppressed too, until it is. Each count (organisations, learners) is protected on
 * its own; counts that follow one (the people of the organisations) are shown or hidden with it.
 */

type DemandCell = { skillId: string; county: string | null; industryCode: string | null };
/** A count of the group, or null: suppressed (fewer than the minimum, or hidden so that one cannot be derived). */
export type Shown = number | null;

/**
 * Which cells may show the count: `count(cell)` is the true count of each cell (every cell of the cube the
 * caller has: all, by county, by industry, by both). Returns the value to show for each cell.
 */
export function suppressCounts<T extends DemandCell>(options: {
  cells: T[];
  count: (cell: T) => number;
  minimum: number;
}): Map<T, Shown> {
  const { cells, count, minimum } = options;
  const shown = new Map<T, Shown>(cells.map((cell) => [cell, count(cell) >= minimum ? count(cell) : null]));
  // Each parent with its splits: [parent, parts] for every dimension a parent can be split by.
  const splits: [T, T[]][] = [];
  for (const parent of cells) {
    const parts = (match: (cell: T) => boolean) => cells.filter((cell) => cell !== parent && match(cell));
    const sameSkill = (cell: T) => cell.skillId === parent.skillId;
    if (parent.county === null && parent.industryCode === null) {
      splits.push([parent, parts((cell) => sameSkill(cell) && cell.county !== null && cell.industryCode === null)]);
      splits.push([parent, parts((cell) => sameSkill(cell) && cell.industryCode !== null && cell.county === null)]);
    } else if (parent.county !== null && parent.industryCode === null) {
      splits.push([
        parent,
        parts((cell) => sameSkill(cell) && cell.county === parent.county && cell.industryCode !== null),
      ]);
    } else if (parent.industryCode !== null && parent.county === null) {
      splits.push([
        parent,
        parts((cell) => sameSkill(cell) && cell.industryCode === parent.industryCode && cell.county !== null),
      ]);
    }
  }
  // Suppressing one part can open another split: repeat until nothing changes (each round hides one more cell).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [parent, parts] of splits) {
      const total = shown.get(parent);
      if (total === null || total === undefined) continue;
      const visible = parts.filter((part) => shown.get(part) !== null);
      const hidden = total - visible.reduce((sum, part) => sum + (shown.get(part) ?? 0), 0);
      if (hidden <= 0 || hidden >= minimum || visible.length === 0) continue;
      const smallest = visible.reduce((left, right) =>
        (shown.get(right) ?? 0) < (shown.get(left) ?? 0) ? right : left,
      );
      shown.set(smallest, null);
      changed = true;
    }
  }
  return shown;
}
