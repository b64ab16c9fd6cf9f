import type pg from 'pg';
import { invalidRequest } from '../../src/errors.js';
import type { AssignmentStore, AssignmentTarget } from '../../src/organisations/assign-offering.js';
import type { AssignmentStatus } from '../../src/organisations/organisation.js';
import type { MandatoryCourseStore, MissingMandatoryCourse } from '../../src/organisations/remind-mandatory-courses.js';
import type { OrganisationMemberRow, OrganisationRow } from './rows.generated.js';

/** Assignments, mandatory courses and reminders in PostgreSQL (the ports of src/organisations). */

export function createAssignmentStore(options: { pool: pg.Pool }): AssignmentStore & MandatoryCourseStore {
  const { pool } = options;
  return {
    async organisationName(organisationId) {
      const { rows } = await pool.query<Pick<OrganisationRow, 'name'>>('SELECT name FROM organisation WHERE id = $1', [
        organisationId,
      ]);
      return rows[0]?.name;
    },
    async membersFor({ organisationId, target }: { organisationId: string; target: AssignmentTarget }) {
      if ('roleId' in target) {
        const role = await pool.query('SELECT 1 FROM organisation_role WHERE id = $1 AND organisation_id = $2', [
          target.roleId,
          organisationId,
        ]);
        if (!role.rowCount)
          throw invalidRequest({ message: `Role ${target.roleId} is not a role of this organisation.` });
      }
      const { rows } = await pool.query<{ id: string; learnerId: string | null; roleTitle: string | null }>(
        `SELECT m.id, m.learner_id AS "learnerId", r.title AS "roleTitle"
           FROM organisation_member m LEFT JOIN organisation_role r ON r.id = m.role_id
          WHERE m.organisation_id = $1 AND (($2::text IS NOT NULL AND m.role_id = $2) OR m.id = ANY($3::text[]))
          ORDER BY m.name, m.id`,
        [organisationId, 'roleId' in target ? target.roleId : null, 'memberIds' in target ? target.memberIds : []],
      );
      if ('memberIds' in target) {
        const found = new Set(rows.map((row) => row.id));
        const strangers = target.memberIds.filter((id) => !found.has(id));
        if (strangers.length)
          throw invalidRequest({
            message: `Not members of this organisation: ${strangers.join(', ')}.`,
            details: { memberIds: strangers },
          });
      }
      return rows;
    },
    async offering(offeringId) {
      const { rows } = await pool.query<{ id: string; title: string; provider: string; url: string | null }>(
        `SELECT o.id, o.title, p.name AS provider, o.url FROM offering o JOIN provider p ON p.id = o.provider_id WHERE o.id = $1 AND o.status = 'active'`,
        [offeringId],
      );
      return rows[0];
    },
    async createAssignments(options) {
      const { rows } = await pool.query<{ id: string; memberId: string; created: boolean }>(
        `WITH inserted AS (
           INSERT INTO organisation_assignment (organisation_id, member_id, offering_id, role_id, note, assigned_by_adviser_id)
           SELECT $1, member_id, $2, $3, $4, $5 FROM unnest($6::text[]) AS member_id
           ON CONFLICT (member_id, offering_id) DO NOTHING RETURNING id, member_id)
         SELECT id, member_id AS "memberId", true AS created FROM inserted
         UNION ALL
         SELECT a.id, a.member_id, false FROM organisation_assignment a
          WHERE a.offering_id = $2 AND a.member_id = ANY($6::text[]) AND a.member_id NOT IN (SELECT member_id FROM inserted)`,
        [
          options.organisationId,
          options.offeringId,
          options.roleId,
          options.note,
          options.adviserId,
          options.memberIds,
        ],
      );
      return rows;
    },
    async markDelivered(assignmentIds) {
      if (assignmentIds.length)
        await pool.query(
          'UPDATE organisation_assignment SET delivered_at = CURRENT_TIMESTAMP WHERE id = ANY($1::text[])',
          [assignmentIds],
        );
    },
    async assignment(id) {
      const { rows } = await pool.query<{
        id: string;
        organisationId: string;
        memberId: string;
        learnerId: string | null;
        status: AssignmentStatus;
      }>(
        `SELECT a.id, a.organisation_id AS "organisationId", a.member_id AS "memberId", m.learner_id AS "learnerId", a.status
           FROM organisation_assignment a JOIN organisation_member m ON m.id = a.member_id WHERE a.id = $1`,
        [id],
      );
      return rows[0];
    },
    async setStatus({ id, status }) {
      await pool.query(
        'UPDATE organisation_assignment SET status = $2, status_changed_at = CURRENT_TIMESTAMP WHERE id = $1',
        [id, status],
      );
    },
    async missingMandatoryCourses({ remindedBefore }) {
      const { rows } = await pool.query<
        MissingMandatoryCourse & { offeringId: string; title: string; provider: string; url: string | null }
      >(
        `SELECT m.id AS "memberId", m.learner_id AS "learnerId", org.name AS organisation, r.title AS "roleTitle",
                o.id AS "offeringId", o.title, p.name AS provider, o.url
           FROM organisation_mandatory_course c
           JOIN organisation_role r ON r.id = c.role_id
           JOIN organisation org ON org.id = c.organisation_id
           JOIN organisation_member m ON m.role_id = c.role_id
           JOIN offering o ON o.id = c.offering_id AND o.status = 'active'
           JOIN provider p ON p.id = o.provider_id
          WHERE m.learner_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM organisation_assignment a WHERE a.member_id = m.id AND a.offering_id = c.offering_id AND a.status = 'completed')
            AND NOT EXISTS (SELECT 1 FROM organisation_reminder x WHERE x.member_id = m.id AND x.offering_id = c.offering_id AND x.reminded_at > $1)
          ORDER BY org.id, m.id, o.id`,
        [remindedBefore],
      );
      return rows.map((row) => ({
        memberId: row.memberId,
        learnerId: row.learnerId,
        organisation: row.organisation,
        roleTitle: row.roleTitle,
        offering: { id: row.offeringId, title: row.title, provider: row.provider, url: row.url },
      }));
    },
    async recordReminder({ memberId, offeringId, at }) {
      await pool.query(
        `INSERT INTO organisation_reminder (member_id, offering_id, reminded_at) VALUES ($1, $2, $3)
         ON CONFLICT (member_id, offering_id) DO UPDATE SET reminded_at = excluded.reminded_at`,
        [memberId, offeringId, at],
      );
    },
  };
}

