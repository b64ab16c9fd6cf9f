import { expect } from 'vitest';
import type { PrismaClient } from '../../adapters/storage/generated/client.js';

/** The push models' part of roundTripEveryModel; a learner's push rows go with the learner, a match outlives neither its digest nor its subscription (SET NULL). */
export async function roundTripPushModels(options: {
  prisma: PrismaClient;
  offeringId: string;
  suffix: string;
}): Promise<string[]> {
  const { prisma, offeringId, suffix } = options;
  const touched: string[] = [];
  const check = async (model: string, written: Record<string, unknown>, read: Promise<unknown>) => {
    expect(await read, model).toMatchObject(written);
    touched.push(model);
  };
  const when = new Date('2026-12-01T06:00:00.000Z');
  const learner = await prisma.learner.create({ data: { locale: 'nn' } });
  await prisma.pushPreference.create({
    data: {
      learnerId: learner.id,
      rhythm: 'monthly',
      quietStartHour: 21,
      quietEndHour: 8,
      language: 'nn',
      offerDeclinedAt: when,
    },
  });
  await check(
    'PushPreference',
    {
      rhythm: 'monthly',
      quietStartHour: 21,
      quietEndHour: 8,
      timeZone: 'Europe/Oslo',
      offerDeclinedAt: when,
      unsubscribedAt: null,
    },
    prisma.pushPreference.findUniqueOrThrow({ where: { learnerId: learner.id } }),
  );
  const subscription = await prisma.pushSubscription.create({
    data: { learnerId: learner.id, kind: 'topic', topic: 'sveising' },
  });
  await check(
    'PushSubscription',
    { kind: 'topic', topic: 'sveising' },
    prisma.pushSubscription.findUniqueOrThrow({ where: { id: subscription.id } }),
  );
  const payload = {
    text: { nb: 'Nye kurs', nn: 'Nye kurs', en: 'New courses' },
    items: [{ title: 'Sveising', reason: 'matcher «sveising»' }],
    buttons: [],
  };
  const message = await prisma.pushMessage.create({
    data: {
      learnerId: learner.id,
      kind: 'digest',
      dedupeKey: `digest:${learner.id}:2026-12-${suffix}`,
      period: '2026-12',
      payload,
      state: 'sent',
      channel: 'teams',
      notBefore: when,
      attempts: 1,
      activityId: 'activity-1',
      sentAt: when,
    },
  });
  await check(
    'PushMessage',
    { period: '2026-12', payload, state: 'sent', activityId: 'activity-1', sentAt: when, seenAt: null },
    prisma.pushMessage.findUniqueOrThrow({ where: { id: message.id } }),
  );
  await expect(
    prisma.pushMessage.create({
      data: { learnerId: learner.id, kind: 'digest', dedupeKey: `other-${suffix}`, period: '2026-12' },
    }),
  ).rejects.toThrow(); // one digest per period
  await prisma.pushMatch.create({
    data: {
      learnerId: learner.id,
      offeringId,
      subscriptionId: subscription.id,
      score: 0.07,
      reasons: { matchedTerms: ['sveising'] },
      messageId: message.id,
    },
  });
  await check(
    'PushMatch',
    { score: 0.07, reasons: { matchedTerms: ['sveising'] }, messageId: message.id },
    prisma.pushMatch.findUniqueOrThrow({ where: { learnerId_offeringId: { learnerId: learner.id, offeringId } } }),
  );
  await prisma.pushState.create({ data: { name: `cursor-${suffix}`, value: '2026-11-30 10:00:00' } });
  await check(
    'PushState',
    { value: '2026-11-30 10:00:00' },
    prisma.pushState.findUniqueOrThrow({ where: { name: `cursor-${suffix}` } }),
  );

  await prisma.pushSubscription.delete({ where: { id: subscription.id } });
  expect(
    await prisma.pushMatch.findUniqueOrThrow({
      where: { learnerId_offeringId: { learnerId: learner.id, offeringId } },
    }),
  ).toMatchObject({ subscriptionId: null });
  await prisma.learner.delete({ where: { id: learner.id } });
  expect(await prisma.pushMessage.count({ where: { learnerId: learner.id } })).toBe(0);
  expect(await prisma.pushMatch.count({ where: { learnerId: learner.id } })).toBe(0);
  expect(await prisma.pushPreference.findUnique({ where: { learnerId: learner.id } })).toBeNull();
  await prisma.pushState.delete({ where: { name: `cursor-${suffix}` } });
  return touched;
}
