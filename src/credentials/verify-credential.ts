import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import { issuerId, keyIdFromKid, statusListIdFromUrl, type IssuerSettings } from './issuer.js';
import { credentialsContextV2, type OpenBadgeCredential } from './open-badge.js';
import { signingAlgorithm } from './signing-keys.js';
import { decodeStatusList, statusBit } from './status-list.js';
import { describeReason, type LocalisedText, type ReasonCode } from './verdict-messages.js';

/**
 * `untrusted_issuer`: the signature holds and the issuer is who it says, but the issuer is not on the trusted
 * list (VEILEDER_TRUSTED_ISSUERS) — or the key came with the credential and the issuer never published it.
 * `status_unknown`: another issuer's status list could not be fetched or read.
 */
export type Verdict =
  | 'valid'
  | 'invalid_signature'
  | 'unknown_issuer'
  | 'untrusted_issuer'
  | 'not_yet_valid'
  | 'expired'
  | 'revoked'
  | 'status_unknown'
  | 'malformed';

export type VerificationReason = { code: ReasonCode; message: LocalisedText };

export type VerificationResult = {
  verdict: Verdict;
  /** Every finding, worst first; a valid credential has one reason saying so. */
  reasons: VerificationReason[];
  /** The credential as signed, once it could be read (also for a failed verdict, to show what was checked). */
  credential: OpenBadgeCredential | null;
  /** Who issued it and whether this service trusts them; absent when the credential could not be read. */
  issuer?: { id: string; name: string | null; trusted: boolean };
  /** How it is signed: a VC-JWT or an embedded Data Integrity proof. */
  proof?: 'vc-jwt' | 'data-integrity';
  /** Taken out of a baked badge image. */
  baked?: 'png' | 'svg';
};

/** A published public key; StoredSigningKey fits. */
type VerificationKey = { id: string; publicJwk: JWK; retiredAt: Date | null };

export type VerifyCredentialOptions = {
  jwt: string;
  issuer: IssuerSettings;
  /** Every key the issuer published, retired ones included. */
  keys: () => Promise<VerificationKey[]>;
  /** The signed status list credential at a status list id of this issuer, or null. */
  statusList: (listId: string) => Promise<string | null>;
  /** Injectable clock for validity checks. */
  now?: Date;
};

// Only the fields verification reads; everything else in the credential is carried along as signed.
const credentialClaims = z
  .object({
    '@context': z
      .array(z.string())
      .refine(
        (contexts) => contexts[0] === credentialsContextV2,
        'the first @context must be the VC Data Model 2.0 context',
      ),
    id: z.string().min(1),
    type: z
      .array(z.string())
      .refine(
        (types) =>
          types.includes('VerifiableCredential') &&
          (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential')),
        'type must include VerifiableCredential and OpenBadgeCredential',
      ),
    issuer: z.union([z.string(), z.object({ id: z.string(), name: z.string().optional() }).loose()]),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }).optional(),
    credentialSubject: z.object({ id: z.string().optional() }).loose(),
    credentialStatus: z
      .object({
        type: z.literal('BitstringStatusListEntry'),
        statusPurpose: z.string(),
        statusListIndex: z.string().regex(/^\d+$/),
        statusListCredential: z.string(),
      })
      .loose()
      .optional(),
    iss: z.string(),
    jti: z.string().optional(),
    sub: z.string().optional(),
    nbf: z.number().optional(),
    exp: z.number().optional(),
  })
  .loose();

const statusListClaims = z
  .object({
    type: z.array(z.string()).refine((types) => types.includes('BitstringStatusListCredential')),
    iss: z.string(),
    credentialSubject: z.object({ statusPurpose: z.string(), encodedList: z.string() }).loose(),
  })
  .loose();

export const verdictSeverity: Verdict[] = [
  'malformed',
  'unknown_issuer',
  'invalid_signature',
  'revoked',
  'expired',
  'not_yet_valid',
  'status_unknown',
  'untrusted_issuer',
  'valid',
];

/**
 * Checks a VC-JWT the way Open Badges 3.0 §8.2.4 asks: signature against the issuer's published keys
 * (rotated ones included), iss/jti/sub/nbf/exp against the credential, the validity period, and the
 * Bitstring Status List entry. Never throws for a bad credential: the verdict says what is wrong.
 */