/** A member says (in chat) they completed a mandatory course: recorded as a completed assignment. */
export async function recordMandatoryCompleted(
  pool: pg.Pool,
  options: { memberId: string; offeringId: string; learnerId: string },
): Promise<boolean> {
  const { rows } = await pool.query<Pick<OrganisationMemberRow, 'organisation_id' | 'role_id'>>(
    'SELECT organisation_id, role_id FROM organisation_member WHERE id = $1 AND learner_id = $2',
    [options.memberId, options.learnerId],
  );
  const member = rows[0];
  if (!member) return false;
  await pool.query(
    `INSERT INTO organisation_assignment (organisation_id, member_id, offering_id, role_id, status) VALUES ($1, $2, $3, $4, 'completed')
     ON CONFLICT (member_id, offering_id) DO UPDATE SET status = 'completed', status_changed_at = CURRENT_TIMESTAMP`,
    [member.organisation_id, options.memberId, options.offeringId, member.role_id],
  );
  return true;
}

export async function setMandatoryCourse(
  pool: pg.Pool,
  options: { organisationId: string; roleId: string; offeringId: string; mandatory: boolean },
): Promise<void> {
  const role = await pool.query('SELECT 1 FROM organisation_role WHERE id = $1 AND organisation_id = $2', [
    options.roleId,
    options.organisationId,
  ]);
  if (!role.rowCount) throw invalidRequest({ message: `Role ${options.roleId} is not a role of this organisation.` });
  if (!options.mandatory) {
    await pool.query('DELETE FROM organisation_mandatory_course WHERE role_id = $1 AND offering_id = $2', [
      options.roleId,
      options.offeringId,
    ]);
    return;
  }
  const offering = await pool.query(`SELECT 1 FROM offering WHERE id = $1 AND status = 'active'`, [options.offeringId]);
  if (!offering.rowCount) throw invalidRequest({ message: `Offering ${options.offeringId} is not in the catalogue.` });
  await pool.query(
    'INSERT INTO organisation_mandatory_course (role_id, offering_id, organisation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [options.roleId, options.offeringId, options.organisationId],
  );
}

export type AssignmentRow = {
  id: string;
  memberId: string;
  memberName: string;
  roleTitle: string | null;
  offeringId: string;
  offeringTitle: string;
  status: AssignmentStatus;
  delivered: boolean;
  linked: boolean;
  statusChangedAt: Date;
};

export async function listAssignments(pool: pg.Pool, options: { organisationId: string }): Promise<AssignmentRow[]> {
  const { rows } = await pool.query<AssignmentRow>(
    `SELECT a.id, m.id AS "memberId", m.name AS "memberName", r.title AS "roleTitle", o.id AS "offeringId", o.title AS "offeringTitle",
            a.status, a.delivered_at IS NOT NULL AS delivered, m.learner_id IS NOT NULL AS linked, a.status_changed_at AS "statusChangedAt"
       FROM organisation_assignment a JOIN organisation_member m ON m.id = a.member_id JOIN offering o ON o.id = a.offering_id
       LEFT JOIN organisation_role r ON r.id = m.role_id
      WHERE a.organisation_id = $1 ORDER BY m.name, o.title`,
    [options.organisationId],
  );
  return rows;
}

export async function listMandatoryCourses(
  pool: pg.Pool,
  options: { organisationId: string },
): Promise<{ roleId: string; roleTitle: string; offeringId: string; offeringTitle: string }[]> {
  const { rows } = await pool.query(
    `SELECT c.role_id AS "roleId", r.title AS "roleTitle", o.id AS "offeringId", o.title AS "offeringTitle"
       FROM organisation_mandatory_course c JOIN organisation_role r ON r.id = c.role_id JOIN offering o ON o.id = c.offering_id
      WHERE c.organisation_id = $1 ORDER BY r.title, o.title`,
    [options.organisationId],
  );
  return rows;
}
