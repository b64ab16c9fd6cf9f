import { z } from 'zod';
import { resolvePlace } from '../catalogue/places.js';
import { isValidOrganisationNumber, normaliseOrganisationNumber } from './organisation-number.js';

/**
 * An organisation as Veileder holds it: a business whose HR person plans what its roles should learn.
 * The zod schemas are the one boundary for every way in (HTTP API, workspace forms, the chat set-up), so
 * a rule (mod-11 organisation number, county name, STYRK-08 group) is written once.
 * Whether an SN2007 or STYRK-08 code exists is checked against the taxonomy tables by the use case
 * (create-organisation.ts), since the schema cannot see the database.
 */

export const assignmentStatuses = ['suggested', 'accepted', 'started', 'completed', 'declined'] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];
const memberAccess = ['member', 'hr'] as const;

const organisationNumberSchema = z
  .string()
  .trim()
  .transform(normaliseOrganisationNumber)
  .refine(isValidOrganisationNumber, {
    message: 'must be a Norwegian organisation number: 9 digits with a valid mod-11 check digit',
  });

/** County names as of 2024; aliases and any case are accepted and stored by their canonical name. */
export const countySchema = z
  .string()
  .trim()
  .transform((name, context) => {
    const place = resolvePlace(name);
    if (place?.kind !== 'county') {
      context.addIssue({ code: 'custom', message: `"${name}" is not a Norwegian county (e.g. Vestland, Oslo, Troms)` });
      return z.NEVER;
    }
    return place.name;
  });

export const industryCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}(\.\d{1,3})?$/, 'must be an SN2007 code such as 41 or 41.200');
const styrkCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'must be a 4-digit STYRK-08 code such as 7115');

export const roleInputSchema = z.object({
  styrkCode: styrkCodeSchema,
  title: z.string().trim().min(1).max(120),
  headcount: z.number().int().min(0).max(100_000).default(1),
});

export const memberInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z
    .email()
    .max(320)
    .transform((email) => email.toLowerCase())
    .optional(),
  /** The role's title (as given among the roles) or its id. */
  role: z.string().trim().min(1).optional(),
  // Never linked by whoever types the staff list: the learner joins by saying an invitation code in chat
  // (POST …/members/{id}/invite, or …/members with learnerId, which invites that learner only).
  learnerId: z
    .never({ error: 'a member cannot be linked to a learner directly; the learner joins by accepting an invitation' })
    .optional(),
  access: z.enum(memberAccess).default('member'),
});

export const organisationInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    organisationNumber: organisationNumberSchema,
    industryCode: industryCodeSchema.optional(),
    county: countySchema.optional(),
    size: z.number().int().min(0).max(1_000_000).optional(),
    learningBudgetNok: z.number().min(0).max(10_000_000).optional().describe('NOK per person per year'),
    hoursPerWeek: z.number().min(0).max(40).optional().describe('Learning hours per person per week'),
    locale: z.enum(['nb', 'nn', 'en']).optional(),
    roles: z.array(roleInputSchema).max(200).default([]),
    members: z.array(memberInputSchema).max(5_000).default([]),
  })
  .superRefine((organisation, context) => {
    const titles = new Set<string>();
    organisation.roles.forEach((role, index) => {
      const key = role.title.toLowerCase();
      if (titles.has(key))
        context.addIssue({
          code: 'custom',
          path: ['roles', index, 'title'],
          message: `the role "${role.title}" is given twice`,
        });
      titles.add(key);
    });
    organisation.members.forEach((member, index) => {
      if (member.role && !titles.has(member.role.toLowerCase())) {
        context.addIssue({
          code: 'custom',
          path: ['members', index, 'role'],
          message: `"${member.role}" is not one of the roles given`,
        });
      }
    });
  });

export type OrganisationInput = z.infer<typeof organisationInputSchema>;
export type RoleInput = z.infer<typeof roleInputSchema>;
export type MemberInput = z.infer<typeof memberInputSchema>;

export type OrganisationRole = { id: string; styrkCode: string; title: string; headcount: number };
export type OrganisationMember = {
  id: string;
  name: string;
  email: string | null;
  roleId: string | null;
  learnerId: string | null;
  access: (typeof memberAccess)[number];
};

export type Organisation = {
  id: string;
  name: string;
  organisationNumber: string;
  industryCode: string | null;
  county: string | null;
  size: number | null;
  learningBudgetNok: number | null;
  hoursPerWeek: number | null;
  locale: string | null;
  ownerAdviserId: string | null;
  ownerLearnerId: string | null;
  roles: OrganisationRole[];
  members: OrganisationMember[];
};
