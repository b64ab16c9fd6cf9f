import { expect } from 'vitest';
import type { PrismaClient } from '../../adapters/storage/generated/client.js';

/**
 * The credential models' part of roundTripEveryModel: each written through the client and read back, and
 * the learner's credential kept (learner id, JWT copy and name cleared by the trigger) when the learner goes.
 */
export async function roundTripCredentialModels(options: {
  prisma: PrismaClient;
  offeringId: string;
  providerId: string;
  suffix: string;
}): Promise<string[]> {
  const { prisma, suffix } = options;
  const touched: string[] = [];
  const check = async (model: string, written: Record<string, unknown>, read: Promise<unknown>) => {
    expect(await read, model).toMatchObject(written);
    touched.push(model);
  };
  const when = new Date('2026-11-30T08:00:00.000Z');
  const key = await prisma.credentialSigningKey.create({
    data: {
      id: `key-${suffix}`,
      algorithm: 'ES256',
      publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
      privateKeyEncrypted: 'iv.tag.ciphertext',
      retiredAt: when,
    },
  });
  await check(
    'CredentialSigningKey',
    { algorithm: 'ES256', publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, retiredAt: when },
    prisma.credentialSigningKey.findUniqueOrThrow({ where: { id: key.id } }),
  );
  const list = await prisma.credentialStatusList.create({
    data: { id: `list-${suffix}`, sizeBits: 131_072, nextIndex: 3, jwt: 'a.b.c' },
  });
  await check(
    'CredentialStatusList',
    { purpose: 'revocation', sizeBits: 131_072, nextIndex: 3, jwt: 'a.b.c' },
    prisma.credentialStatusList.findUniqueOrThrow({ where: { id: list.id } }),
  );
  const learner = await prisma.learner.create({ data: {} });
  const adviser = await prisma.adviser.create({ data: { email: `cred-${suffix}@example.no` } });
  const credential = await prisma.credential.create({
    data: {
      id: `urn:uuid:${suffix}`,
      learnerId: learner.id,
      subjectId: `urn:uuid:subject-${suffix}`,
      recipientName: 'Kari',
      offeringId: options.offeringId,
      achievementId: 'urn:uuid:a',
      achievementName: 'HMS',
      achievementType: 'Certificate',
      source: 'adviser',
      providerId: options.providerId,
      issuedByAdviserId: adviser.id,
      keyId: key.id,
      statusListId: list.id,
      statusIndex: 7,
      validFrom: when,
      validUntil: new Date('2028-11-30T08:00:00.000Z'),
      jwt: 'h.p.s',
      jwtSha256: 'f'.repeat(64),
    },
  });
  await check(
    'Credential',
    { learnerId: learner.id, statusIndex: 7, achievementType: 'Certificate', jwt: 'h.p.s', revokedAt: null },
    prisma.credential.findUniqueOrThrow({ where: { id: credential.id } }),
  );
  const share = await prisma.credentialShare.create({
    data: { tokenHash: `share-${suffix}`, credentialId: credential.id, expiresAt: when },
  });
  await check(
    'CredentialShare',
    { credentialId: credential.id, expiresAt: when, revokedAt: null },
    prisma.credentialShare.findUniqueOrThrow({ where: { tokenHash: share.tokenHash } }),
  );
  const apiKey = await prisma.providerApiKey.create({
    data: { id: `pk-${suffix}`, providerId: options.providerId, keyHash: `hash-${suffix}`, label: 'LMS' },
  });
  await check(
    'ProviderApiKey',
    { providerId: options.providerId, label: 'LMS', revokedAt: null },
    prisma.providerApiKey.findUniqueOrThrow({ where: { id: apiKey.id } }),
  );

  await prisma.learner.delete({ where: { id: learner.id } });
  expect(await prisma.credential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({
    learnerId: null,
    jwt: null,
    recipientName: null,
    achievementName: 'HMS',
  });
  return touched;
}
