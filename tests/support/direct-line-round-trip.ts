import { expect } from 'vitest';
import type { PrismaClient } from '../../adapters/storage/generated/client.js';

/** The Direct Line models' part of roundTripEveryModel; a conversation's activities go with it. */
export async function roundTripDirectLineModels(options: { prisma: PrismaClient; suffix: string }): Promise<string[]> {
  const { prisma, suffix } = options;
  const when = new Date('2026-12-02T08:00:00.000Z');
  const conversation = { id: `dl-${suffix}`, nextSequence: 2, totalBytes: 321, createdAt: when, lastUsedAt: when };
  await prisma.directLineConversation.create({ data: conversation });
  expect(
    await prisma.directLineConversation.findUniqueOrThrow({ where: { id: conversation.id } }),
    'DirectLineConversation',
  ).toMatchObject(conversation);
  const activity = {
    conversationId: conversation.id,
    sequence: 1,
    body: { type: 'message', text: 'Hei', from: { id: 'dl_x', role: 'user' } },
    bytes: 57,
    createdAt: when,
  };
  await prisma.directLineActivity.create({ data: activity });
  expect(
    await prisma.directLineActivity.findUniqueOrThrow({
      where: { conversationId_sequence: { conversationId: conversation.id, sequence: 1 } },
    }),
    'DirectLineActivity',
  ).toMatchObject(activity);
  await prisma.directLineConversation.delete({ where: { id: conversation.id } });
  expect(await prisma.directLineActivity.count({ where: { conversationId: conversation.id } })).toBe(0);
  return ['DirectLineConversation', 'DirectLineActivity'];
}
