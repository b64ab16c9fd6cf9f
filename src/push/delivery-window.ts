/**
 * When a proactive message may go out: never inside the learner's quiet hours (in their time zone), and a
 * digest at most once per calendar period — ISO week or month in that time zone. Pure functions of a
 * moment, so the jobs and the tests agree on every boundary.
 */

const rhythms = ['weekly', 'monthly', 'off'] as const;
export type Rhythm = (typeof rhythms)[number];

export type QuietHours = { startHour: number; endHour: number; timeZone: string };

export const defaultQuietHours: QuietHours = { startHour: 22, endHour: 7, timeZone: 'Europe/Oslo' };

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localParts(moment: Date, timeZone: string): LocalParts {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(moment).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** 22–07 is quiet from 22:00 to 06:59; equal hours mean no quiet hours at all. */
export function isQuietHour(hour: number, quiet: QuietHours): boolean {
  if (quiet.startHour === quiet.endHour) return false;
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/** `moment` itself when it is outside the quiet hours, else the first whole local hour after them. */
export function nextAllowedTime(moment: Date, quiet: QuietHours): Date {
  let candidate = new Date(moment);
  // At most a day of whole hours; each step lands on the next local hour boundary (zones differ by whole or half hours).
  for (let step = 0; step < 26; step += 1) {
    const local = localParts(candidate, quiet.timeZone);
    if (!isQuietHour(local.hour, quiet)) return candidate;
    candidate = new Date(
      candidate.getTime() + ((60 - local.minute) * 60 - local.second) * 1000 - candidate.getMilliseconds(),
    );
  }
  return candidate;
}

/** The calendar period a digest due at `moment` belongs to: "2026-W49" (ISO week) or "2026-12". */
export function periodKey(options: { rhythm: Exclude<Rhythm, 'off'>; moment: Date; timeZone: string }): string {
  const local = localParts(options.moment, options.timeZone);
  if (options.rhythm === 'monthly') return `${local.year}-${String(local.month).padStart(2, '0')}`;
  // ISO 8601 week: the week with the year's first Thursday is week 1.
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
