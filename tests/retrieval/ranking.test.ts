import { describe, expect, it } from 'vitest';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { resolvePlace } from '../../src/catalogue/places.js';
import { profileSchema } from '../../src/profile/profile.js';
import { profileFit } from '../../src/retrieval/profile-fit.js';
import { diversify } from '../../src/retrieval/recommend.js';
import { checkConstraints, constraintsFromProfile } from '../../src/retrieval/search-constraints.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

const now = new Date('2026-11-29T00:00:00Z');
const offering = (overrides: Partial<CatalogueOffering> = {}): CatalogueOffering =>
  catalogueOffering({ updatedAt: now, ...overrides });

describe('hard constraints', () => {
  it('never treats an unknown value as meeting a constraint', () => {
    expect(checkConstraints({ offering: offering({ isFree: null }), constraints: { free: true }, now }).meets).toBe(
      false,
    );
    expect(
      checkConstraints({ offering: offering({ mode: 'unknown' }), constraints: { modes: ['online'] }, now }).meets,
    ).toBe(false);
    expect(checkConstraints({ offering: offering(), constraints: { maxHoursPerWeek: 10 }, now }).meets).toBe(false);
    expect(checkConstraints({ offering: offering(), constraints: { maxPriceNok: 1000 }, now }).meets).toBe(false);
    expect(checkConstraints({ offering: offering(), constraints: { startWithinMonths: 3 }, now }).meets).toBe(false);
  });
  it('names every constraint it meets', () => {
    const check = checkConstraints({
      offering: offering({
        isFree: true,
        mode: 'blended',
        schedule: 'part_time',
        hoursPerWeek: 8,
        startDates: ['2027-01-10'],
      }),
      constraints: {
        free: true,
        accredited: true,
        modes: ['online'],
        partTime: true,
        places: [resolvePlace('Vestlandet')!],
        languages: ['nb'],
        levels: ['bachelor'],
        maxHoursPerWeek: 10,
        maxPriceNok: 0,
        startWithinMonths: 3,
      },
      now,
    });
    expect(check).toEqual({
      meets: true,
      met: [
        'free',
        'accredited:NOKUT',
        'mode:blended',
        'schedule:part_time',
        'region:Vestlandet',
        'language:nb',
        'level:bachelor',
        'hoursPerWeek:8',
        'priceNok:0',
        'start:2027-01-10',
      ],
    });
  });
  it('a place turned down leaves out what is held only there; elsewhere too, online or unknown stays', () => {
    const constraints = constraintsFromProfile(profileSchema.parse({ avoidPlaces: ['Oslo'] }));
    const meets = (overrides: Partial<CatalogueOffering>) =>
      checkConstraints({ offering: offering({ mode: 'campus', ...overrides }), constraints, now }).meets;
    expect(meets({ cities: ['Oslo'] })).toBe(false);
    expect(meets({ cities: ['Oslo', 'Bergen'] })).toBe(true);
    expect(meets({ cities: ['Bergen'] })).toBe(true);
    expect(meets({ cities: ['Oslo'], mode: 'online' })).toBe(true);
    expect(meets({ cities: [], counties: [] })).toBe(true);
    const notVestland = constraintsFromProfile(profileSchema.parse({ avoidPlaces: ['Vestland'] }));
    const held = (cities: string[]) =>
      checkConstraints({ offering: offering({ mode: 'campus', cities }), constraints: notVestland, now }).meets;
    expect(held(['Bergen', 'Førde'])).toBe(false);
    expect(held(['Bergen', 'Trondheim'])).toBe(true);
  });
  it('places: a city, a county, a region; an online offering passes when online is accepted', () => {
    expect(
      checkConstraints({ offering: offering(), constraints: { places: [resolvePlace('Trondheim')!] }, now }).meets,
    ).toBe(false);
    expect(
      checkConstraints({ offering: offering(), constraints: { places: [resolvePlace('Bergen')!] }, now }).met,
    ).toEqual(['city:Bergen']);
    expect(
      checkConstraints({ offering: offering(), constraints: { places: [resolvePlace('Vestland')!] }, now }).met,
    ).toEqual(['county:Vestland']);
    const online = offering({ mode: 'online', cities: [], municipalities: [], counties: [] });
    expect(checkConstraints({ offering: online, constraints: { places: [resolvePlace('Bergen')!] }, now }).meets).toBe(
      false,
    );
    expect(
      checkConstraints({ offering: online, constraints: { places: [resolvePlace('Bergen')!], modes: ['online'] }, now })
        .meets,
    ).toBe(true);
  });

  it('an online offering passes the places when online is only wished for ("helst på nett")', () => {
    const online = offering({ mode: 'online', cities: [], municipalities: [], counties: [] });
    const inBergen = profileSchema.parse({ places: ['Bergen'] });
    const check = (profile: typeof inBergen) =>
      checkConstraints({ offering: online, constraints: constraintsFromProfile(profile), now });
    expect(check(inBergen).meets).toBe(false);
    expect(check({ ...inBergen, wishes: { modes: ['online'], places: [], levels: [] } })).toEqual({
      meets: true,
      met: ['place:online'],
    });
    expect(check({ ...inBergen, wishes: { modes: ['campus'], places: [], levels: [] } }).meets).toBe(false);
  });
});