export async function verifyCredential(options: VerifyCredentialOptions): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const jwt = options.jwt.trim();
  const fail = (
    verdict: Verdict,
    code: ReasonCode,
    values: Record<string, string> = {},
    credential: OpenBadgeCredential | null = null,
  ): VerificationResult => ({
    verdict,
    reasons: [{ code, message: describeReason(code, values) }],
    credential,
  });

  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(jwt))
      throw new Error('not a compact JWS (three base64url parts separated by dots)');
    header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt) as Record<string, unknown>;
  } catch (error) {
    return fail('malformed', 'malformed', { detail: (error as Error).message });
  }
  const parsed = credentialClaims.safeParse(payload, { reportInput: true });
  // Said in words (a VCDM 1.1 JWT lacks @context in its claims: "@context is missing", not "expected array").
  if (!parsed.success)
    return fail('malformed', 'malformed', {
      detail: [
        ...new Set(
          parsed.error.issues.map(
            (issue) =>
              `${issue.path.join('.') || 'credential'} ${issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.code === 'custom' ? `— ${issue.message}` : 'has a form Veileder cannot read'}`,
          ),
        ),
      ].join('; '),
    });
  const claims = parsed.data;
  const credential = stripRegisteredClaims(payload) as OpenBadgeCredential;
  if (header.typ !== undefined && header.typ !== 'JWT' && header.typ !== 'vc+jwt')
    return fail('malformed', 'malformed', { detail: `JOSE header typ "${header.typ}"` }, credential);

  const credentialIssuer = typeof claims.issuer === 'string' ? claims.issuer : claims.issuer.id;
  const expectedIssuer = issuerId(options.issuer);
  if (claims.iss !== credentialIssuer)
    return fail('malformed', 'malformed', { detail: 'iss does not match issuer.id' }, credential);
  if (credentialIssuer !== expectedIssuer)
    return fail('unknown_issuer', 'unknown_issuer', { issuer: credentialIssuer, expected: expectedIssuer }, credential);

  const keyId = typeof header.kid === 'string' ? keyIdFromKid(options.issuer, header.kid) : null;
  const key = keyId ? (await options.keys()).find((candidate) => candidate.id === keyId) : undefined;
  if (!key) return fail('invalid_signature', 'unknown_key', {}, credential);
  try {
    await compactVerify(jwt, await importJWK(key.publicJwk, signingAlgorithm), { algorithms: [signingAlgorithm] });
  } catch {
    return fail('invalid_signature', 'invalid_signature', {}, credential);
  }

  // The signature holds, so the claims are the issuer's own; they must still agree with the credential.
  const validFrom = new Date(claims.validFrom);
  const validUntil = claims.validUntil ? new Date(claims.validUntil) : null;
  const mismatch = [
    claims.jti !== claims.id && 'jti ≠ id',
    claims.sub !== claims.credentialSubject.id && 'sub ≠ credentialSubject.id',
    claims.nbf !== Math.floor(validFrom.getTime() / 1000) && 'nbf ≠ validFrom',
    (claims.exp ?? null) !== (validUntil ? Math.floor(validUntil.getTime() / 1000) : null) && 'exp ≠ validUntil',
  ].filter(Boolean);
  if (mismatch.length) return fail('malformed', 'malformed', { detail: mismatch.join(', ') }, credential);

  const reasons: { verdict: Verdict; reason: VerificationReason }[] = [];
  const add = (verdict: Verdict, code: ReasonCode, values: Record<string, string> = {}) =>
    reasons.push({ verdict, reason: { code, message: describeReason(code, values) } });
  if (now.getTime() < validFrom.getTime()) add('not_yet_valid', 'not_yet_valid', { validFrom: claims.validFrom });
  if (validUntil && now.getTime() >= validUntil.getTime())
    add('expired', 'expired', { validUntil: claims.validUntil ?? '' });
  const status = await checkStatus({ ...options, entry: claims.credentialStatus });
  if (status === 'revoked') add('revoked', 'revoked');
  if (status === 'unavailable') add('malformed', 'status_unavailable');
  if (reasons.length === 0)
    add('valid', 'valid', {
      issuer: typeof claims.issuer === 'string' ? claims.issuer : (claims.issuer.name ?? claims.issuer.id),
    });
  reasons.sort((left, right) => verdictSeverity.indexOf(left.verdict) - verdictSeverity.indexOf(right.verdict));
  return { verdict: reasons[0]!.verdict, reasons: reasons.map((entry) => entry.reason), credential };
}

async function checkStatus(
  options: VerifyCredentialOptions & { entry: z.infer<typeof credentialClaims>['credentialStatus'] },
): Promise<'ok' | 'revoked' | 'unavailable'> {
  // Every credential Veileder issues has a status entry; one without cannot be revoked and is not ours.
  if (options.entry?.statusPurpose !== 'revocation') return 'unavailable';
  const listId = statusListIdFromUrl(options.issuer, options.entry.statusListCredential);
  if (!listId) return 'unavailable';
  const listJwt = await options.statusList(listId);
  if (!listJwt) return 'unavailable';
  try {
    const header = decodeProtectedHeader(listJwt);
    const keyId = typeof header.kid === 'string' ? keyIdFromKid(options.issuer, header.kid) : null;
    const key = keyId ? (await options.keys()).find((candidate) => candidate.id === keyId) : undefined;
    if (!key) return 'unavailable';
    const { payload } = await compactVerify(listJwt, await importJWK(key.publicJwk, signingAlgorithm), {
      algorithms: [signingAlgorithm],
    });
    const list = statusListClaims.parse(JSON.parse(new TextDecoder().decode(payload)));
    if (list.iss !== issuerId(options.issuer) || list.credentialSubject.statusPurpose !== 'revocation')
      return 'unavailable';
    return statusBit(decodeStatusList(list.credentialSubject.encodedList), Number(options.entry.statusListIndex)) === 1
      ? 'revoked'
      : 'ok';
  } catch {
    return 'unavailable';
  }
}

/** The credential without the JWT registered claims, i.e. the OpenBadgeCredential as issued. */
export function stripRegisteredClaims(payload: Record<string, unknown>): Record<string, unknown> {
  const { iss: _iss, jti: _jti, sub: _sub, nbf: _nbf, exp: _exp, iat: _iat, ...credential } = payload;
  return credential;
}
