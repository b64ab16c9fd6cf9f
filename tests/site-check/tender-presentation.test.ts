import { describe, expect, it } from 'vitest';
import type { OpenBadgeCredential } from '../../src/credentials/open-badge.js';
import {
  buildTenderPresentation,
  matchesTenderFilter,
  readEnvelopedCredentials,
} from '../../src/tender/tender-presentation.js';

const credential = (achievementId: string, skills: { targetName: string; targetUrl: string }[]) =>
  ({
    credentialSubject: {
      achievement: {
        id: achievementId,
        alignment: skills.map((skill) => ({
          type: ['Alignment'],
          targetFramework: 'ESCO',
          targetType: 'ceasn:Competency',
          ...skill,
        })),
      },
    },
  }) as unknown as OpenBadgeCredential;

describe('tender presentation', () => {
  it('envelopes each VC-JWT as a data: URL and reads them back in order', () => {
    const presentation = buildTenderPresentation({
      id: 'urn:uuid:1',
      name: 'Anbud',
      description: 'd',
      jwts: ['a.b.c', 'd.e.f'],
    });
    expect(presentation).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'urn:uuid:1',
      type: ['VerifiablePresentation'],
      name: 'Anbud',
      description: 'd',
      verifiableCredential: [
        {
          '@context': 'https://www.w3.org/ns/credentials/v2',
          id: 'data:application/vc+jwt,a.b.c',
          type: 'EnvelopedVerifiableCredential',
        },
        {
          '@context': 'https://www.w3.org/ns/credentials/v2',
          id: 'data:application/vc+jwt,d.e.f',
          type: 'EnvelopedVerifiableCredential',
        },
      ],
    });
    expect(readEnvelopedCredentials(JSON.parse(JSON.stringify(presentation)))).toEqual({
      jwts: ['a.b.c', 'd.e.f'],
      unreadable: 0,
    });
  });

  it('counts entries that are not enveloped VC-JWTs instead of skipping them silently', () => {
    expect(
      readEnvelopedCredentials({
        verifiableCredential: [
          { type: 'EnvelopedVerifiableCredential', id: 'data:application/vc+sd-jwt,x' },
          { id: 'urn:x' },
          'text',
        ],
      }),
    ).toEqual({ jwts: [], unreadable: 3 });
    expect(readEnvelopedCredentials(null)).toEqual({ jwts: [], unreadable: 0 });
  });

  it('filters by achievement id and by skill (ESCO URI exactly, or part of the label)', () => {
    const hms = credential('urn:hms', [
      { targetName: 'følge sikkerhetsrutiner', targetUrl: 'http://data.europa.eu/esco/skill/s1' },
    ]);
    expect(matchesTenderFilter(hms, {})).toBe(true);
    expect(matchesTenderFilter(hms, { achievementId: 'urn:hms' })).toBe(true);
    expect(matchesTenderFilter(hms, { achievementId: 'urn:other' })).toBe(false);
    expect(matchesTenderFilter(hms, { skill: 'http://data.europa.eu/esco/skill/s1' })).toBe(true);
    expect(matchesTenderFilter(hms, { skill: 'Sikkerhet' })).toBe(true);
    expect(matchesTenderFilter(hms, { skill: 'sveise' })).toBe(false);
    expect(matchesTenderFilter(credential('urn:x', []), { skill: 'sikkerhet' })).toBe(false);
  });
});
