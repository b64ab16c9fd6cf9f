import { z } from 'zod';

/**
 * What the verifier reads from a credential of any issuer, in either data model: VCDM 2.0 (validFrom,
 * validUntil — Open Badges 3.0 as published) and VCDM 1.1 (issuanceDate, expirationDate — what many
 * issuers still send, and what 1EdTech's notes allow). Only the fields verification needs; the rest is
 * carried along as signed. Problems are told in words a site manager understands, never as a schema
 * library's message.
 */
const credentialsContextV1 = 'https://www.w3.org/2018/credentials/v1';
const credentialsContextV2 = 'https://www.w3.org/ns/credentials/v2';

const dateTime = z.iso.datetime({ offset: true });

const statusEntrySchema = z
  .object({
    id: z.string().optional(),
    type: z.string(),
    statusPurpose: z.string().optional(),
    statusListIndex: z.union([z.string(), z.number()]).optional(),
    statusListCredential: z.string().optional(),
  })
  .loose();
export type StatusEntry = z.infer<typeof statusEntrySchema>;

const credentialSchema = z
  .object({
    '@context': z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).min(1),
    id: z.string().optional(),
    type: z.union([z.string(), z.array(z.string())]),
    issuer: z.union([
      z.string().min(1),
      z
        .object({ id: z.string().min(1), name: z.union([z.string(), z.record(z.string(), z.unknown())]).optional() })
        .loose(),
    ]),
    validFrom: dateTime.optional(),
    validUntil: dateTime.optional(),
    issuanceDate: dateTime.optional(),
    expirationDate: dateTime.optional(),
    credentialSubject: z.union([z.object({}).loose(), z.array(z.object({}).loose())]),
    credentialStatus: z.union([statusEntrySchema, z.array(statusEntrySchema)]).optional(),
  })
  .loose();

export type CredentialFacts = {
  credential: Record<string, unknown>;
  dataModel: '1.1' | '2.0';
  id: string | null;
  issuerId: string;
  issuerName: string | null;
  validFrom: string | null;
  validUntil: string | null;
  statuses: StatusEntry[];
};

const fieldNames: Record<string, string> = {
  '@context': '@context (it is not a W3C Verifiable Credential)',
  type: 'type',
  issuer: 'issuer',
  credentialSubject: 'credentialSubject (whom it is about)',
  validFrom: 'validFrom',
  validUntil: 'validUntil',
  issuanceDate: 'issuanceDate',
  expirationDate: 'expirationDate',
  credentialStatus: 'credentialStatus',
};

/** An Open Badge (what /verify checks) or a status list credential (what a badge's status entry points to). */
export type CredentialKind = 'badge' | 'status_list';

const kindTypes: Record<CredentialKind, { types: string[]; name: string }> = {
  badge: {
    types: ['OpenBadgeCredential', 'AchievementCredential'],
    name: 'an Open Badge (OpenBadgeCredential or AchievementCredential)',
  },
  status_list: {
    types: ['BitstringStatusListCredential', 'StatusList2021Credential'],
    name: 'a status list (BitstringStatusListCredential)',
  },
};

export function readCredentialFacts(
  value: unknown,
  kind: CredentialKind = 'badge',
): { facts: CredentialFacts } | { problem: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { problem: 'the credential is not a JSON object' };
  const parsed = credentialSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? 'credential');
      const name = fieldNames[field] ?? field;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `${name} is missing`;
      if (field === 'validFrom' || field === 'validUntil' || field === 'issuanceDate' || field === 'expirationDate')
        return `${name} is not a date and time with a time zone`;
      return `${name} has a form Veileder cannot read`;
    });
    return { problem: [...new Set(problems)].join('; ') };
  }
  const credential = parsed.data;
  const contexts = credential['@context'];
  const dataModel = contexts[0] === credentialsContextV2 ? '2.0' : contexts[0] === credentialsContextV1 ? '1.1' : null;
  if (!dataModel)
    return {
      problem: `the first @context is ${typeof contexts[0] === 'string' ? contexts[0] : 'an object'}, not the W3C Verifiable Credentials context`,
    };
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) return { problem: 'its type does not include VerifiableCredential' };
  const expected = kindTypes[kind];
  if (!expected.types.some((type) => types.includes(type)))
    return {
      problem: `it is a ${types.filter((type) => type !== 'VerifiableCredential').join(', ') || 'plain'} credential, not ${expected.name}`,
    };
  const issuerName =
    typeof credential.issuer === 'object' && typeof credential.issuer.name === 'string' ? credential.issuer.name : null;
  const validFrom = dataModel === '2.0' ? credential.validFrom : credential.issuanceDate;
  const validUntil = dataModel === '2.0' ? credential.validUntil : credential.expirationDate;
  if (dataModel === '1.1' && !validFrom)
    return { problem: 'issuanceDate is missing (a VC 1.1 credential must have one)' };
  return {
    facts: {
      credential: value as Record<string, unknown>,
      dataModel,
      id: credential.id ?? null,
      issuerId: typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id,
      issuerName,
      validFrom: validFrom ?? null,
      validUntil: validUntil ?? null,
      statuses:
        credential.credentialStatus === undefined
          ? []
          : Array.isArray(credential.credentialStatus)
            ? credential.credentialStatus
            : [credential.credentialStatus],
    },
  };
}
