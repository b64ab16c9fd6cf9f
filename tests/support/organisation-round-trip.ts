import { expect } from 'vitest';
import type { PrismaClient } from '../../adapters/storage/generated/client.js';

/**
 * The organisation models' part of roundTripEveryModel: each written through the client and read back,
 * and the learner reference of a member set to NULL (not deleted) when the learner is forgotten.
 */
export async function roundTripOrganisationModels(options: {
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
  const when = new Date('2026-11-30T08:00:00.000Z');
  const adviser = await prisma.adviser.create({ data: { email: `hr-${suffix}@example.no`, name: 'Hanne HR' } });
  const learner = await prisma.learner.create({ data: { locale: 'nb' } });
  const organisation = await prisma.organisation.create({
    data: {
      name: 'Byggmester Hansen AS',
      organisationNumber: `9${suffix}`.slice(0, 9),
      industryCode: '41.200',
      county: 'Vestland',
      size: 12,
      learningBudgetNok: 5000.5,
      hoursPerWeek: 2,
      locale: 'nb',
      ownerAdviserId: adviser.id,
      ownerLearnerId: learner.id,
    },
  });
  await check(
    'Organisation',
    { industryCode: '41.200', learningBudgetNok: 5000.5, ownerLearnerId: learner.id },
    prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } }),
  );
  const role = await prisma.organisationRole.create({
    data: { organisationId: organisation.id, styrkCode: '7115', title: 'Tømrer', headcount: 6 },
  });
  await check(
    'OrganisationRole',
    { styrkCode: '7115', headcount: 6 },
    prisma.organisationRole.findUniqueOrThrow({ where: { id: role.id } }),
  );
  const member = await prisma.organisationMember.create({
    data: {
      organisationId: organisation.id,
      roleId: role.id,
      name: 'Ola',
      email: `ola-${suffix}@example.no`,
      learnerId: learner.id,
      access: 'hr',
    },
  });
  await check(
    'OrganisationMember',
    { roleId: role.id, learnerId: learner.id, access: 'hr' },
    prisma.organisationMember.findUniqueOrThrow({ where: { id: member.id } }),
  );
  const assignment = await prisma.organisationAssignment.create({
    data: {
      organisationId: organisation.id,
      memberId: member.id,
      offeringId,
      roleId: role.id,
      status: 'started',
      note: 'Før sommeren',
      assignedByAdviserId: adviser.id,
      deliveredAt: when,
    },
  });
  await check(
    'OrganisationAssignment',
    { status: 'started', deliveredAt: when, note: 'Før sommeren' },
    prisma.organisationAssignment.findUniqueOrThrow({ where: { id: assignment.id } }),
  );
  await expect(
    prisma.organisationAssignment.update({ where: { id: assignment.id }, data: { status: 'finished' } }),
  ).rejects.toThrow(); // CHECK
  await prisma.organisationMandatoryCourse.create({
    data: { roleId: role.id, offeringId, organisationId: organisation.id },
  });
  await check(
    'OrganisationMandatoryCourse',
    { organisationId: organisation.id },
    prisma.organisationMandatoryCourse.findUniqueOrThrow({
      where: { roleId_offeringId: { roleId: role.id, offeringId } },
    }),
  );
  await prisma.organisationReminder.create({ data: { memberId: member.id, offeringId, remindedAt: when } });
  await check(
    'OrganisationReminder',
    { remindedAt: when },
    prisma.organisationReminder.findUniqueOrThrow({
      where: { memberId_offeringId: { memberId: member.id, offeringId } },
    }),
  );
  await prisma.organisationInvite.create({
    data: { codeHash: `invite-${suffix}`, memberId: member.id, learnerId: learner.id, expiresAt: when },
  });
  await check(
    'OrganisationInvite',
    { memberId: member.id, learnerId: learner.id, expiresAt: when },
    prisma.organisationInvite.findUniqueOrThrow({ where: { codeHash: `invite-${suffix}` } }),
  );
  await prisma.teamPlanGap.create({
    data: {
      organisationId: organisation.id,
      styrkCode: '7115',
      skillId: 'esco_skill:glass',
      skillLabel: 'manipulate glass',
      headcount: 6,
      recordedAt: when,
    },
  });
  await check(
    'TeamPlanGap',
    { skillLabel: 'manipulate glass', headcount: 6, recordedAt: when },
    prisma.teamPlanGap.findUniqueOrThrow({
      where: {
        organisationId_styrkCode_skillId: {
          organisationId: organisation.id,
          styrkCode: '7115',
          skillId: 'esco_skill:glass',
        },
      },
    }),
  );
  const draft = { name: 'Byggmester Hansen AS', roles: [{ styrkCode: '7115' }] };
  await prisma.organisationSetup.create({ data: { learnerId: learner.id, step: 'industry', draft } });
  await check(
    'OrganisationSetup',
    { step: 'industry', draft },
    prisma.organisationSetup.findUniqueOrThrow({ where: { learnerId: learner.id } }),
  );

  await prisma.organisationChannelLink.create({
    data: {
      channel: 'slack',
      workspaceId: `T${suffix}`,
      name: 'Hansen',
      organisationId: organisation.id,
      linkedByAdviserId: adviser.id,
    },
  });
  await check(
    'OrganisationChannelLink',
    { name: 'Hansen', organisationId: organisation.id },
    prisma.organisationChannelLink.findUniqueOrThrow({
      where: { channel_workspaceId: { channel: 'slack', workspaceId: `T${suffix}` } },
    }),
  );
  await expect(
    prisma.organisationChannelLink.create({
      data: { channel: 'email', workspaceId: `T${suffix}`, organisationId: organisation.id },
    }),
  ).rejects.toThrow(); // CHECK
  const installOptions = { scopes: ['chat:write'], redirectUri: 'https://veileder.example.no/slack/oauth_redirect' };
  await prisma.slackInstallState.create({
    data: {
      stateHash: `state-${suffix}`,
      installOptions,
      organisationId: organisation.id,
      adviserId: adviser.id,
      expiresAt: when,
    },
  });
  await check(
    'SlackInstallState',
    { installOptions, organisationId: organisation.id },
    prisma.slackInstallState.findUniqueOrThrow({ where: { stateHash: `state-${suffix}` } }),
  );
  await prisma.slackInstallation.create({
    data: {
      id: `T${suffix}`,
      teamId: `T${suffix}`,
      teamName: 'Hansen',
      botUserId: 'U0BOT',
      installedBy: 'U0ADMIN',
      installationSealed: 'iv.tag.ciphertext',
    },
  });
  await check(
    'SlackInstallation',
    { teamName: 'Hansen', enterpriseInstall: false, installationSealed: 'iv.tag.ciphertext' },
    prisma.slackInstallation.findUniqueOrThrow({ where: { id: `T${suffix}` } }),
  );
  await prisma.slackInstallation.delete({ where: { id: `T${suffix}` } });

  await prisma.learner.delete({ where: { id: learner.id } });
  expect(await prisma.organisationMember.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
    learnerId: null,
  }); // SET NULL
  expect(await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).toMatchObject({
    ownerLearnerId: null,
  });
  expect(await prisma.organisationSetup.findUnique({ where: { learnerId: learner.id } })).toBeNull(); // CASCADE
  await prisma.organisation.delete({ where: { id: organisation.id } });
  expect(await prisma.organisationAssignment.findUnique({ where: { id: assignment.id } })).toBeNull();
  expect(await prisma.organisationChannelLink.count({ where: { organisationId: organisation.id } })).toBe(0); // CASCADE
  expect(await prisma.slackInstallState.count({ where: { organisationId: organisation.id } })).toBe(0);
  await prisma.adviser.delete({ where: { id: adviser.id } });
  return touched;
}
