import type { Mode, Schedule } from './offering.js';

/**
 * schema.org's `courseMode` mixes two things — the medium ("online", "onsite", "blended", "MOOC", "distance
 * learning") and the pace ("full-time", "part-time") — and providers list several at once:
 * ["MOOC", "online"] and ["distance learning", "Online"] are online, not blended. Each item is read on its
 * own; only online and on-site named together (in one instance or across instances) make blended. Words
 * that are neither (such as "Posted") are ignored. A value may also be a URL whose last segment is the word.
 */

const modeWords: [RegExp, Mode][] = [
  [/^(blended|hybrid|mixed|samlingsbasert|mixedeventattendancemode)$/, 'blended'],
  [
    /^(online|mooc|distancelearning|distance|elearning|web|webbased|virtual|remote|nettbasert|nettstudium|nett|fjernundervisning|asynchronous|synchronous|onlineeventattendancemode|onlineonly)$/,
    'online',
  ],
  [
    /^(onsite|inperson|facetoface|classroom|campus|residential|offlineeventattendancemode|attendance|stedbasert)$/,
    'campus',
  ],
];

const scheduleWords: [RegExp, Schedule][] = [
  [/^(fulltime|heltid)$/, 'full_time'],
  [/^(parttime|deltid)$/, 'part_time'],
  [/^(selfpaced|iegettempo|ownpace|asyoulike)$/, 'self_paced'],
];

function key(word: string): string {
  return word
    .replace(/^.*[/#]/, '')
    .toLowerCase()
    .replace(/[^a-zæøå]/g, '');
}

/** The medium named by one word, if any. */
export function modeOfWord(word: string): Mode | undefined {
  const found = key(word);
  return modeWords.find(([pattern]) => pattern.test(found))?.[1];
}

/** The pace named by one word, if any. */
export function scheduleOfWord(word: string): Schedule | undefined {
  const found = key(word);
  return scheduleWords.find(([pattern]) => pattern.test(found))?.[1];
}

/** Modes named across instances (each a list of words) → one mode; undefined when no word names one. */
export function combineModes(modes: Mode[]): Mode | undefined {
  const named = new Set(modes.filter((mode) => mode !== 'unknown'));
  if (named.size === 0) return undefined;
  if (named.has('blended') || (named.has('online') && named.has('campus'))) return 'blended';
  return [...named][0];
}

/** Paces named across instances → the most common (the first on a tie); undefined when none. */
export function combineSchedules(schedules: Schedule[]): Schedule | undefined {
  const counts = new Map<Schedule, number>();
  for (const schedule of schedules) counts.set(schedule, (counts.get(schedule) ?? 0) + 1);
  let best: Schedule | undefined;
  for (const [schedule, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = schedule;
  return best;
}