describe('profile fit', () => {
  it('lifts offerings that meet soft wishes and names why', () => {
    const profile = profileSchema.parse({ wishes: { places: ['Bergen'], partTime: true, levels: ['bachelor'] } });
    const fit = profileFit({
      offering: offering({ schedule: 'part_time' }),
      profile,
      rating: { average: 4.5, count: 10 },
      wishedPlaces: [resolvePlace('Bergen')!],
    });
    expect(fit.reasons).toEqual([
      'city:Bergen',
      'level:bachelor',
      'schedule:part_time',
      'accredited:NOKUT',
      'rated 4.5',
    ]);
    expect(fit.lift).toBeGreaterThan(1);
    const none = profileFit({
      offering: offering({ provider: { id: 'p', name: 'X', kind: 'unknown', accreditedBy: null } }),
      profile: profileSchema.parse({}),
      rating: { average: 5, count: 1 },
      wishedPlaces: [],
    });
    expect(none).toEqual({ lift: 0, reasons: [] });
  });
});

describe('wishes the offering is known not to meet', () => {
  const plain = { provider: { id: 'p', name: 'X', kind: 'unknown' as const, accreditedBy: null } };
  const fitOf = (profile: ReturnType<typeof profileSchema.parse>, overrides: Partial<CatalogueOffering>) =>
    profileFit({ offering: offering({ ...plain, ...overrides }), profile, rating: undefined, wishedPlaces: [] });
  it('lowers a known other level, full time when part time is wished, a known other mode; leaves unknown alone', () => {
    const profile = profileSchema.parse({ wishes: { levels: ['bachelor'], partTime: true, modes: ['online'] } });
    expect(fitOf(profile, { level: 'one_year', schedule: 'unknown', mode: 'unknown' })).toEqual({
      lift: -0.3,
      reasons: [],
    });
    expect(fitOf(profile, { level: 'unknown', schedule: 'full_time', mode: 'unknown' })).toEqual({
      lift: -0.3,
      reasons: [],
    });
    expect(fitOf(profile, { level: 'unknown', schedule: 'unknown', mode: 'campus' })).toEqual({
      lift: -0.3,
      reasons: [],
    });
    expect(fitOf(profile, { level: 'unknown', schedule: 'unknown', mode: 'unknown' })).toEqual({
      lift: 0,
      reasons: [],
    });
  });
  it('lowers a folk high school year for someone speaking of a job, unless they asked for one', () => {
    const folk = { level: 'folk_high_school' as const, type: 'folk_high_school' };
    expect(fitOf(profileSchema.parse({ goals: ['trener'] }), folk).lift).toBe(-0.3);
    expect(fitOf(profileSchema.parse({ goals: ['trener'], levels: ['folk_high_school'] }), folk).lift).toBe(0);
    expect(fitOf(profileSchema.parse({}), folk).lift).toBe(0);
  });
  it('takes a first degree as the way in for someone who wants to become something and has no role or degree', () => {
    const wishes = { levels: ['bachelor', 'master'] };
    const newcomer = profileSchema.parse({ goals: ['sykepleier'], wishes });
    const twoYearMaster = {
      level: 'master' as const,
      credits: 120,
      schedule: 'unknown' as const,
      mode: 'unknown' as const,
    };
    const integratedMaster = {
      level: 'master' as const,
      credits: 300,
      schedule: 'unknown' as const,
      mode: 'unknown' as const,
    };
    const bachelor = {
      level: 'bachelor' as const,
      credits: 180,
      schedule: 'unknown' as const,
      mode: 'unknown' as const,
    };
    expect(fitOf(newcomer, bachelor).lift).toBe(0.35);
    expect(fitOf(newcomer, integratedMaster).lift).toBe(0.35);
    expect(fitOf(newcomer, twoYearMaster).lift).toBe(-0.3);
    // A role or a degree on record, or a master asked for outright: the two-year master is a way on.
    expect(
      fitOf(
        profileSchema.parse({ goals: ['revisor'], occupation: { text: 'regnskapsmedarbeider' }, wishes }),
        twoYearMaster,
      ).lift,
    ).toBe(0.35);
    expect(
      fitOf(profileSchema.parse({ goals: ['lektor'], educationLevel: 'bachelor', wishes }), twoYearMaster).lift,
    ).toBe(0.35);
    expect(fitOf(profileSchema.parse({ goals: ['arkitekt'], levels: ['master'], wishes }), twoYearMaster).lift).toBe(
      0.35,
    );
  });
  it('lowers an offering known to be taught only in a language few here follow; Scandinavian, English or unknown stay', () => {
    const anyone = profileSchema.parse({});
    expect(fitOf(anyone, { languages: ['es'] }).lift).toBe(-0.3);
    expect(fitOf(anyone, { languages: ['es', 'en'] }).lift).toBe(0);
    expect(fitOf(anyone, { languages: ['sv'] }).lift).toBe(0);
    expect(fitOf(anyone, { languages: [] }).lift).toBe(0);
  });
});

