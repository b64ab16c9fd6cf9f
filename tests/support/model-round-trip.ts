import { expect } from 'vitest';
import { Prisma, type PrismaClient } from '../../adapters/storage/generated/client.js';
import { roundTripCredentialModels } from './credential-round-trip.js';
import { roundTripOrganisationModels } from './organisation-round-trip.js';
import { roundTripSiteCheckModels } from './site-check-round-trip.js';
import { roundTripPushModels } from './push-round-trip.js';
import { roundTripDirectLineModels } from './direct-line-round-trip.js';

/**
 * Writes every Prisma model through the client and reads it back — arrays, JSON, nullable fields and
 * relations included — so any drift between schema.prisma and the hand-written migration SQL fails here.
 * Returns the names of the models it exercised, so the caller can check none was left out.
 */
export async function roundTripEveryModel(prisma: PrismaClient): Promise<string[]> {
  const touched: string[] = [];
  const check = async <Row extends Record<string, unknown>>(model: string, written: Row, read: Promise<unknown>) => {
    expect(await read, model).toMatchObject(written);
    touched.push(model);
  };
  const when = new Date('2026-11-29T10:00:00.000Z');
  const suffix = Math.random().toString(36).slice(2, 8);

  const provider = await prisma.provider.create({
    data: {
      name: 'Universitetet i Bergen',
      normalizedName: `uib-${suffix}`,
      kind: 'university',
      country: 'NO',
      organisationNumber: '874789542',
      accreditedBy: 'NOKUT',
      accreditationSource: 'https://www.nokut.no',
      accreditationNote: 'institusjonsakkreditert universitet',
      ownership: 'public',
      homepage: 'https://www.uib.no',
    },
  });
  await check(
    'Provider',
    { name: 'Universitetet i Bergen', accreditedBy: 'NOKUT', ownership: 'public', homepage: 'https://www.uib.no' },
    prisma.provider.findUniqueOrThrow({ where: { id: provider.id } }),
  );
  const ownFeed = await prisma.ownFeed.create({ data: { source: `uib-${suffix}`, providerId: provider.id } });
  await check(
    'OwnFeed',
    { source: `uib-${suffix}`, providerId: provider.id },
    prisma.ownFeed.findUniqueOrThrow({ where: { source: ownFeed.source } }),
  );
  const bare = await prisma.provider.create({ data: { name: 'Bare', normalizedName: `bare-${suffix}` } });
  expect(await prisma.provider.findUniqueOrThrow({ where: { id: bare.id } })).toMatchObject({
    kind: 'unknown',
    country: null,
    accreditedBy: null,
    ownership: null,
  });

  const offeringData = {
    title: 'Bachelor i sykepleie',
    description: 'Tre år.',
    providerId: provider.id,
    url: 'https://www.uib.no/s',
    urlKey: 'uib.no/s',
    dedupeKey: `k-${suffix}`,
    languages: ['nb', 'en'],
    mode: 'campus',
    schedule: 'full_time',
    cities: ['Bergen'],
    municipalities: ['Bergen'],
    counties: ['Vestland'],
    workloadHours: 5400.5,
    hoursPerWeek: 37.5,
    durationWeeks: 120,
    startDates: [when, new Date('2027-08-16T00:00:00.000Z')],
    priceNok: 0,
    isFree: true,
    credits: 180,
    level: 'bachelor',
    eqfLevel: 6,
    type: 'university_college',
    subjects: ['helse'],
    skills: ['http://data.europa.eu/esco/skill/x'],
    occupations: ['2223'],
    industries: ['86.1'],
    status: 'withdrawn',
    contentHash: 'h1',
    withdrawnAt: when,
  };
  const offering = await prisma.offering.create({ data: offeringData });
  await check('Offering', offeringData, prisma.offering.findUniqueOrThrow({ where: { id: offering.id } }));
  const sparse = await prisma.offering.create({
    data: { title: 'Sparse', providerId: bare.id, dedupeKey: `s-${suffix}`, contentHash: 'h2' },
  });
  expect(await prisma.offering.findUniqueOrThrow({ where: { id: sparse.id } })).toMatchObject({
    url: null,
    isFree: null,
    priceNok: null,
    eqfLevel: null,
    withdrawnAt: null,
    mode: 'unknown',
    status: 'active',
  });

  const record = { title: 'Bachelor i sykepleie', nested: { list: [1, 'to', null], flag: true } };
  const source = await prisma.offeringSource.create({
    data: {
      offeringId: offering.id,
      source: 'utdanning_no',
      externalId: `e-${suffix}`,
      fetchedAt: when,
      contentHash: 'h1',
      record,
      lastRunId: null,
    },
  });
  await check(
    'OfferingSource',
    { source: 'utdanning_no', record, status: 'active', lastRunId: null },
    prisma.offeringSource.findUniqueOrThrow({ where: { id: source.id } }),
  );

  const suggestion = await prisma.duplicateSuggestion.create({
    data: { offeringId: sparse.id, duplicateOfId: offering.id, reason: 'same_url' },
  });
  await check(
    'DuplicateSuggestion',
    { offeringId: sparse.id, duplicateOfId: offering.id, reason: 'same_url' },
    prisma.duplicateSuggestion.findUniqueOrThrow({ where: { id: suggestion.id } }),
  );
  const run = await prisma.importRun.create({
    data: {
      source: 'demo',
      format: 'jsonl',
      file: 'demo.jsonl.gz',
      full: false,
      status: 'failed',
      host: 'importer-1',
      pid: 4242,
      heartbeatAt: when,
      failure: 'process 4242 on importer-1 is gone',
      read: 10,
      inserted: 7,
      updated: 1,
      unchanged: 1,
      rejected: 1,
      merged: 2,
      withdrawn: 3,
      finishedAt: when,
    },
  });
  await check(
    'ImportRun',
    {
      full: false,
      status: 'failed',
      host: 'importer-1',
      pid: 4242,
      heartbeatAt: when,
      failure: 'process 4242 on importer-1 is gone',
      read: 10,
      merged: 2,
      withdrawn: 3,
      finishedAt: when,
    },
    prisma.importRun.findUniqueOrThrow({ where: { id: run.id } }),
  );
  expect((await prisma.importRun.create({ data: { source: 'demo', format: 'jsonl', file: 'x.jsonl' } })).status).toBe(
    'running',
  );
  const rejection = await prisma.importRejection.create({
    data: { runId: run.id, line: 42, reason: 'title is empty', raw: '{"title":""}' },
  });
  await check(
    'ImportRejection',
    { line: 42, reason: 'title is empty' },
    prisma.importRejection.findUniqueOrThrow({ where: { id: rejection.id } }),
  );
  expect(
    (await prisma.importRun.findUniqueOrThrow({ where: { id: run.id }, include: { rejections: true } })).rejections,
  ).toHaveLength(1);
  const feed = await prisma.providerFeed.create({
    data: {
      providerId: provider.id,
      url: 'https://www.uib.no/courses.jsonl',
      format: 'csv',
      mapping: { columns: { title: 'Tittel' } },
      source: `feed-uib-${suffix}`,
      scheduleMinutes: 60,
      etag: '"v1"',
      lastModified: 'Wed, 02 Dec 2026 10:00:00 GMT',
      nextHarvestAt: when,
      claimedBy: 'host:1',
      claimedUntil: when,
      lastAttemptAt: when,
      lastSuccessAt: when,
      lastOutcome: 'failed',
      lastError: 'HTTP 500',
      consecutiveFailures: 2,
      lastRunId: run.id,
    },
  });
  await check(
    'ProviderFeed',
    {
      format: 'csv',
      mapping: { columns: { title: 'Tittel' } },
      etag: '"v1"',
      consecutiveFailures: 2,
      lastRunId: run.id,
    },
    prisma.providerFeed.findUniqueOrThrow({ where: { id: feed.id } }),
  );
  await prisma.providerRun.create({
    data: {
      runId: run.id,
      providerId: provider.id,
      feedId: feed.id,
      origin: 'harvest',
      withdrawnOfferingIds: ['o-1'],
      withdrawalsHeld: [{ source: 's', missing: 3, reason: 'cut off' }],
    },
  });
  await check(
    'ProviderRun',
    {
      origin: 'harvest',
      withdrawnOfferingIds: ['o-1'],
      withdrawalsHeld: [{ source: 's', missing: 3, reason: 'cut off' }],
    },
    prisma.providerRun.findUniqueOrThrow({ where: { runId: run.id } }),
  );

  const styrk = await prisma.taxonomyConcept.create({
    data: {
      id: `styrk08:t${suffix}`,
      scheme: 'styrk08',
      code: `t${suffix}`,
      label: 'Sykepleiere',
      altLabels: ['Sykepleier', 'Hjemmesykepleier'],
      level: 4,
      parentId: 'styrk08:222',
    },
  });
  await check(
    'TaxonomyConcept',
    { altLabels: ['Sykepleier', 'Hjemmesykepleier'], uri: null, description: null },
    prisma.taxonomyConcept.findUniqueOrThrow({ where: { id: styrk.id } }),
  );
  const skill = await prisma.taxonomyConcept.create({
    data: {
      id: `esco_skill:t${suffix}`,
      scheme: 'esco_skill',
      code: `t${suffix}`,
      label: 'administer medication',
      altLabels: [],
      uri: 'http://data.europa.eu/esco/skill/t',
      description: 'Give medicines.',
    },
  });
  await prisma.conceptRelation.create({ data: { fromId: styrk.id, toId: skill.id, kind: 'essential_skill' } });
  await check(
    'ConceptRelation',
    { kind: 'essential_skill' },
    prisma.conceptRelation.findUniqueOrThrow({
      where: { fromId_toId_kind: { fromId: styrk.id, toId: skill.id, kind: 'essential_skill' } },
    }),
  );
  await prisma.offeringConcept.create({
    data: { offeringId: offering.id, conceptId: styrk.id, weight: 0.75, origin: 'feed' },
  });
  await check(
    'OfferingConcept',
    { weight: 0.75, origin: 'feed' },
    prisma.offeringConcept.findUniqueOrThrow({
      where: { offeringId_conceptId: { offeringId: offering.id, conceptId: styrk.id } },
    }),
  );

  const learner = await prisma.learner.create({ data: { locale: 'nn', consentAt: when } });
  await check(
    'Learner',
    { locale: 'nn', consentAt: when },
    prisma.learner.findUniqueOrThrow({ where: { id: learner.id } }),
  );
  const reference = { conversation: { id: 'a:1' }, serviceUrl: 'https://smba.example' };
  const identity = await prisma.channelIdentity.create({
    data: {
      learnerId: learner.id,
      channel: 'teams',
      externalId: `29:${suffix}`,
      tenant: 'tenant-1',
      conversationReference: reference,
    },
  });
  await check(
    'ChannelIdentity',
    { channel: 'teams', tenant: 'tenant-1', conversationReference: reference },
    prisma.channelIdentity.findUniqueOrThrow({ where: { id: identity.id } }),
  );
  await prisma.slackDelivery.create({ data: { key: `Ev${suffix}`, expiresAt: when } });
  await check(
    'SlackDelivery',
    { expiresAt: when },
    prisma.slackDelivery.findUniqueOrThrow({ where: { key: `Ev${suffix}` } }),
  );
  await prisma.learnerLinkCode.create({ data: { codeHash: `hash-${suffix}`, learnerId: learner.id, expiresAt: when } });
  await check(
    'LearnerLinkCode',
    { learnerId: learner.id, expiresAt: when },
    prisma.learnerLinkCode.findUniqueOrThrow({ where: { codeHash: `hash-${suffix}` } }),
  );
  await prisma.learnerExportLink.create({
    data: { tokenHash: `export-${suffix}`, learnerId: learner.id, expiresAt: when },
  });
  await check(
    'LearnerExportLink',
    { learnerId: learner.id, expiresAt: when },
    prisma.learnerExportLink.findUniqueOrThrow({ where: { tokenHash: `export-${suffix}` } }),
  );
  await prisma.learner.update({ where: { id: learner.id }, data: { consentDeclinedAt: when } });
  expect(await prisma.learner.findUniqueOrThrow({ where: { id: learner.id } })).toMatchObject({
    consentDeclinedAt: when,
  });
  await prisma.provider.update({ where: { id: provider.id }, data: { accreditationOverriddenAt: when } });
  expect(await prisma.provider.findUniqueOrThrow({ where: { id: provider.id } })).toMatchObject({
    accreditationOverriddenAt: when,
  });
  const profileData = { occupation: { code: '2223', words: 'sykepleier' }, hoursPerWeek: 5, goals: ['ledelse'] };
  await prisma.profile.create({
    data: { learnerId: learner.id, occupationCode: '2223', industryCode: null, data: profileData },
  });
  await check(
    'Profile',
    { occupationCode: '2223', industryCode: null, data: profileData },
    prisma.profile.findUniqueOrThrow({ where: { learnerId: learner.id } }),
  );
  touched.push(...(await roundTripOrganisationModels({ prisma, offeringId: offering.id, suffix })));
  touched.push(
    ...(await roundTripCredentialModels({ prisma, offeringId: offering.id, providerId: provider.id, suffix })),
  );
  touched.push(...(await roundTripSiteCheckModels({ prisma, suffix })));
  touched.push(...(await roundTripPushModels({ prisma, offeringId: offering.id, suffix })));
  touched.push(...(await roundTripDirectLineModels({ prisma, suffix })));

  const conversation = await prisma.conversation.create({
    data: {
      learnerId: learner.id,
      channel: 'web',
      sessionKey: `session-${suffix}`,
      language: 'nb',
      state: { step: 'ask_time' },
      promptTokens: 120,
      completionTokens: 30,
      costUsd: 0.0012,
    },
  });
  await check(
    'Conversation',
    { sessionKey: `session-${suffix}`, state: { step: 'ask_time' }, costUsd: 0.0012 },
    prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } }),
  );
  await prisma.conversationSkillGap.create({
    data: {
      conversationId: conversation.id,
      learnerId: learner.id,
      styrkCode: '7115',
      skillId: 'esco_skill:glass',
      skillLabel: 'manipulate glass',
      county: 'Vestland',
      industryCode: '41.200',
      recordedAt: when,
    },
  });
  await check(
    'ConversationSkillGap',
    { skillLabel: 'manipulate glass', county: 'Vestland', industryCode: '41.200', recordedAt: when },
    prisma.conversationSkillGap.findUniqueOrThrow({
      where: { conversationId_skillId: { conversationId: conversation.id, skillId: 'esco_skill:glass' } },
    }),
  );
  const turn = await prisma.turn.create({
    data: {
      conversationId: conversation.id,
      role: 'assistant',
      text: 'Her er tre forslag.',
      action: { kind: 'recommend' },
      language: 'nb',
      understanding: Prisma.DbNull,
    },
  });
  await check(
    'Turn',
    { action: { kind: 'recommend' }, language: 'nb', understanding: null },
    prisma.turn.findUniqueOrThrow({ where: { id: turn.id } }),
  );
  const reasons = [{ kind: 'free' }, { kind: 'accredited', by: 'NOKUT' }];
  const recommendation = await prisma.recommendation.create({
    data: { turnId: turn.id, conversationId: conversation.id, offeringId: offering.id, rank: 1, score: 0.91, reasons },
  });
  await check(
    'Recommendation',
    { rank: 1, score: 0.91, reasons, origin: 'assistant' },
    prisma.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } }),
  );
  const rating = await prisma.rating.create({
    data: {
      learnerId: learner.id,
      offeringId: offering.id,
      recommendationId: recommendation.id,
      turnId: turn.id,
      score: 5,
      text: 'Nyttig',
    },
  });
  await check(
    'Rating',
    { score: 5, text: 'Nyttig', recommendationId: recommendation.id },
    prisma.rating.findUniqueOrThrow({ where: { id: rating.id } }),
  );
  await expect(prisma.rating.create({ data: { learnerId: learner.id, score: 9 } })).rejects.toThrow(); // the CHECK constraint

  const adviser = await prisma.adviser.create({
    data: {
      email: `adviser-${suffix}@example.no`,
      name: 'Kari',
      role: 'admin',
      passwordHash: 'scrypt$...',
      failedLogins: 2,
      lockedUntil: when,
    },
  });
  await check(
    'Adviser',
    { role: 'admin', failedLogins: 2, lockedUntil: when },
    prisma.adviser.findUniqueOrThrow({ where: { id: adviser.id } }),
  );
  const review = await prisma.adviserReview.create({
    data: {
      turnId: turn.id,
      adviserId: adviser.id,
      verdict: 'changed',
      comment: 'Bytt ut nr. 2',
      added: [sparse.id],
      removed: [offering.id],
      seenAt: null,
    },
  });
  await check(
    'AdviserReview',
    { verdict: 'changed', added: [sparse.id], removed: [offering.id], seenAt: null },
    prisma.adviserReview.findUniqueOrThrow({ where: { id: review.id } }),
  );
  await prisma.adviser.update({
    where: { id: adviser.id },
    data: { locale: 'en', oidcSubject: `https://login.example|${suffix}` },
  });
  await prisma.adviserSession.create({
    data: { tokenHash: `session-${suffix}`, adviserId: adviser.id, expiresAt: when, method: 'oidc' },
  });
  await check(
    'AdviserSession',
    { adviserId: adviser.id, expiresAt: when, method: 'oidc' },
    prisma.adviserSession.findUniqueOrThrow({ where: { tokenHash: `session-${suffix}` } }),
  );
  await prisma.adviserOidcAttempt.create({
    data: {
      attemptHash: `attempt-${suffix}`,
      state: 's',
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: null,
      expiresAt: when,
    },
  });
  await check(
    'AdviserOidcAttempt',
    { state: 's', returnTo: null, expiresAt: when },
    prisma.adviserOidcAttempt.findUniqueOrThrow({ where: { attemptHash: `attempt-${suffix}` } }),
  );
  await prisma.signInThrottle.create({ data: { address: `address-${suffix}`, windowStartedAt: when, failures: 3 } });
  await check(
    'SignInThrottle',
    { windowStartedAt: when, failures: 3 },
    prisma.signInThrottle.findUniqueOrThrow({ where: { address: `address-${suffix}` } }),
  );
  const audit = await prisma.auditLog.create({
    data: {
      actorId: adviser.id,
      action: 'review.changed',
      subjectType: 'turn',
      subjectId: turn.id,
      detail: { added: [sparse.id] },
    },
  });
  await check(
    'AuditLog',
    { action: 'review.changed', subjectId: turn.id, detail: { added: [sparse.id] } },
    prisma.auditLog.findUniqueOrThrow({ where: { id: audit.id } }),
  );

  const bucket = { limiter: `searches-${suffix}`, client: '203.0.113.7', tokens: 2.5, allowed: true, updatedAt: when };
  await prisma.rateLimitBucket.create({ data: bucket });
  await check(
    'RateLimitBucket',
    bucket,
    prisma.rateLimitBucket.findUniqueOrThrow({
      where: { limiter_client: { limiter: bucket.limiter, client: bucket.client } },
    }),
  );

  // Relations read back through the client, and cascades behave as the schema says.
  const withRelations = await prisma.turn.findUniqueOrThrow({
    where: { id: turn.id },
    include: {
      recommendations: { include: { offering: { include: { provider: true, sources: true } } } },
      reviews: { include: { adviser: true } },
      conversation: { include: { learner: { include: { identities: true, profile: true } } } },
    },
  });
  expect(withRelations.recommendations[0]?.offering.provider.name).toBe('Universitetet i Bergen');
  expect(withRelations.recommendations[0]?.offering.sources[0]?.externalId).toBe(`e-${suffix}`);
  expect(withRelations.reviews[0]?.adviser?.email).toBe(`adviser-${suffix}@example.no`);
  expect(withRelations.conversation.learner.profile?.occupationCode).toBe('2223');
  await prisma.adviser.delete({ where: { id: adviser.id } });
  expect((await prisma.adviserReview.findUniqueOrThrow({ where: { id: review.id } })).adviserId).toBeNull(); // SET NULL
  await prisma.learner.delete({ where: { id: learner.id } });
  expect(await prisma.turn.findUnique({ where: { id: turn.id } })).toBeNull(); // cascade through the conversation
  return touched;
}
