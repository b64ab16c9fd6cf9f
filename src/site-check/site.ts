import { z } from 'zod';

/**
 * A work site of an organisation and the credentials required there (docs/site-check.md). A requirement
 * names an Open Badges achievement by its id (credentialSubject.achievement.id) — a credential for another
 * achievement, however similar its name, does not satisfy it — and may apply to one role only.
 */
export type Site = {
  id: string;
  organisationId: string;
  name: string;
  address: string | null;
  municipality: string | null;
  /** Whole days (YYYY-MM-DD, Norwegian time); null = open-ended. */
  activeFrom: string | null;
  activeUntil: string | null;
  createdAt: Date;
};

export type SiteRequirement = {
  id: string;
  siteId: string;
  achievementId: string;
  achievementName: string;
  /** null = everyone on the site. */
  roleId: string | null;
  roleTitle: string | null;
};

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)), 'is not a date');
const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().trim().max(max).optional(),
  );
const optionalDay = z.preprocess((value) => (value === '' || value === null ? undefined : value), day.optional());

export const siteInputSchema = z
  .object({
    name: z.string().trim().min(1, 'the site needs a name').max(200),
    address: optionalText(300),
    municipality: optionalText(100),
    activeFrom: optionalDay,
    activeUntil: optionalDay,
  })
  .refine((site) => !site.activeFrom || !site.activeUntil || site.activeFrom <= site.activeUntil, {
    message: 'activeUntil must be on or after activeFrom',
    path: ['activeUntil'],
  });
export type SiteInput = z.infer<typeof siteInputSchema>;

export const requirementInputSchema = z.object({
  achievementId: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .refine(
      (value) => /^(https?:\/\/|urn:)/.test(value),
      'the achievement id must be a URL or a URN (credentialSubject.achievement.id)',
    ),
  achievementName: z.string().trim().min(1).max(300),
  roleId: optionalText(100),
});
export type RequirementInput = z.infer<typeof requirementInputSchema>;

/** The day in Norway (the site's calendar), as YYYY-MM-DD. */
function osloDay(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** Whether work on the site is on at `now`: a check outside the period still runs, but the page says so. */
export function siteActivity(
  site: Pick<Site, 'activeFrom' | 'activeUntil'>,
  now: Date,
): 'active' | 'not_started' | 'ended' {
  const today = osloDay(now);
  if (site.activeFrom && today < site.activeFrom) return 'not_started';
  if (site.activeUntil && today > site.activeUntil) return 'ended';
  return 'active';
}

/** The requirements that apply to a worker in `role` (a title, as written on a roster); unknown role = the site-wide ones. */
export function requirementsFor(requirements: SiteRequirement[], role: string | null): SiteRequirement[] {
  const wanted = role?.trim().toLocaleLowerCase('nb') ?? null;
  return requirements.filter(
    (requirement) =>
      requirement.roleId === null || (wanted !== null && requirement.roleTitle?.toLocaleLowerCase('nb') === wanted),
  );
}
