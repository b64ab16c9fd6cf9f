import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey as JoseCryptoKey } from 'jose';
import { invalidRequest } from '../errors.js';
import type { CredentialStore } from './credential-store.js';
import { issuerId, keyUrl, statusListUrl, type IssuerSettings } from './issuer.js';
import {
  credentialsContextV2,
  escoAlignment,
  openBadgesContext,
  toDateTime,
  type AchievementType,
  type EscoSkill,
  type Evidence,
  type IdentityObject,
  type OpenBadgeCredential,
} from './open-badge.js';
import {
  ensureActiveKey,
  privateSigningKey,
  signingAlgorithm,
  type CredentialSecret,
  type SigningKeyStore,
} from './signing-keys.js';

export type IssueCredentialInput = {
  /** The learner in Veileder who receives it (their wallet lists it); null = handed over by the provider only. */
  learnerId: string | null;
  recipient: { name?: string | undefined; email?: string | undefined };
  achievement: {
    /** A stable URI for the achievement (e.g. derived from the offering); a new urn:uuid when absent. */
    id?: string | undefined;
    name: string;
    description: string;
    criteriaNarrative: string;
    achievementType: AchievementType;
    skills: EscoSkill[];
  };
  offeringId?: string | null | undefined;
  /** Default: now. */
  validFrom?: Date | undefined;
  validUntil?: Date | null | undefined;
  evidence: { name?: string | undefined; narrative?: string | undefined; url?: string | undefined }[];
  source: 'provider' | 'adviser';
  providerId?: string | null | undefined;
  issuedByAdviserId?: string | null | undefined;
};

export type IssueCredentialOptions = {
  input: IssueCredentialInput;
  issuer: IssuerSettings;
  store: CredentialStore;
  keys: SigningKeyStore;
  secret: CredentialSecret;
  now?: Date;
};

export type IssuedCredential = { id: string; jwt: string; credential: OpenBadgeCredential };

/**
 * Builds the OpenBadgeCredential, takes a revocation status bit for it, signs it as a VC-JWT (Open Badges 3.0
 * §8.2 on VC-JOSE-COSE: the credential IS the JWT claims set, plus iss = issuer.id, jti = id,
 * sub = credentialSubject.id, nbf = validFrom, exp = validUntil; header alg, kid and typ "JWT" only) and
 * records it.
 */
export async function issueCredential(options: IssueCredentialOptions): Promise<IssuedCredential> {
  const { input, issuer, store } = options;
  const now = options.now ?? new Date();
  const validFrom = input.validFrom ?? now;
  const validUntil = input.validUntil ?? null;
  if (validUntil && validUntil.getTime() <= validFrom.getTime())
    throw invalidRequest({ message: 'validUntil must be after validFrom.' });

  const key = await ensureActiveKey({ store: options.keys, secret: options.secret, now });
  const subjectId =
    (input.learnerId ? await store.subjectIdForLearner(input.learnerId) : null) ?? `urn:uuid:${randomUUID()}`;
  const { listId, index } = await store.reserveStatusIndex();
  const id = randomUUID();
  const credentialId = `urn:uuid:${id}`;
  const statusList = statusListUrl(issuer, listId);
  const identifier = identifiers(input.recipient);

  const credential: OpenBadgeCredential = {
    '@context': [credentialsContextV2, openBadgesContext],
    id: credentialId,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.achievement.name,
    issuer: { id: issuerId(issuer), type: ['Profile'], name: issuer.name, url: issuer.publicUrl },
    validFrom: toDateTime(validFrom),
    ...(validUntil ? { validUntil: toDateTime(validUntil) } : {}),
    credentialSubject: {
      id: subjectId,
      type: ['AchievementSubject'],
      ...(identifier.length ? { identifier } : {}),
      achievement: {
        id: input.achievement.id ?? `urn:uuid:${randomUUID()}`,
        type: ['Achievement'],
        name: input.achievement.name,
        description: input.achievement.description,
        criteria: { narrative: input.achievement.criteriaNarrative },
        achievementType: input.achievement.achievementType,
        ...(input.achievement.skills.length ? { alignment: input.achievement.skills.map(escoAlignment) } : {}),
      },
    },
    ...(input.evidence.length ? { evidence: input.evidence.map(toEvidence) } : {}),
    credentialStatus: {
      id: `${statusList}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: statusList,
    },
  };

  const jwt = await signCredentialJwt({
    claims: credential,
    issuerId: credential.issuer.id,
    subject: subjectId,
    validFrom,
    validUntil,
    kid: keyUrl(issuer, key.id),
    privateKey: await privateSigningKey({ key, secret: options.secret }),
  });

  await store.saveIssued({
    id: credentialId,
    learnerId: input.learnerId,
    subjectId,
    recipientName: input.recipient.name ?? null,
    offeringId: input.offeringId ?? null,
    achievementId: credential.credentialSubject.achievement.id,
    achievementName: input.achievement.name,
    achievementType: input.achievement.achievementType,
    source: input.source,
    providerId: input.providerId ?? null,
    issuedByAdviserId: input.issuedByAdviserId ?? null,
    keyId: key.id,
    statusListId: listId,
    statusIndex: index,
    validFrom: new Date(credential.validFrom),
    validUntil: credential.validUntil ? new Date(credential.validUntil) : null,
    issuedAt: now,
    revokedAt: null,
    revocationReason: null,
    jwt,
  });
  return { id: credentialId, jwt, credential };
}

/** Signs any VC (a badge or a status list) as a compact JWS with the VC-JWT registered claims. */
export async function signCredentialJwt(options: {
  claims: object;
  issuerId: string;
  subject?: string;
  validFrom: Date;
  validUntil: Date | null;
  kid: string;
  privateKey: JoseCryptoKey;
}): Promise<string> {
  const claims = options.claims as { id?: string };
  const payload: Record<string, unknown> = {
    ...options.claims,
    iss: options.issuerId,
    ...(claims.id ? { jti: claims.id } : {}),
    ...(options.subject ? { sub: options.subject } : {}),
    nbf: Math.floor(options.validFrom.getTime() / 1000),
    ...(options.validUntil ? { exp: Math.floor(options.validUntil.getTime() / 1000) } : {}),
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: signingAlgorithm, kid: options.kid, typ: 'JWT' })
    .sign(options.privateKey);
}

/**
 * How the recipient is named inside the credential: the name in clear (a site manager or an employer has to
 * see whose proof it is) and the e-mail address only as a salted SHA-256 hash (OB 3.0 IdentityObject), so a
 * verifier who already knows the address can check it without the credential revealing it.
 */
function identifiers(recipient: IssueCredentialInput['recipient']): IdentityObject[] {
  const result: IdentityObject[] = [];
  if (recipient.name)
    result.push({ type: 'IdentityObject', identityHash: recipient.name, identityType: 'name', hashed: false });
  if (recipient.email) {
    const salt = randomBytes(8).toString('hex');
    const hash = createHash('sha256')
      .update(recipient.email.trim().toLowerCase() + salt)
      .digest('hex');
    result.push({
      type: 'IdentityObject',
      identityHash: `sha256$${hash}`,
      identityType: 'emailAddress',
      hashed: true,
      salt,
    });
  }
  return result;
}

function toEvidence(evidence: IssueCredentialInput['evidence'][number]): Evidence {
  return {
    type: ['Evidence'],
    ...(evidence.url ? { id: evidence.url } : {}),
    ...(evidence.name ? { name: evidence.name } : {}),
    ...(evidence.narrative ? { narrative: evidence.narrative } : {}),
  };
}