describe('hours a week from the conversation', () => {
  const profile = profileSchema.parse({ time: { hoursPerWeek: 5 } });
  const fitOf = (overrides: Partial<CatalogueOffering>) =>
    profileFit({
      offering: offering({ provider: { id: 'p', name: 'X', kind: 'unknown', accreditedBy: null }, ...overrides }),
      profile,
      rating: undefined,
      wishedPlaces: [],
    });
  it('lifts an offering known to fit, lowers a known misfit (stated hours or full time), leaves unknown alone', () => {
    expect(fitOf({ schedule: 'part_time', hoursPerWeek: 4 })).toEqual({ lift: 0.2, reasons: ['fits 5 h/week'] });
    expect(fitOf({ schedule: 'part_time', hoursPerWeek: 10 })).toEqual({
      lift: -0.4,
      reasons: ['needs about 10 h/week'],
    });
    expect(fitOf({ schedule: 'full_time', hoursPerWeek: null })).toEqual({
      lift: -0.4,
      reasons: ['needs about 37.5 h/week'],
    });
    expect(fitOf({ schedule: 'unknown', hoursPerWeek: null })).toEqual({ lift: 0, reasons: [] });
  });
  it('is not a hard constraint from the profile, while the explicit filter stays hard', () => {
    expect(constraintsFromProfile(profile).maxHoursPerWeek).toBeUndefined();
    expect(
      checkConstraints({
        offering: offering({ hoursPerWeek: null }),
        constraints: constraintsFromProfile(profile),
        now,
      }).meets,
    ).toBe(true);
    expect(
      checkConstraints({ offering: offering({ hoursPerWeek: null }), constraints: { maxHoursPerWeek: 5 }, now }).meets,
    ).toBe(false);
    expect(
      checkConstraints({ offering: offering({ hoursPerWeek: 8 }), constraints: { maxHoursPerWeek: 5 }, now }).meets,
    ).toBe(false);
  });
});

describe('provider diversity', () => {
  it('lets two offerings of one provider through, then lowers the rest', () => {
    const scored = ['a', 'b', 'c', 'd'].map((id, index) => ({
      offering: offering({ id, provider: { id: 'same', name: 'S', kind: 'unknown', accreditedBy: null } }),
      score: 1 - index * 0.01,
      reasons: { matchedTerms: [], matchedConcepts: [], constraintsMet: [], profileFit: [] },
    }));
    scored.push({
      offering: offering({ id: 'other', provider: { id: 'other', name: 'O', kind: 'unknown', accreditedBy: null } }),
      score: 0.9,
      reasons: scored[0]!.reasons,
    });
    expect(diversify({ scored, limit: 4, repeatFactor: 0.85 }).map((result) => result.offering.id)).toEqual([
      'a',
      'b',
      'other',
      'c',
    ]);
  });
});
