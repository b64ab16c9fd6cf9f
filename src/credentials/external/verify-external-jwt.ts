import {
  calculateJwkThumbprint,
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type JWK,
  type ProtectedHeaderParameters,
} from 'jose';
import { readCredentialFacts, type CredentialKind } from './credential-fields.js';
import { fetchJson, IssuerDocumentError, type FetchIssuerDocument } from './fetch-issuer-document.js';
import type { ProofOutcome } from './proof-outcome.js';
import {
  methodJwk,
  resolveIssuer,
  UnresolvableIssuerError,
  type ControllerDocument,
  type VerificationMethod,
} from './resolve-issuer.js';

/**
 * A VC-JWT of another issuer, checked as Open Badges 3.0 §8.2 asks: the key from the JOSE header (`jwk`) or
 * the issuer's published keys (`kid` as a DID URL or an https URL, or every key the issuer lists). Both
 * payload shapes are read: the credential as the claims set (VCDM 2.0, OB 3.0) and the VCDM 1.1 `vc` claim
 * with iss/nbf/exp/jti/sub standing for issuer/issuanceDate/expirationDate/id/subject.
 */
const algorithms = ['RS256', 'RS384', 'PS256', 'ES256', 'ES384', 'EdDSA', 'Ed25519'];
const types = [undefined, 'JWT', 'vc+jwt', 'vc+ld+jwt', 'application/vc+jwt'];

export async function verifyExternalJwt(options: {
  jwt: string;
  fetchDocument: FetchIssuerDocument;
  kind?: CredentialKind;
}): Promise<ProofOutcome> {
  let header: ProtectedHeaderParameters;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(options.jwt);
    payload = decodeJwt(options.jwt) as Record<string, unknown>;
  } catch (error) {
    return { kind: 'malformed', detail: `not a readable JWT (${(error as Error).message})` };
  }
  if (!types.includes(header.typ)) return { kind: 'malformed', detail: `JOSE header typ "${header.typ}"` };
  const credential = credentialOfPayload(payload);
  if ('problem' in credential) return { kind: 'malformed', detail: credential.problem };
  const read = readCredentialFacts(credential.value, options.kind);
  if ('problem' in read) return { kind: 'malformed', detail: read.problem };
  const facts = read.facts;
  if (typeof payload.iss === 'string' && payload.iss !== facts.issuerId)
    return { kind: 'malformed', detail: 'the JWT iss is not the credential’s issuer', facts };
  if (!header.alg || !algorithms.includes(header.alg))
    return { kind: 'unsupported_proof', detail: `JWS algorithm ${header.alg ?? '(none)'}`, facts };

  if (header.jwk) {
    const embedded = header.jwk as JWK;
    if ('d' in embedded) return { kind: 'malformed', detail: 'the JOSE header carries a private key', facts };
    if (!(await signatureHolds(options.jwt, embedded, header.alg))) return { kind: 'invalid_signature', facts };
    // Anyone can sign with a key they put in the header: it is the issuer's only if the issuer published it.
    return {
      kind: 'verified',
      facts,
      bound: await issuerPublished({ issuerId: facts.issuerId, jwk: embedded, fetchDocument: options.fetchDocument }),
      format: 'vc-jwt',
    };
  }

  let document: ControllerDocument;
  try {
    document = await resolveIssuer({ issuerId: facts.issuerId, fetchDocument: options.fetchDocument });
  } catch (error) {
    if (error instanceof UnresolvableIssuerError || error instanceof IssuerDocumentError)
      return { kind: 'unresolvable', detail: error.message, facts };
    throw error;
  }
  const candidates = await candidateMethods({ document, kid: header.kid, fetchDocument: options.fetchDocument });
  if (candidates.length === 0) return { kind: 'unknown_key', facts };
  for (const method of candidates) {
    const jwk = await methodJwk(method);
    if (jwk && (await signatureHolds(options.jwt, jwk, header.alg)))
      return { kind: 'verified', facts, bound: true, format: 'vc-jwt' };
  }
  return { kind: 'invalid_signature', facts };
}

