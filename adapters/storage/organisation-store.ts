import type pg from 'pg';
import { invalidRequest, notFound } from '../../src/errors.js';
import type {
  MemberInput,
  Organisation,
  OrganisationInput,
  OrganisationMember,
  OrganisationRole,
  RoleInput,
} from '../../src/organisations/organisation.js';
import type { OrganisationChatPorts } from '../../src/organisations/organisation-extension.js';
import type { OrganisationRow } from './rows.generated.js';
import { inTransaction } from './transaction.js';

/**
 * Organisations, their roles and members in PostgreSQL. Input is already parsed (src/organisations);
 * the codes already checked against the taxonomy (checkOrganisationCodes). A second organisation with
 * the same number is refused with a 400 that says so, not a database error.
 */

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export type OrganisationOwner = { adviserId?: string | null; learnerId?: string | null };

/** The organisations the chat's set-up creates and finds (src/organisations/organisation-extension.ts). */
export function createOrganisationStore(options: { pool: pg.Pool }): OrganisationChatPorts['organisations'] {
  const { pool } = options;
  return {
    async numberTaken(organisationNumber) {
      const { rowCount } = await pool.query('SELECT 1 FROM organisation WHERE organisation_number = $1', [
        organisationNumber,
      ]);
      return Boolean(rowCount);
    },
    create: ({ input, ownerLearnerId }) => createOrganisation(pool, { input, owner: { learnerId: ownerLearnerId } }),
    async ownedBy(learnerId) {
      const { rows } = await pool.query<Pick<OrganisationRow, 'id'>>(
        'SELECT id FROM organisation WHERE owner_learner_id = $1 ORDER BY created_at DESC LIMIT 1',
        [learnerId],
      );
      return rows[0] ? getOrganisation(pool, rows[0].id) : undefined;
    },
  };
}

export async function createOrganisation(
  pool: pg.Pool,
  options: { input: OrganisationInput; owner: OrganisationOwner },
): Promise<Organisation> {
  const { input } = options;
  const id = await inTransaction(pool, async (client) => {
    const existing = await client.query('SELECT id FROM organisation WHERE organisation_number = $1', [
      input.organisationNumber,
    ]);
    if (existing.rowCount)
      throw invalidRequest({
        message: `Organisation number ${input.organisationNumber} is already registered.`,
        details: { organisationNumber: input.organisationNumber },
      });
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO organisation (name, organisation_number, industry_code, county, size, learning_budget_nok, hours_per_week, locale, owner_adviser_id, owner_learner_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.name,
        input.organisationNumber,
        input.industryCode ?? null,
        input.county ?? null,
        input.size ?? null,
        input.learningBudgetNok ?? null,
        input.hoursPerWeek ?? null,
        input.locale ?? null,
        options.owner.adviserId ?? null,
        options.owner.learnerId ?? null,
      ],
    );
    const organisationId = rows[0]!.id;
    const roleIds = new Map<string, string>();
    for (const role of input.roles)
      roleIds.set(role.title.toLowerCase(), (await insertRole(client, { organisationId, role })).id);
    for (const member of input.members) {
      await insertMember(client, {
        organisationId,
        member,
        roleId: member.role ? (roleIds.get(member.role.toLowerCase()) ?? null) : null,
      });
    }
    return organisationId;
  });
  return (await getOrganisation(pool, id))!;
}

export type OrganisationProfilePatch = Partial<
  Pick<OrganisationInput, 'name' | 'industryCode' | 'county' | 'size' | 'learningBudgetNok' | 'hoursPerWeek' | 'locale'>
>;

const patchColumns: Record<keyof OrganisationProfilePatch, string> = {
  name: 'name',
  industryCode: 'industry_code',
  county: 'county',
  size: 'size',
  learningBudgetNok: 'learning_budget_nok',
  hoursPerWeek: 'hours_per_week',
  locale: 'locale',
};

export async function updateOrganisationProfile(
  pool: pg.Pool,
  options: { organisationId: string; patch: OrganisationProfilePatch },
): Promise<Organisation> {
  const entries = Object.entries(options.patch).filter(([, value]) => value !== undefined) as [
    keyof OrganisationProfilePatch,
    unknown,
  ][];
  if (entries.length) {
    const assignments = entries.map(([name], index) => `${patchColumns[name]} = $${index + 2}`).join(', ');
    await pool.query(`UPDATE organisation SET ${assignments}, updated_at = CURRENT_TIMESTAMP WHERE id = $1`, [
      options.organisationId,
      ...entries.map(([, value]) => value),
    ]);
  }
  const organisation = await getOrganisation(pool, options.organisationId);
  if (!organisation) throw notFound({ what: 'Organisation', id: options.organisationId });
  return organisation;
}

export async function addRole(
  pool: pg.Pool,
  options: { organisationId: string; role: RoleInput },
): Promise<OrganisationRole> {
  const { rows } = await pool.query(
    'SELECT 1 FROM organisation_role WHERE organisation_id = $1 AND lower(title) = lower($2)',
    [options.organisationId, options.role.title],
  );
  if (rows.length)
    throw invalidRequest({ message: `The role "${options.role.title}" already exists in this organisation.` });
  return insertRole(pool, options);
}

