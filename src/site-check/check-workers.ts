import type { OpenBadgeCredential } from '../credentials/open-badge.js';
import type { LocalisedText } from '../credentials/verdict-messages.js';
import type { VerificationResult } from '../credentials/verify-credential.js';
import type { PresentedCredential, RosterEntry } from './parse-roster.js';
import { requirementsFor, type SiteRequirement } from './site.js';
import { localDate, siteReason, type SiteVerdict } from './site-check-texts.js';

/**
 * The site check itself: every presented credential is verified by the credential core (signature, issuer,
 * validity period, revocation), then held against the requirements that apply to the worker. A worker's
 * verdict is `valid` only when every applicable requirement is met by a valid credential for that very
 * achievement; otherwise it is the worst thing found: invalid, revoked, expired, not for this site, missing.
 */

type CheckedCredential = {
  line: number;
  /** What the credential says (null when it could not be read at all). */
  holder: string | null;
  /** credentialSubject.id: the same for all of one learner's credentials from this issuer. */
  subjectId: string | null;
  achievementId: string | null;
  achievementName: string | null;
  validUntil: string | null;
  outcome: 'valid' | 'expired' | 'revoked' | 'invalid';
  /** Why, in words: the verification's first reason, or the share link's problem. */
  reason: LocalisedText;
};

type WorkerResult = {
  name: string | null;
  role: string | null;
  lines: number[];
  verdict: SiteVerdict;
  /** One sentence per unmet requirement (or the one saying all is well). */
  reasons: LocalisedText[];
  credentials: CheckedCredential[];
};

export type SiteCheckResult = { workers: WorkerResult[]; counts: Record<SiteVerdict, number> };

export type CheckWorkersOptions = {
  requirements: SiteRequirement[];
  entries: RosterEntry[];
  /** The credential core's verification (CredentialService.verify). */
  verify: (jwt: string) => Promise<VerificationResult>;
  /** Opens a wallet share link (credential_share); share links are tokens, not credentials. */
  openShare: (token: string) => Promise<{ jwt: string } | { problem: 'unknown' | 'expired' | 'revoked' }>;
};

const severity: SiteVerdict[] = ['invalid', 'revoked', 'expired', 'not_for_site', 'missing', 'valid'];
const worst = (verdicts: SiteVerdict[]): SiteVerdict =>
  verdicts.reduce((left, right) => (severity.indexOf(right) < severity.indexOf(left) ? right : left), 'valid');

export async function checkWorkers(options: CheckWorkersOptions): Promise<SiteCheckResult> {
  const checked = await Promise.all(
    options.entries.map(async (entry) => ({
      entry,
      credential: entry.credential ? await checkCredential(entry.line, entry.credential, options) : null,
    })),
  );
  const groups = new Map<
    string,
    { name: string | null; role: string | null; lines: number[]; credentials: CheckedCredential[] }
  >();
  for (const { entry, credential } of checked) {
    // A roster row is one worker by name; a scanned credential is its subject (two QR codes of one person are
    // one worker; two people who share a name are not), then its holder's name.
    const name = entry.name ?? credential?.holder ?? null;
    const key = entry.name
      ? `name:${entry.name.toLocaleLowerCase('nb')}`
      : credential?.subjectId
        ? `subject:${credential.subjectId}`
        : name
          ? `name:${name.toLocaleLowerCase('nb')}`
          : `line:${entry.line}`;
    const group = groups.get(key) ?? { name, role: null, lines: [], credentials: [] };
    group.lines.push(entry.line);
    group.role = group.role ?? entry.role;
    if (credential) group.credentials.push(credential);
    groups.set(key, group);
  }
  const workers = [...groups.values()].map((group) => judgeWorker(group, options.requirements));
  const counts = { valid: 0, missing: 0, expired: 0, revoked: 0, not_for_site: 0, invalid: 0 } satisfies Record<
    SiteVerdict,
    number
  >;
  for (const worker of workers) counts[worker.verdict] += 1;
  return { workers, counts };
}

async function checkCredential(
  line: number,
  presented: PresentedCredential,
  options: CheckWorkersOptions,
): Promise<CheckedCredential> {
  let jwt: string;
  if (presented.kind === 'share') {
    const opened = await options.openShare(presented.token);
    if ('problem' in opened)
      return {
        line,
        holder: null,
        subjectId: null,
        achievementId: null,
        achievementName: null,
        validUntil: null,
        outcome: 'invalid',
        reason: siteReason(`share_${opened.problem}`),
      };
    jwt = opened.jwt;
  } else jwt = presented.jwt;
  const result = await options.verify(jwt);
  const credential = result.credential;
  const outcome =
    result.verdict === 'valid' || result.verdict === 'expired' || result.verdict === 'revoked'
      ? result.verdict
      : 'invalid';
  const first = result.reasons[0]?.message ?? { nb: '', nn: '', en: '' };
  return {
    line,
    holder: holderName(credential),
    subjectId: typeof credential?.credentialSubject?.id === 'string' ? credential.credentialSubject.id : null,
    achievementId: credential?.credentialSubject?.achievement?.id ?? null,
    achievementName: credential?.credentialSubject?.achievement?.name ?? credential?.name ?? null,
    validUntil: credential?.validUntil ?? null,
    outcome,
    reason:
      outcome === 'invalid'
        ? {
            nb: siteReason('invalid', { all: { detail: first.nb } }).nb,
            nn: siteReason('invalid', { all: { detail: first.nn } }).nn,
            en: siteReason('invalid', { all: { detail: first.en } }).en,
          }
        : first,
  };
}

