import type { OpenBadgeCredential } from '../open-badge.js';
import { describeReason, type ReasonCode } from '../verdict-messages.js';
import {
  verdictSeverity,
  type VerificationReason,
  type VerificationResult,
  type Verdict,
} from '../verify-credential.js';
import { checkExternalStatus } from './check-external-status.js';
import type { FetchIssuerDocument } from './fetch-issuer-document.js';
import type { ProofOutcome } from './proof-outcome.js';
import { verifyDataIntegrity } from './verify-data-integrity.js';
import { verifyExternalJwt } from './verify-external-jwt.js';

export type ExternalCredential = { jwt: string } | { document: Record<string, unknown> };

/**
 * Another issuer's Open Badge, VC-JWT or Data Integrity: the proof against the issuer's published keys, then
 * the validity period, the status the issuer publishes, and whether this service trusts the issuer
 * (VEILEDER_TRUSTED_ISSUERS). A good signature from an issuer not on the list is `untrusted_issuer`, never
 * `valid` and never `invalid_signature`. Never throws for a bad credential; the worst finding is the verdict.
 */
export async function verifyExternalCredential(options: {
  presented: ExternalCredential;
  fetchDocument: FetchIssuerDocument;
  trustedIssuers: readonly string[];
  now: Date;
}): Promise<VerificationResult> {
  const outcome = await verifyProof({
    presented: options.presented,
    fetchDocument: options.fetchDocument,
    kind: 'badge',
  });
  const credential =
    'facts' in outcome && outcome.facts ? (outcome.facts.credential as unknown as OpenBadgeCredential) : null;
  const issuer =
    'facts' in outcome && outcome.facts
      ? {
          id: outcome.facts.issuerId,
          name: outcome.facts.issuerName,
          trusted: options.trustedIssuers.includes(outcome.facts.issuerId),
        }
      : undefined;
  const proof: VerificationResult['proof'] = 'jwt' in options.presented ? 'vc-jwt' : 'data-integrity';
  const fail = (verdict: Verdict, code: ReasonCode, values: Record<string, string> = {}): VerificationResult => ({
    verdict,
    reasons: [{ code, message: describeReason(code, values) }],
    credential,
    ...(issuer ? { issuer } : {}),
    proof,
  });

  switch (outcome.kind) {
    case 'malformed':
      return fail('malformed', 'malformed', { detail: outcome.detail });
    case 'unsupported_proof':
      return fail('malformed', 'unsupported_proof', { detail: outcome.detail });
    case 'unresolvable':
      return fail('unknown_issuer', 'issuer_unresolvable', { issuer: outcome.facts.issuerId, detail: outcome.detail });
    case 'unknown_key':
      return fail('invalid_signature', 'unknown_key');
    case 'invalid_signature':
      return fail('invalid_signature', 'invalid_signature');
    case 'verified':
      break;
  }

  const { facts } = outcome;
  const findings: { verdict: Verdict; reason: VerificationReason }[] = [];
  const add = (verdict: Verdict, code: ReasonCode, values: Record<string, string> = {}) =>
    findings.push({ verdict, reason: { code, message: describeReason(code, values) } });
  const issuerName = facts.issuerName ?? facts.issuerId;
  if (facts.validFrom && options.now.getTime() < new Date(facts.validFrom).getTime())
    add('not_yet_valid', 'not_yet_valid', { validFrom: facts.validFrom });
  if (facts.validUntil && options.now.getTime() >= new Date(facts.validUntil).getTime())
    add('expired', 'expired', { validUntil: facts.validUntil });
  const status = await checkExternalStatus({
    facts,
    fetchDocument: options.fetchDocument,
    now: options.now,
    verifyProof: ({ presented }) =>
      verifyProof({ presented, fetchDocument: options.fetchDocument, kind: 'status_list' }),
  });
  if (status.status === 'revoked') add('revoked', 'revoked');
  if (status.status === 'suspended') add('revoked', 'suspended');
  if (status.status === 'unavailable') add('status_unknown', 'status_unreadable', { detail: status.detail });
  if (!outcome.bound) add('untrusted_issuer', 'key_not_bound', { issuer: issuerName });
  else if (!issuer!.trusted) add('untrusted_issuer', 'untrusted_issuer', { issuer: issuerName });
  if (findings.length === 0) add('valid', 'valid', { issuer: issuerName });
  findings.sort((left, right) => verdictSeverity.indexOf(left.verdict) - verdictSeverity.indexOf(right.verdict));
  return {
    verdict: findings[0]!.verdict,
    reasons: findings.map((finding) => finding.reason),
    credential,
    issuer: { ...issuer!, trusted: issuer!.trusted && outcome.bound },
    proof: outcome.format,
  };
}

function verifyProof(options: {
  presented: ExternalCredential;
  fetchDocument: FetchIssuerDocument;
  kind: 'badge' | 'status_list';
}): Promise<ProofOutcome> {
  return 'jwt' in options.presented
    ? verifyExternalJwt({ jwt: options.presented.jwt, fetchDocument: options.fetchDocument, kind: options.kind })
    : verifyDataIntegrity({
        document: options.presented.document,
        fetchDocument: options.fetchDocument,
        kind: options.kind,
      });
}
