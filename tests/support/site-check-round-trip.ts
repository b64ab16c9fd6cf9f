import { expect } from 'vitest';
import type { PrismaClient } from '../../adapters/storage/generated/client.js';

/**
 * The site check and tender models' part of roundTripEveryModel (migration 20261130070000_site_check):
 * each written through the client and read back; deleting the organisation takes its sites, their
 * requirements, links and checks, and its tender bundles with it.
 */
export async function roundTripSiteCheckModels(options: { prisma: PrismaClient; suffix: string }): Promise<string[]> {
  const { prisma, suffix } = options;
  const touched: string[] = [];
  const check = async (model: string, written: Record<string, unknown>, read: Promise<unknown>) => {
    expect(await read, model).toMatchObject(written);
    touched.push(model);
  };
  const when = new Date('2026-11-30T08:00:00.000Z');
  const adviser = await prisma.adviser.create({ data: { email: `site-${suffix}@example.no` } });
  const organisation = await prisma.organisation.create({
    data: { name: 'Fjordbygg AS', organisationNumber: `8${suffix}`.slice(0, 9), ownerAdviserId: adviser.id },
  });
  const role = await prisma.organisationRole.create({
    data: { organisationId: organisation.id, styrkCode: '7115', title: 'Tømrer' },
  });
  const site = await prisma.site.create({
    data: {
      organisationId: organisation.id,
      name: 'Kaibygget',
      address: 'Bryggen 1',
      municipality: 'Bergen',
      activeFrom: new Date('2026-11-01'),
      activeUntil: new Date('2027-06-30'),
      createdByAdviserId: adviser.id,
    },
  });
  await check(
    'Site',
    { municipality: 'Bergen', activeFrom: new Date('2026-11-01'), activeUntil: new Date('2027-06-30') },
    prisma.site.findUniqueOrThrow({ where: { id: site.id } }),
  );
  await expect(
    prisma.site.create({
      data: {
        organisationId: organisation.id,
        name: 'Baklengs',
        activeFrom: new Date('2027-01-01'),
        activeUntil: new Date('2026-01-01'),
      },
    }),
  ).rejects.toThrow(); // CHECK
  const requirement = await prisma.siteRequirement.create({
    data: { siteId: site.id, achievementId: 'urn:uuid:hms', achievementName: 'HMS-kurs', roleId: role.id },
  });
  await check(
    'SiteRequirement',
    { achievementId: 'urn:uuid:hms', roleId: role.id },
    prisma.siteRequirement.findUniqueOrThrow({ where: { id: requirement.id } }),
  );
  await prisma.siteRequirement.create({
    data: { siteId: site.id, achievementId: 'urn:uuid:hms', achievementName: 'HMS-kurs' },
  });
  await expect(
    prisma.siteRequirement.create({
      data: { siteId: site.id, achievementId: 'urn:uuid:hms', achievementName: 'HMS-kurs igjen' },
    }),
  ).rejects.toThrow(); // unique with COALESCE(role_id, '')
  await prisma.siteAccessLink.create({
    data: { tokenHash: `site-${suffix}`, siteId: site.id, label: 'Formann Kari', expiresAt: when, revokedAt: when },
  });
  await check(
    'SiteAccessLink',
    { label: 'Formann Kari', revokedAt: when },
    prisma.siteAccessLink.findUniqueOrThrow({ where: { tokenHash: `site-${suffix}` } }),
  );
  const results = [
    {
      name: 'Ola',
      verdict: 'valid',
      reasons: [],
      achievements: [{ name: 'HMS-kurs', validUntil: null, outcome: 'valid' }],
    },
  ];
  const saved = await prisma.siteCheck.create({
    data: { siteId: site.id, checker: 'Formann Kari', checkedByAdviserId: adviser.id, results, expiresAt: when },
  });
  await check(
    'SiteCheck',
    { checker: 'Formann Kari', results },
    prisma.siteCheck.findUniqueOrThrow({ where: { id: saved.id } }),
  );
  const items = [{ credentialId: 'urn:uuid:c', memberId: 'm', shareToken: 't' }];
  const bundle = await prisma.tenderBundle.create({
    data: {
      organisationId: organisation.id,
      title: 'Anbud',
      filter: { roleId: role.id },
      items,
      createdByAdviserId: adviser.id,
      expiresAt: when,
    },
  });
  await check(
    'TenderBundle',
    { title: 'Anbud', items },
    prisma.tenderBundle.findUniqueOrThrow({ where: { id: bundle.id } }),
  );

  await prisma.adviser.delete({ where: { id: adviser.id } });
  expect(await prisma.siteCheck.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({
    checkedByAdviserId: null,
  }); // SET NULL
  await prisma.organisation.delete({ where: { id: organisation.id } });
  expect(await prisma.site.findUnique({ where: { id: site.id } })).toBeNull();
  expect(await prisma.siteCheck.findUnique({ where: { id: saved.id } })).toBeNull();
  expect(await prisma.tenderBundle.findUnique({ where: { id: bundle.id } })).toBeNull();
  return touched;
}