/** The credential a JWT carries: the `vc` claim (VCDM 1.1, registered claims filled in) or the claims set itself. */
function credentialOfPayload(
  payload: Record<string, unknown>,
): { value: Record<string, unknown> } | { problem: string } {
  const { iss, jti, sub, nbf, exp, iat: _iat, aud: _aud, vc, ...claims } = payload;
  const seconds = (claim: unknown) =>
    typeof claim === 'number' ? new Date(claim * 1000).toISOString().replace('.000Z', 'Z') : undefined;
  if (vc === undefined) {
    // A JWT's own nbf/exp bind too: a token past its exp is not made valid by leaving validUntil out.
    if (claims.validUntil === undefined && exp !== undefined) claims.validUntil = seconds(exp);
    if (claims.validFrom === undefined && nbf !== undefined) claims.validFrom = seconds(nbf);
    return { value: claims };
  }
  if (!vc || typeof vc !== 'object' || Array.isArray(vc)) return { problem: 'the vc claim is not a JSON object' };
  const value: Record<string, unknown> = { ...(vc as Record<string, unknown>) };
  value.issuer ??= iss;
  value.id ??= jti;
  value.issuanceDate ??= seconds(nbf) ?? seconds(payload.iat);
  if (exp !== undefined) value.expirationDate ??= seconds(exp);
  const subject = value.credentialSubject;
  if (typeof sub === 'string' && subject && typeof subject === 'object' && !Array.isArray(subject))
    value.credentialSubject = { id: sub, ...(subject as Record<string, unknown>) };
  return { value };
}

/** The methods a kid may name: a DID URL or key id in the issuer's document, or an https key URL on the issuer's own origin. */
async function candidateMethods(options: {
  document: ControllerDocument;
  kid: string | undefined;
  fetchDocument: FetchIssuerDocument;
}): Promise<VerificationMethod[]> {
  const { document, kid } = options;
  const assertion = document.verificationMethod.filter((method) => document.assertionMethod.includes(method.id));
  if (!kid) return assertion;
  const matching = assertion.filter(
    (method) => method.id === kid || method.id === `${document.id}${kid.startsWith('#') ? '' : '#'}${kid}`,
  );
  if (
    matching.length ||
    !document.id.startsWith('https://') ||
    !URL.canParse(kid) ||
    new URL(kid).origin !== new URL(document.id).origin
  )
    return matching;
  // OB 3.0 §8.2.3: a kid that is a URL dereferences to the public JWK — or, as its example shows
  // (https://example.edu/keys#key-1), to a JWK Set in which the fragment is the key's kid.
  try {
    const fetched = (await fetchJson(
      options.fetchDocument,
      kid,
      'application/jwk+json, application/jwk-set+json, application/json',
    )) as JWK & { keys?: JWK[] };
    const fragment = new URL(kid).hash.slice(1);
    const jwk = Array.isArray(fetched?.keys)
      ? fetched.keys.find((key) => key.kid === kid || (fragment !== '' && key.kid === fragment))
      : fetched;
    return jwk && typeof jwk.kty === 'string' && !('d' in jwk)
      ? [{ id: kid, type: 'JsonWebKey', controller: document.id, publicKeyJwk: jwk }]
      : [];
  } catch (error) {
    if (error instanceof IssuerDocumentError) return [];
    throw error;
  }
}

async function issuerPublished(options: {
  issuerId: string;
  jwk: JWK;
  fetchDocument: FetchIssuerDocument;
}): Promise<boolean> {
  try {
    const document = await resolveIssuer({ issuerId: options.issuerId, fetchDocument: options.fetchDocument });
    const wanted = await calculateJwkThumbprint(options.jwk);
    for (const method of document.verificationMethod.filter((candidate) =>
      document.assertionMethod.includes(candidate.id),
    )) {
      const jwk = await methodJwk(method);
      if (jwk && (await calculateJwkThumbprint(jwk).catch(() => null)) === wanted) return true;
    }
    return false;
  } catch (error) {
    if (error instanceof UnresolvableIssuerError || error instanceof IssuerDocumentError) return false;
    throw error;
  }
}

async function signatureHolds(jwt: string, jwk: JWK, alg: string): Promise<boolean> {
  try {
    await compactVerify(jwt, await importJWK({ ...jwk, alg: undefined }, alg), { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}
