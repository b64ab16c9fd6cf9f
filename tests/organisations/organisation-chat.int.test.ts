import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisationChat } from '../../adapters/assistant/organisation-chat.js';
import type { RetrievalService } from '../../adapters/index/retrieval-service.js';
import { createLearnerMessenger } from '../../adapters/push/enqueue-learner-message.js';
import { createAssignmentStore, setMandatoryCourse } from '../../adapters/storage/assignment-store.js';
import { createMemberInvite } from '../../adapters/storage/organisation-invite-store.js';
import { addMember } from '../../adapters/storage/organisation-store.js';
import type { DialogueExtension } from '../../src/dialogue/extensions.js';
import type { Turn } from '../../src/dialogue/turn.js';
import { assignOffering, changeAssignmentStatus } from '../../src/organisations/assign-offering.js';
import type { MemberMessage } from '../../src/organisations/member-messenger.js';
import { remindMandatoryCourses } from '../../src/organisations/remind-mandatory-courses.js';
import { startAssistantHarness, type AssistantHarness } from '../support/assistant-harness.js';
import { seedOrganisationWorld } from './organisation-fixture.js';

/**
 * Organisations in the chat through the real assistant: an HR person sets up the company in three steps,
 * asks for the team plan; an assignment goes out through the push outbox and the member answers its
 * buttons (forward only); mandatory courses are reminded at most once per period until completed.
 */

let harness: AssistantHarness;
let world: { retrieval: RetrievalService; cleanUp(): Promise<void> };
let real: DialogueExtension | undefined;
const lazy: DialogueExtension = { name: 'organisations', answer: (context) => real!.answer!(context) };

beforeAll(async () => {
  harness = await startAssistantHarness({ extensions: [lazy] });
  world = await seedOrganisationWorld(harness.database);
  real = await createOrganisationChat({
    database: harness.database,
    recommender: world.retrieval.recommender,
    occupations: harness.occupations,
  });
});
afterAll(async () => {
  await world?.cleanUp();
  await harness?.close();
});

const turn = (userId: string, input: Partial<Turn>) =>
  harness.assistant.handleTurn({ channel: 'teams', userId, ...input });
const learnerOf = async (externalId: string) =>
  (
    await harness.database.pool.query<{ learner_id: string }>(
      'SELECT learner_id FROM channel_identity WHERE external_id = $1',
      [externalId],
    )
  ).rows[0]!.learner_id;

describe('setting up a company in chat', () => {
  it('guides an HR person through name and number, industry and roles, then registers the organisation', async () => {
    const opened = await turn('hr-1', { text: 'Hei! Kan du registrere bedriften min?' });
    expect(opened.text).toContain('Hva heter bedriften, og hva er organisasjonsnummeret?');
    expect(opened.suggestions).toEqual([]);
    const wrong = await turn('hr-1', { text: 'Fjordbygg AS, org.nr. 974 760 674', sessionId: opened.sessionId });
    expect(wrong.text).toContain('«974 760 674» er ikke et gyldig organisasjonsnummer');
    const numbered = await turn('hr-1', { text: '974760673', sessionId: opened.sessionId });
    expect(numbered.text).toContain('Hvilken bransje er dere i?');
    const industry = await turn('hr-1', { text: 'bygninger', sessionId: opened.sessionId });
    expect(industry.text).toContain('41.200 Oppføring av bygninger');
    const roles = await turn('hr-1', { text: '14 tømrere, 6 elektrikere og 2 trollmenn', sessionId: opened.sessionId });
    expect(roles.text).toContain('Ferdig! Fjordbygg AS er registrert');
    expect(roles.text).toContain('trollmenn');

    const learnerId = await learnerOf('hr-1');
    const { rows } = await harness.database.pool.query(
      'SELECT o.name, o.organisation_number, o.industry_code, r.styrk_code, r.headcount FROM organisation o JOIN organisation_role r ON r.organisation_id = o.id WHERE o.owner_learner_id = $1 ORDER BY r.styrk_code',
      [learnerId],
    );
    expect(rows).toEqual([
      {
        name: 'Fjordbygg AS',
        organisation_number: '974760673',
        industry_code: '41.200',
        styrk_code: '7115',
        headcount: 14,
      },
      {
        name: 'Fjordbygg AS',
        organisation_number: '974760673',
        industry_code: '41.200',
        styrk_code: '7411',
        headcount: 6,
      },
    ]);
    expect(
      (await harness.database.pool.query('SELECT 1 FROM organisation_setup WHERE learner_id = $1', [learnerId]))
        .rowCount,
    ).toBe(0);

    const plan = await turn('hr-1', { text: 'kompetanseplan', sessionId: opened.sessionId });
    expect(plan.text).toContain('Kompetanseplan for Fjordbygg AS');
    expect(plan.text).toContain('apply wood finishes: Wood finishes for beginners');
  });

  it('keeps the set-up across conversations, cancels on request, and refuses a taken number', async () => {
    const opened = await turn('hr-2', { text: 'set up my company' });
    expect(opened.text).toContain('What is the company called');
    const again = await turn('hr-2', { text: 'Snekker Nilsen 974760673' }); // a new conversation: no sessionId
    expect(again.text).toContain('974760673 is already registered');
    const cancelled = await turn('hr-2', {
      action: { type: 'extension', extension: 'organisations', command: 'cancel' },
    });
    expect(cancelled.text).toContain('stopped the registration');
    const after = await turn('hr-2', { text: 'Snekker Nilsen 923609016' });
    expect(after.text).not.toContain('industry');

    await turn('hr-2', { text: 'set up my company' });
    await harness.database.pool.query(
      `UPDATE organisation_setup SET updated_at = CURRENT_TIMESTAMP - INTERVAL '2 days'`,
    );
    const stale = await turn('hr-2', { text: 'Snekker Nilsen 923609016' }); // a day later the set-up is forgotten
    expect(stale.text).not.toContain('industry');
  });
});

