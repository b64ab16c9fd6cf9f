import { describe, expect, it } from 'vitest';
import { isQuietHour, nextAllowedTime, periodKey } from '../../src/push/delivery-window.js';
import { readPushCommand } from '../../src/push/push-commands.js';
import { readUnsubscribeToken, unsubscribeToken } from '../../adapters/push/unsubscribe-token.js';

const oslo = { startHour: 22, endHour: 7, timeZone: 'Europe/Oslo' };

describe('quiet hours', () => {
  it('wraps midnight, and equal hours mean none', () => {
    expect([21, 22, 23, 0, 6, 7].map((hour) => isQuietHour(hour, oslo))).toEqual([
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
    expect(isQuietHour(3, { ...oslo, startHour: 0, endHour: 0 })).toBe(false);
    expect([12, 13, 14].map((hour) => isQuietHour(hour, { ...oslo, startHour: 13, endHour: 14 }))).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('moves a moment inside them to the first hour after, in the learner’s time zone (winter: UTC+1)', () => {
    // 23:30 in Oslo on 2 December 2026 is 22:30 UTC; 07:00 in Oslo is 06:00 UTC the next day.
    expect(nextAllowedTime(new Date('2026-12-02T22:30:00Z'), oslo).toISOString()).toBe('2026-12-03T06:00:00.000Z');
    const noon = new Date('2026-12-02T11:15:00Z');
    expect(nextAllowedTime(noon, oslo)).toEqual(noon);
    // Summer time (UTC+2): 05:10 in Oslo → 07:00 Oslo = 05:00 UTC.
    expect(nextAllowedTime(new Date('2026-06-10T03:10:00Z'), oslo).toISOString()).toBe('2026-06-10T05:00:00.000Z');
  });
});

describe('periods', () => {
  it('are ISO weeks and months in the learner’s time zone', () => {
    // Sunday 3 January 2027 belongs to ISO week 53 of 2026; Monday 4 January starts week 1 of 2027.
    expect(periodKey({ rhythm: 'weekly', moment: new Date('2027-01-03T12:00:00Z'), timeZone: 'Europe/Oslo' })).toBe(
      '2026-W53',
    );
    expect(periodKey({ rhythm: 'weekly', moment: new Date('2027-01-04T12:00:00Z'), timeZone: 'Europe/Oslo' })).toBe(
      '2027-W01',
    );
    // 23:30 UTC on 30 November is already 1 December in Oslo.
    expect(periodKey({ rhythm: 'monthly', moment: new Date('2026-11-30T23:30:00Z'), timeZone: 'Europe/Oslo' })).toBe(
      '2026-12',
    );
    expect(periodKey({ rhythm: 'weekly', moment: new Date('2026-11-29T23:30:00Z'), timeZone: 'Europe/Oslo' })).toBe(
      '2026-W49',
    );
  });
});

describe('push commands in words', () => {
  it.each([
    ['varsle meg om nye kurs', { type: 'follow_profile' }],
    ['notify me about new courses', { type: 'follow_profile' }],
    ['følg med på kurs i sveising', { type: 'follow_topic', topic: 'sveising' }],
    ['Varsle meg om kurs i sveising.', { type: 'follow_topic', topic: 'sveising' }],
    ['follow courses in welding', { type: 'follow_topic', topic: 'welding' }],
    ['mine varsler', { type: 'list' }],
    ['kva følgjer eg', { type: 'list' }],
    ['stopp varsler', { type: 'stop_all' }],
    ['unsubscribe', { type: 'stop_all' }],
    ['ikkje følg med på sveising', { type: 'stop_topic', topic: 'sveising' }],
    ['varsle meg hver måned', { type: 'rhythm', rhythm: 'monthly' }],
    ['notify me weekly', { type: 'rhythm', rhythm: 'weekly' }],
    ['pause varsler', { type: 'rhythm', rhythm: 'off' }],
    ['stille timer 22-07', { type: 'quiet', startHour: 22, endHour: 7 }],
    ['quiet hours 21 to 8', { type: 'quiet', startHour: 21, endHour: 8 }],
  ])('%s', (text, command) => {
    expect(readPushCommand(text)).toEqual(command);
  });

  it('leaves the interview’s sentences alone', () => {
    for (const text of [
      'jeg har 5 timer hver uke',
      'jeg vil lære sveising',
      'I want a course in welding',
      'kurs i Bergen',
    ])
      expect(readPushCommand(text)).toBeUndefined();
  });
});

describe('unsubscribe tokens', () => {
  it('name the learner only when signed with the key', () => {
    const token = unsubscribeToken({ key: 'k'.repeat(32), learnerId: 'learner-1' });
    expect(readUnsubscribeToken({ key: 'k'.repeat(32), token })).toBe('learner-1');
    expect(readUnsubscribeToken({ key: 'x'.repeat(32), token })).toBeUndefined();
    expect(
      readUnsubscribeToken({
        key: 'k'.repeat(32),
        token: token.replace(/^[^.]+/, Buffer.from('learner-2').toString('base64url')),
      }),
    ).toBeUndefined();
    expect(readUnsubscribeToken({ key: 'k'.repeat(32), token: 'garbage' })).toBeUndefined();
  });
});
