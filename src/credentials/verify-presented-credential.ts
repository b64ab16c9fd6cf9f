import { decodeJwt } from 'jose';
import { verifyExternalCredential } from './external/verify-external-credential.js';
import type { FetchIssuerDocument } from './external/fetch-issuer-document.js';
import { issuerId } from './issuer.js';
import { readPresentedCredential } from './read-presented-credential.js';
import { describeReason } from './verdict-messages.js';
import { verifyCredential, type VerifyCredentialOptions, type VerificationResult } from './verify-credential.js';

/**
 * Any credential someone hands in — a VC-JWT, JSON with an embedded proof, a wallet download, a baked PNG or
 * SVG badge — sent to the right check: Veileder's own credentials to verifyCredential (its keys and status
 * lists read from the database), every other issuer's to verifyExternalCredential (keys and status lists
 * fetched from the issuer). Never throws for a bad credential.
 */
export async function verifyPresentedCredential(
  options: Omit<VerifyCredentialOptions, 'jwt'> & {
    input: string | Uint8Array;
    fetchDocument: FetchIssuerDocument;
    /** Issuer ids (DIDs or URLs) whose credentials count as valid; this Veileder's own issuer always does. */
    trustedIssuers: readonly string[];
  },
): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const presented = readPresentedCredential(options.input);
  if (presented.kind === 'unreadable')
    return {
      verdict: 'malformed',
      reasons: [{ code: 'malformed', message: describeReason('malformed', { detail: presented.detail }) }],
      credential: null,
    };
  const baked = presented.baked ? { baked: presented.baked } : {};
  const ownIssuer = issuerId(options.issuer);
  if (presented.kind === 'jwt' && issuedBy(presented.jwt) === ownIssuer) {
    const result = await verifyCredential({ ...options, jwt: presented.jwt, now });
    return {
      ...result,
      issuer: { id: ownIssuer, name: options.issuer.name, trusted: true },
      proof: 'vc-jwt',
      ...baked,
    };
  }
  const result = await verifyExternalCredential({
    presented: presented.kind === 'jwt' ? { jwt: presented.jwt } : { document: presented.document },
    fetchDocument: options.fetchDocument,
    trustedIssuers: options.trustedIssuers,
    now,
  });
  return { ...result, ...baked };
}

/** The iss claim, or the issuer inside a VCDM 2.0 claims set; null when the JWT cannot be read. */
function issuedBy(jwt: string): string | null {
  try {
    const payload = decodeJwt(jwt) as Record<string, unknown>;
    if (typeof payload.iss === 'string') return payload.iss;
    const issuer = payload.issuer;
    return typeof issuer === 'string'
      ? issuer
      : issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string'
        ? (issuer as { id: string }).id
        : null;
  } catch {
    return null;
  }
}
