import { credentialsContextV2, type OpenBadgeCredential } from '../credentials/open-badge.js';

/**
 * A tender bundle as one W3C Verifiable Presentation (VCDM 2.0 §4.13 "Verifiable Presentations"), each
 * credential carried as it was signed: an EnvelopedVerifiableCredential whose id is a `data:` URL of media
 * type application/vc+jwt (VCDM 2.0 §4.13.1, VC-JOSE-COSE §3.1.1).
 *
 * The presentation itself is deliberately left UNSIGNED (VCDM 2.0 allows a presentation without a proof).
 * The holder here is the organisation, which has no key in Veileder; signing with the issuer's key would have
 * Veileder pose as the presenter and suggest a holder binding that does not exist. What a tender evaluator
 * needs — that each credential is genuine, unchanged, in force and not revoked — is proven by each embedded
 * VC-JWT on its own (issuer signature, validity period, Bitstring Status List), checked with the issuer's
 * JWKS. Adding or removing a credential cannot forge one; the readable summary lists exactly the embedded ones.
 */

export type TenderPresentation = {
  '@context': [typeof credentialsContextV2];
  id: string;
  type: ['VerifiablePresentation'];
  name: string;
  description: string;
  verifiableCredential: EnvelopedCredential[];
};

type EnvelopedCredential = {
  '@context': typeof credentialsContextV2;
  id: string;
  type: 'EnvelopedVerifiableCredential';
};

const envelopePrefix = 'data:application/vc+jwt,';

function envelopeCredential(jwt: string): EnvelopedCredential {
  return { '@context': credentialsContextV2, id: `${envelopePrefix}${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

export function buildTenderPresentation(options: {
  id: string;
  name: string;
  description: string;
  jwts: string[];
}): TenderPresentation {
  return {
    '@context': [credentialsContextV2],
    id: options.id,
    type: ['VerifiablePresentation'],
    name: options.name,
    description: options.description,
    verifiableCredential: options.jwts.map(envelopeCredential),
  };
}

/** The VC-JWTs inside a presentation (what a verifier checks one by one); entries of another kind are reported. */
export function readEnvelopedCredentials(presentation: unknown): { jwts: string[]; unreadable: number } {
  const list =
    typeof presentation === 'object' && presentation !== null
      ? (presentation as { verifiableCredential?: unknown }).verifiableCredential
      : undefined;
  const entries: unknown[] = Array.isArray(list) ? list : [];
  const jwts: string[] = [];
  let unreadable = 0;
  for (const entry of entries) {
    const id = typeof entry === 'object' && entry !== null ? (entry as { id?: unknown; type?: unknown }) : {};
    if (id.type === 'EnvelopedVerifiableCredential' && typeof id.id === 'string' && id.id.startsWith(envelopePrefix))
      jwts.push(id.id.slice(envelopePrefix.length));
    else unreadable += 1;
  }
  return { jwts, unreadable };
}

/** What the bundle may include, chosen by the organisation: any of an achievement, a skill, a role. */
export type TenderFilter = {
  achievementId?: string | undefined;
  skill?: string | undefined;
  roleId?: string | undefined;
};

/** Whether a credential fits the filter's achievement and skill (a role is the member's, filtered in storage). */
export function matchesTenderFilter(credential: OpenBadgeCredential, filter: TenderFilter): boolean {
  const achievement = credential.credentialSubject?.achievement;
  if (filter.achievementId && achievement?.id !== filter.achievementId) return false;
  if (filter.skill) {
    const wanted = filter.skill.trim().toLocaleLowerCase('nb');
    const alignments = achievement?.alignment ?? [];
    const hit = alignments.some(
      (alignment) =>
        alignment.targetUrl.toLocaleLowerCase('nb') === wanted ||
        alignment.targetName.toLocaleLowerCase('nb').includes(wanted),
    );
    if (!hit) return false;
  }
  return true;
}

/** One line of the readable summary: who holds what, until when, and where anyone can check it. */
export type TenderSummaryRow = {
  holder: string;
  role: string | null;
  achievement: string;
  achievementType: string;
  issuer: string;
  validFrom: string;
  validUntil: string | null;
  credentialId: string;
  verificationUrl: string;
};

export function tenderSummaryRow(options: {
  credential: OpenBadgeCredential;
  memberName: string;
  role: string | null;
  verificationUrl: string;
}): TenderSummaryRow {
  const { credential } = options;
  const issuer =
    typeof credential.issuer === 'string' ? credential.issuer : (credential.issuer.name ?? credential.issuer.id);
  return {
    holder: options.memberName,
    role: options.role,
    achievement: credential.credentialSubject.achievement.name,
    achievementType: credential.credentialSubject.achievement.achievementType,
    issuer,
    validFrom: credential.validFrom,
    validUntil: credential.validUntil ?? null,
    credentialId: credential.id,
    verificationUrl: options.verificationUrl,
  };
}
