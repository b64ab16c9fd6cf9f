import { decodeJwt } from 'jose';
import type { OpenBadgeCredential } from '../../src/credentials/open-badge.js';
import { stripRegisteredClaims } from '../../src/credentials/verify-credential.js';
import {
  buildTenderPresentation,
  matchesTenderFilter,
  tenderSummaryRow,
  type TenderFilter,
  type TenderPresentation,
  type TenderSummaryRow,
} from '../../src/tender/tender-presentation.js';
import { createCredentialShare } from '../storage/credential-share-store.js';
import { listMemberCredentials, readBundleRows, saveTenderBundle, type TenderBundle } from '../storage/tender-store.js';
import type { CredentialService } from './credential-service.js';

/**
 * Tender bundles (docs/site-check.md): the organisation picks its people's credentials by achievement, skill
 * or role; only those that verify as valid today go in. Each gets a share link expiring with the bundle, so a
 * reader of the printed summary can check it on /verify — and the learner sees that link in their wallet and
 * can withdraw it.
 */

export type CreateTenderBundleOptions = {
  credentials: CredentialService;
  organisationId: string;
  title: string;
  filter: TenderFilter;
  adviserId: string | null;
  validDays: number;
  now: Date;
};

export async function createTenderBundle(
  options: CreateTenderBundleOptions,
): Promise<{ bundle: TenderBundle; excluded: number }> {
  const { credentials, now } = options;
  const pool = credentials.pool;
  const candidates = await listMemberCredentials(pool, {
    organisationId: options.organisationId,
    roleId: options.filter.roleId,
  });
  const expiresAt = new Date(now.getTime() + options.validDays * 86_400_000);
  const items = [];
  let excluded = 0;
  for (const candidate of candidates) {
    const result = await credentials.verify(candidate.jwt, { now });
    if (!result.credential || !matchesTenderFilter(result.credential, options.filter)) continue;
    if (result.verdict !== 'valid') {
      excluded += 1;
      continue;
    }
    const { token } = await createCredentialShare(pool, { credentialId: candidate.credentialId, expiresAt, now });
    items.push({ credentialId: candidate.credentialId, memberId: candidate.memberId, shareToken: token });
  }
  const bundle = await saveTenderBundle(pool, {
    organisationId: options.organisationId,
    title: options.title,
    filter: options.filter,
    items,
    adviserId: options.adviserId,
    now,
    expiresAt,
  });
  return { bundle, excluded };
}

export type TenderBundleContents = { presentation: TenderPresentation; rows: TenderSummaryRow[] };

/** The presentation and its summary as of now, rebuilt from the credentials still held (same order, one row per credential). */
export async function readTenderBundle(options: {
  credentials: CredentialService;
  bundle: TenderBundle;
  organisationName: string;
}): Promise<TenderBundleContents> {
  const { credentials, bundle } = options;
  const current = await readBundleRows(credentials.pool, bundle);
  const jwts: string[] = [];
  const rows: TenderSummaryRow[] = [];
  for (const item of bundle.items) {
    const state = current.get(item.credentialId);
    if (!state?.jwt) continue;
    const credential = decodeCredential(state.jwt);
    if (!credential) continue;
    jwts.push(state.jwt);
    rows.push(
      tenderSummaryRow({
        credential,
        memberName: state.memberName ?? '—',
        role: state.roleTitle,
        verificationUrl: `${credentials.issuer.publicUrl}/verify?share=${item.shareToken}`,
      }),
    );
  }
  const presentation = buildTenderPresentation({
    id: `urn:uuid:${bundle.id}`,
    name: `${bundle.title} — ${options.organisationName}`,
    description: `Kursbevis for ${options.organisationName}, samlet ${bundle.createdAt.toISOString().slice(0, 10)}. Hvert kursbevis er en VC-JWT signert av utstederen; sjekk det mot utstederens JWKS og statusliste.`,
    jwts,
  });
  return { presentation, rows };
}

/** The signed claims as issued (this is our own credential, verified before it went into the bundle). */
function decodeCredential(jwt: string): OpenBadgeCredential | null {
  try {
    return stripRegisteredClaims(decodeJwt(jwt)) as OpenBadgeCredential;
  } catch {
    return null;
  }
}