function judgeWorker(
  group: { name: string | null; role: string | null; lines: number[]; credentials: CheckedCredential[] },
  requirements: SiteRequirement[],
): WorkerResult {
  const base = { name: group.name, role: group.role, lines: group.lines, credentials: group.credentials };
  const applicable = requirementsFor(requirements, group.role);
  if (applicable.length === 0) {
    // Nothing in particular is required: what counts is that what was shown is genuine and in force.
    if (group.credentials.length === 0)
      return { ...base, verdict: 'missing', reasons: [siteReason('missing', { all: { achievement: '—' } })] };
    const best = group.credentials.find((credential) => credential.outcome === 'valid');
    if (best) return { ...base, verdict: 'valid', reasons: [siteReason('valid_no_requirement')] };
    const verdict = worst(group.credentials.map((credential) => credential.outcome));
    return { ...base, verdict, reasons: group.credentials.map((credential) => credential.reason) };
  }

  const required = new Set(applicable.map((requirement) => requirement.achievementId));
  const outcomes = applicable.map((requirement) => judgeRequirement(requirement, group.credentials, required));
  const unmet = outcomes.filter((outcome) => outcome.verdict !== 'valid');
  if (unmet.length === 0) {
    const names = applicable.map((requirement) => requirement.achievementName).join(', ');
    return { ...base, verdict: 'valid', reasons: [siteReason('valid', { all: { achievements: names } })] };
  }
  return {
    ...base,
    verdict: worst(unmet.map((outcome) => outcome.verdict)),
    reasons: unmet.map((outcome) => outcome.reason),
  };
}

function judgeRequirement(
  requirement: SiteRequirement,
  credentials: CheckedCredential[],
  required: Set<string>,
): { verdict: SiteVerdict; reason: LocalisedText } {
  const achievement = requirement.achievementName;
  const matching = credentials.filter((credential) => credential.achievementId === requirement.achievementId);
  if (matching.some((credential) => credential.outcome === 'valid'))
    return { verdict: 'valid', reason: siteReason('valid', { all: { achievements: achievement } }) };
  // The least bad of the credentials for this achievement says why it is not met (an expired one beside a revoked one: expired).
  const failing = [...matching].sort(
    (left, right) => severity.indexOf(right.outcome) - severity.indexOf(left.outcome),
  )[0];
  if (failing?.outcome === 'expired') {
    const date = failing.validUntil;
    return {
      verdict: 'expired',
      reason: siteReason('expired', {
        all: { achievement },
        nb: { date: date ? localDate(date, 'nb') : '' },
        nn: { date: date ? localDate(date, 'nn') : '' },
        en: { date: date ? localDate(date, 'en') : '' },
      }),
    };
  }
  if (failing?.outcome === 'revoked')
    return { verdict: 'revoked', reason: siteReason('revoked', { all: { achievement } }) };
  if (failing) return { verdict: 'invalid', reason: failing.reason };
  // Nothing for this achievement: an unreadable credential may have been it; one for an achievement this site
  // does not ask for is "not for this site"; one that meets another requirement says nothing about this one.
  const unreadable = credentials.find(
    (credential) => credential.outcome === 'invalid' && credential.achievementId === null,
  );
  if (unreadable) return { verdict: 'invalid', reason: unreadable.reason };
  const other = credentials.find(
    (credential) => credential.achievementName && !required.has(credential.achievementId ?? ''),
  );
  if (other)
    return {
      verdict: 'not_for_site',
      reason: siteReason('not_for_site', { all: { achievement, presented: other.achievementName ?? '' } }),
    };
  return { verdict: 'missing', reason: siteReason('missing', { all: { achievement } }) };
}

/** The holder's name as the credential states it (an OB 3.0 IdentityObject of type name, in clear). */
function holderName(credential: OpenBadgeCredential | null): string | null {
  const identifiers = credential?.credentialSubject?.identifier;
  if (!Array.isArray(identifiers)) return null;
  return identifiers.find((entry) => entry.identityType === 'name' && entry.hashed === false)?.identityHash ?? null;
}
