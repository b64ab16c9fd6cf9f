import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialService, type CredentialService } from '../../adapters/credentials/credential-service.js';
import { composeCredentialUseCases, type CredentialUseCases } from '../../adapters/credentials/credential-use-cases.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// The completion use cases as the composition root builds them: real PostgreSQL behind the ports, the real issuer.

let database: TestDatabase;
let service: CredentialService;
let useCases: CredentialUseCases;
let providerId: string;
let otherProviderId: string;
let offeringId: string;
let learnerId: string;
let adviserId: string;
const issuer = { publicUrl: 'https://veileder.example.no', name: 'Læringsportalen' };
const escoUri = 'http://data.europa.eu/esco/skill/0f3e1f7a-2222-4222-8222-000000000002';

beforeAll(async () => {
  database = await createTestDatabase();
  service = createCredentialService({
    pool: database.pool,
    issuer,
    secret: { material: Buffer.from('use case test secret, long enough for hkdf input') },
  });
  useCases = composeCredentialUseCases({ pool: database.pool, credentials: service });
  providerId = (await database.prisma.provider.create({ data: { name: 'Sveis AS', normalizedName: 'sveis as' } })).id;
  otherProviderId = (await database.prisma.provider.create({ data: { name: 'Annen AS', normalizedName: 'annen as' } }))
    .id;
  offeringId = (
    await database.prisma.offering.create({
      data: {
        title: 'Sveisekurs',
        description: 'MIG/MAG-sveising for nybegynnere.',
        providerId,
        dedupeKey: 'sveis',
        contentHash: 'sveis',
        languages: ['nb'],
        cities: [],
        municipalities: [],
        counties: [],
        startDates: [],
        subjects: [],
        skills: [],
        occupations: [],
        industries: [],
      },
    })
  ).id;
  await database.prisma.taxonomyConcept.create({
    data: {
      id: 'esco_skill:sveise',
      scheme: 'esco_skill',
      code: 'sveise',
      uri: escoUri,
      label: 'sveise',
      altLabels: [],
    },
  });
  await database.prisma.offeringConcept.create({ data: { offeringId, conceptId: 'esco_skill:sveise', weight: 1 } });
  learnerId = (await database.prisma.learner.create({ data: {} })).id;
  adviserId = (await database.prisma.adviser.create({ data: { email: 'veileder@example.no' } })).id;
});

afterAll(async () => {
  await database?.drop();
});

describe('recordProviderCompletion', () => {
  it('fills what the report leaves out from the offering, with the default criteria and type', async () => {
    const issued = await useCases.recordProviderCompletion({
      providerId,
      completion: { offeringId, learnerId, recipient: { name: 'Kari Nordmann' } },
    });
    const achievement = issued.credential.credentialSubject.achievement;
    expect(achievement).toMatchObject({
      id: `${issuer.publicUrl}/api/offerings/${offeringId}#achievement`,
      name: 'Sveisekurs',
      description: 'MIG/MAG-sveising for nybegynnere.',
      criteria: { narrative: 'Fullført kurset hos tilbyderen.' },
      achievementType: 'Course',
    });
    expect(achievement.alignment).toEqual([expect.objectContaining({ targetUrl: escoUri })]);
    expect((await service.store.findById(issued.id))?.providerId).toBe(providerId);
  });

  it('refuses an unknown learner, an unknown offering and another provider’s offering', async () => {
    const report = (options: { providerId: string; offeringId?: string; learnerId?: string }) =>
      useCases.recordProviderCompletion({
        providerId: options.providerId,
        completion: { offeringId: options.offeringId, learnerId: options.learnerId, recipient: { name: 'Ola' } },
      });
    await expect(report({ providerId, offeringId, learnerId: 'no-such-learner' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(report({ providerId, offeringId: 'no-such-offering' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(report({ providerId: otherProviderId, offeringId })).rejects.toMatchObject({
      code: 'invalid_request',
    });
    await expect(report({ providerId })).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('says credentials are switched off when the server has no credential service', async () => {
    const off = composeCredentialUseCases({ pool: database.pool, credentials: undefined });
    await expect(
      off.recordProviderCompletion({ providerId, completion: { offeringId, recipient: { name: 'Ola' } } }),
    ).rejects.toMatchObject({ code: 'invalid_configuration' });
  });
});

describe('recordAdviserCompletion', () => {
  const completion = {
    learnerId: '',
    recipient: { name: 'Kari Nordmann' },
    criteria: 'Bestod praktisk prøve.',
    achievementType: 'Certificate' as const,
    evidence: [{ url: undefined, name: undefined, narrative: undefined }, { name: 'Prøveprotokoll' }],
  };

  it('names the achievement after the offering, keeps the adviser’s criteria, and drops empty evidence', async () => {
    const issued = await useCases.recordAdviserCompletion({
      adviserId,
      completion: { ...completion, learnerId, offeringId },
    });
    expect(issued.credential.credentialSubject.achievement).toMatchObject({
      name: 'Sveisekurs',
      criteria: { narrative: 'Bestod praktisk prøve.' },
      achievementType: 'Certificate',
    });
    expect(issued.credential.evidence).toEqual([expect.objectContaining({ name: 'Prøveprotokoll' })]);
    expect((await service.store.findById(issued.id))?.issuedByAdviserId).toBe(adviserId);
  });

  it('describes an achievement without an offering by its name, and refuses one with neither', async () => {
    const issued = await useCases.recordAdviserCompletion({
      adviserId,
      completion: { ...completion, learnerId, achievementName: 'Truckførerbevis' },
    });
    expect(issued.credential.credentialSubject.achievement).toMatchObject({
      name: 'Truckførerbevis',
      description: 'Truckførerbevis',
    });
    await expect(
      useCases.recordAdviserCompletion({ adviserId, completion: { ...completion, learnerId } }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(
      useCases.recordAdviserCompletion({ adviserId, completion: { ...completion, learnerId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