describe('assignments and mandatory courses', () => {
  it('sends an assignment through the push outbox once, and takes the member’s answers forward only', async () => {
    const hello = await turn('worker-1', { text: 'hei' });
    const learnerId = await learnerOf('worker-1');
    const pool = harness.database.pool;
    const {
      rows: [organisation],
    } = await pool.query<{ id: string }>(`SELECT id FROM organisation WHERE organisation_number = '974760673'`);
    const {
      rows: [role],
    } = await pool.query<{ id: string }>(
      `SELECT id FROM organisation_role WHERE organisation_id = $1 AND styrk_code = '7115'`,
      [organisation!.id],
    );
    const member = await addMember(pool, {
      organisationId: organisation!.id,
      member: { name: 'Ola Tømrer', role: role!.id, access: 'member' },
    });
    // Ola joins the only way a learner can: by saying the invitation code in chat.
    const invite = await createMemberInvite(pool, { organisationId: organisation!.id, memberId: member.id, learnerId });
    await turn('worker-1', { text: `bli med ${invite.code}` });
    expect(
      (await pool.query('SELECT learner_id FROM organisation_member WHERE id = $1', [member.id])).rows[0].learner_id,
    ).toBe(learnerId);
    await addMember(pool, {
      organisationId: organisation!.id,
      member: { name: 'Kari Uten Chat', role: role!.id, access: 'member' },
    });
    const {
      rows: [offering],
    } = await pool.query<{ id: string }>(`SELECT id FROM offering WHERE title = 'Wood finishes for beginners'`);

    const messenger = createLearnerMessenger({ pool });
    const store = createAssignmentStore({ pool });
    const first = await assignOffering({
      store,
      messenger,
      organisationId: organisation!.id,
      offeringId: offering!.id,
      target: { roleId: role!.id },
      note: 'Før vårsesongen',
    });
    expect(first.assignments).toHaveLength(2);
    expect(first.assignments.filter((assignment) => assignment.delivered)).toHaveLength(1); // the unlinked member is not sent anything
    const again = await assignOffering({
      store,
      messenger,
      organisationId: organisation!.id,
      offeringId: offering!.id,
      target: { memberIds: [member.id] },
    });
    expect(again.assignments).toEqual([
      expect.objectContaining({ memberId: member.id, created: false, delivered: false }),
    ]);
    const { rows: messages } = await pool.query<{
      learner_id: string;
      kind: string;
      dedupe_key: string;
      payload: { text: { nb: string }; buttons: { command: string; data: Record<string, string> }[] };
    }>('SELECT learner_id, kind, dedupe_key, payload FROM push_message');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ learner_id: learnerId, kind: 'assignment' });
    expect(messages[0]!.payload.text.nb).toContain('Fjordbygg AS foreslår dette for deg. «Før vårsesongen»');
    const assignmentId = first.assignments.find((assignment) => assignment.delivered)!.id;
    const started = messages[0]!.payload.buttons.find((entry) => entry.data.status === 'started')!;

    const press = (userId: string, status: string) =>
      turn(userId, {
        action: {
          type: 'extension',
          extension: 'organisations',
          command: started.command,
          data: { ...started.data, status },
        },
        sessionId: userId === 'worker-1' ? hello.sessionId : undefined,
      });
    expect((await press('worker-1', 'started')).text).toContain('notert at du har startet');
    expect((await press('worker-1', 'accepted')).text).toContain('kan ikke endres');
    expect((await press('someone-else', 'completed')).text).toMatch(/finner ikke|cannot find/);
    expect((await store.assignment(assignmentId))!.status).toBe('started');
    expect((await press('worker-1', 'completed')).text).toContain('fullført');
    await changeAssignmentStatus({ store, assignmentId, status: 'suggested', by: { hr: true } }); // HR corrects anything
    expect((await store.assignment(assignmentId))!.status).toBe('suggested');
  });

  it('links a person on the staff list with HR’s one-time code, and shows what was recommended before', async () => {
    const pool = harness.database.pool;
    const {
      rows: [organisation],
    } = await pool.query<{ id: string }>(`SELECT id FROM organisation WHERE organisation_number = '974760673'`);
    const {
      rows: [kari],
    } = await pool.query<{ id: string }>(`SELECT id FROM organisation_member WHERE name = 'Kari Uten Chat'`);
    const invite = await createMemberInvite(pool, { organisationId: organisation!.id, memberId: kari!.id });
    expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(
      (await pool.query('SELECT code_hash FROM organisation_invite')).rows.map((row) => row.code_hash),
    ).not.toContain(invite.code);

    const joined = await turn('kari', { text: `bli med ${invite.code.toLowerCase()}` });
    expect(joined.text).toContain('Velkommen! Du er nå koblet til Fjordbygg AS som Tømrere.');
    expect(joined.text).toContain('Dette er anbefalt for deg:\n• Wood finishes for beginners (Byggskolen)');
    expect(joined.actions?.map((entry) => entry.label)).toEqual([
      'Ja, jeg tar det',
      'Jeg har startet',
      'Fullført',
      'Nei takk',
    ]);
    const learnerId = await learnerOf('kari');
    expect(
      (await pool.query('SELECT learner_id FROM organisation_member WHERE id = $1', [kari!.id])).rows[0].learner_id,
    ).toBe(learnerId);
    expect(
      (
        await pool.query(
          'SELECT count(*)::int AS count FROM organisation_assignment WHERE member_id = $1 AND delivered_at IS NULL',
          [kari!.id],
        )
      ).rows[0].count,
    ).toBe(0);
    expect((await turn('someone-else', { text: invite.code })).text).toMatch(/kjenner jeg ikke|do not know/); // used up
  });

  it('reminds members missing a mandatory course at most once per period, until they complete it', async () => {
    const pool = harness.database.pool;
    const {
      rows: [organisation],
    } = await pool.query<{ id: string }>(`SELECT id FROM organisation WHERE organisation_number = '974760673'`);
    const {
      rows: [role],
    } = await pool.query<{ id: string }>(
      `SELECT id FROM organisation_role WHERE organisation_id = $1 AND styrk_code = '7115'`,
      [organisation!.id],
    );
    const {
      rows: [course],
    } = await pool.query<{ id: string }>(`SELECT id FROM offering WHERE title = 'Reading construction drawings'`);
    await setMandatoryCourse(pool, {
      organisationId: organisation!.id,
      roleId: role!.id,
      offeringId: course!.id,
      mandatory: true,
    });
    const sent: MemberMessage[] = [];
    const messenger = {
      enqueueLearnerMessage: async (message: MemberMessage) => {
        sent.push(message);
        return { created: true };
      },
    };
    const store = createAssignmentStore({ pool });
    const day = 24 * 60 * 60 * 1000;
    const start = new Date('2026-12-01T08:00:00.000Z');
    const run = (offsetDays: number) =>
      remindMandatoryCourses({ store, messenger, now: new Date(start.getTime() + offsetDays * day), periodDays: 30 });

    expect(await run(0)).toEqual({ reminded: 2 }); // Ola and Kari, both linked by now
    expect(sent[0]!.text.nb).toContain('obligatorisk for Tømrer');
    expect(sent[0]!.buttons[0]!.command).toBe('mandatory_completed');
    expect(await run(1)).toEqual({ reminded: 0 });
    expect(await run(29)).toEqual({ reminded: 0 });
    expect(await run(31)).toEqual({ reminded: 2 });
    expect(sent[2]!.dedupeKey).not.toBe(sent[0]!.dedupeKey);

    const ola = await learnerOf('worker-1');
    const forOla = sent.filter((message) => message.learnerId === ola).at(-1)!;
    const confirmed = await turn('worker-1', {
      action: {
        type: 'extension',
        extension: 'organisations',
        command: 'mandatory_completed',
        data: forOla.buttons[0]!.data!,
      },
    });
    expect(confirmed.text).toContain('fullført kurset');
    expect(await run(90)).toEqual({ reminded: 1 }); // Kari still has not
  });
});