export async function addMember(
  pool: pg.Pool,
  options: { organisationId: string; member: MemberInput },
): Promise<OrganisationMember> {
  let roleId: string | null = null;
  if (options.member.role) {
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM organisation_role WHERE organisation_id = $1 AND (id = $2 OR lower(title) = lower($2))',
      [options.organisationId, options.member.role],
    );
    if (!rows[0]) throw invalidRequest({ message: `"${options.member.role}" is not a role of this organisation.` });
    roleId = rows[0].id;
  }
  if (options.member.email) {
    const { rowCount } = await pool.query(
      'SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND email = $2',
      [options.organisationId, options.member.email],
    );
    if (rowCount)
      throw invalidRequest({ message: `${options.member.email} is already a member of this organisation.` });
  }
  return insertMember(pool, { organisationId: options.organisationId, member: options.member, roleId });
}

/** Links a member to the learner they are in chat (or unlinks with null). */
export async function linkMemberToLearner(
  pool: Queryable,
  options: { memberId: string; learnerId: string | null },
): Promise<void> {
  await pool.query('UPDATE organisation_member SET learner_id = $2 WHERE id = $1', [
    options.memberId,
    options.learnerId,
  ]);
}

async function insertRole(
  client: Queryable,
  options: { organisationId: string; role: RoleInput },
): Promise<OrganisationRole> {
  const { rows } = await client.query<OrganisationRole>(
    `INSERT INTO organisation_role (organisation_id, styrk_code, title, headcount) VALUES ($1, $2, $3, $4)
     RETURNING id, styrk_code AS "styrkCode", title, headcount`,
    [options.organisationId, options.role.styrkCode, options.role.title, options.role.headcount],
  );
  return rows[0]!;
}

async function insertMember(
  client: Queryable,
  options: { organisationId: string; member: MemberInput; roleId: string | null },
): Promise<OrganisationMember> {
  const { member } = options;
  const { rows } = await client.query<OrganisationMember>(
    `INSERT INTO organisation_member (organisation_id, role_id, name, email, access) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, email, role_id AS "roleId", learner_id AS "learnerId", access`,
    [options.organisationId, options.roleId, member.name, member.email ?? null, member.access],
  );
  return rows[0]!;
}

export async function getOrganisation(pool: Queryable, id: string): Promise<Organisation | undefined> {
  const { rows } = await pool.query(
    `SELECT id, name, organisation_number AS "organisationNumber", industry_code AS "industryCode", county, size,
            learning_budget_nok AS "learningBudgetNok", hours_per_week AS "hoursPerWeek", locale,
            owner_adviser_id AS "ownerAdviserId", owner_learner_id AS "ownerLearnerId"
       FROM organisation WHERE id = $1`,
    [id],
  );
  if (!rows[0]) return undefined;
  const roles = await pool.query<OrganisationRole>(
    'SELECT id, styrk_code AS "styrkCode", title, headcount FROM organisation_role WHERE organisation_id = $1 ORDER BY created_at, title',
    [id],
  );
  const members = await pool.query<OrganisationMember>(
    'SELECT id, name, email, role_id AS "roleId", learner_id AS "learnerId", access FROM organisation_member WHERE organisation_id = $1 ORDER BY name, id',
    [id],
  );
  return { ...(rows[0] as Omit<Organisation, 'roles' | 'members'>), roles: roles.rows, members: members.rows };
}

export type OrganisationSummary = {
  id: string;
  name: string;
  organisationNumber: string;
  county: string | null;
  roles: number;
  members: number;
};

/** The organisations an adviser owns; every organisation for an admin (ownerAdviserId omitted). */
export async function listOrganisations(
  pool: Queryable,
  options: { ownerAdviserId?: string } = {},
): Promise<OrganisationSummary[]> {
  const { rows } = await pool.query<OrganisationSummary>(
    `SELECT o.id, o.name, o.organisation_number AS "organisationNumber", o.county,
            (SELECT count(*)::int FROM organisation_role r WHERE r.organisation_id = o.id) AS roles,
            (SELECT count(*)::int FROM organisation_member m WHERE m.organisation_id = o.id) AS members
       FROM organisation o WHERE ($1::text IS NULL OR o.owner_adviser_id = $1) ORDER BY o.name, o.id`,
    [options.ownerAdviserId ?? null],
  );
  return rows;
}

/** Which of the given codes exist in a taxonomy scheme (e.g. SN2007 industry, STYRK-08 4-digit groups). */
export async function existingConceptCodes(
  pool: Queryable,
  options: { scheme: 'sn2007' | 'styrk08'; codes: string[] },
): Promise<Set<string>> {
  if (!options.codes.length) return new Set();
  const { rows } = await pool.query<{ code: string }>(
    'SELECT code FROM taxonomy_concept WHERE scheme = $1 AND code = ANY($2::text[])',
    [options.scheme, options.codes],
  );
  return new Set(rows.map((row) => row.code));
}
