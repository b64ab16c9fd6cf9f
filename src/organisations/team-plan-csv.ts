import type { TeamPlan } from './team-plan.js';

/**
 * The team plan as CSV (RFC 4180, comma-separated, CRLF): one row per role × skill × offering, and one
 * row per gap with the offering columns empty, so a spreadsheet filter on `status` lists the gaps.
 * Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */

const header = [
  'role',
  'styrk_code',
  'headcount',
  'skill',
  'skill_share',
  'status',
  'rank',
  'offering',
  'provider',
  'free',
  'price_nok',
  'mode',
  'schedule',
  'fit',
  'url',
];

export function teamPlanCsv(plan: TeamPlan): string {
  const rows: (string | number | boolean | null)[][] = [header];
  for (const role of plan.roles) {
    for (const skill of role.skills) {
      const base = [role.title, role.styrkCode, role.headcount, skill.label, skill.share.toFixed(2)];
      if (!skill.offerings.length) rows.push([...base, 'gap', null, null, null, null, null, null, null, null, null]);
      skill.offerings.forEach((offering, index) => {
        rows.push([
          ...base,
          'covered',
          index + 1,
          offering.title,
          offering.provider,
          offering.isFree,
          offering.priceNok,
          offering.mode,
          offering.schedule,
          offering.fit.join(' '),
          offering.url,
        ]);
      });
    }
  }
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

function cell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
