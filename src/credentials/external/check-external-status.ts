import { z } from 'zod';
import { decodeStatusList, statusBit } from '../status-list.js';
import type { CredentialFacts, StatusEntry } from './credential-fields.js';
import { fetchJson, IssuerDocumentError, type FetchIssuerDocument } from './fetch-issuer-document.js';
import type { ProofOutcome } from './proof-outcome.js';

/**
 * The status of another issuer's credential, fetched from where the credential says:
 * - BitstringStatusListEntry (W3C; StatusList2021Entry is its older name): the status list credential, whose
 *   proof (VC-JWT or Data Integrity) is checked like any credential's and whose issuer must be the
 *   credential's issuer; then the bit. A set bit means revoked or suspended, by the entry's statusPurpose.
 * - 1EdTechRevocationList (Open Badges 3.0 / VCRL 1.0): the list at the entry's id, revoked when the
 *   credential's id is among revokedCredentials.
 * A credential without an entry has no status to check.
 */
export type StatusOutcome =
  | { status: 'ok' }
  | { status: 'revoked' | 'suspended' }
  | { status: 'unavailable'; detail: string };

export type VerifyStatusListProof = (options: {
  presented: { jwt: string } | { document: Record<string, unknown> };
}) => Promise<ProofOutcome>;

const revocationListSchema = z.object({ revokedCredentials: z.array(z.object({ id: z.string() }).loose()) }).loose();
const statusListSubject = z.object({ statusPurpose: z.string(), encodedList: z.string() }).loose();

export async function checkExternalStatus(options: {
  facts: CredentialFacts;
  fetchDocument: FetchIssuerDocument;
  verifyProof: VerifyStatusListProof;
  now: Date;
}): Promise<StatusOutcome> {
  let outcome: StatusOutcome = { status: 'ok' };
  for (const entry of options.facts.statuses) {
    const found = await checkEntry({ ...options, entry });
    // Worst first: revoked beats suspended beats unknown.
    const rank = (value: StatusOutcome) => ['revoked', 'suspended', 'unavailable', 'ok'].indexOf(value.status);
    if (rank(found) < rank(outcome)) outcome = found;
  }
  return outcome;
}

async function checkEntry(options: {
  facts: CredentialFacts;
  entry: StatusEntry;
  fetchDocument: FetchIssuerDocument;
  verifyProof: VerifyStatusListProof;
  now: Date;
}): Promise<StatusOutcome> {
  const { entry, facts } = options;
  try {
    if (entry.type === '1EdTechRevocationList') {
      if (!entry.id || !facts.id)
        return { status: 'unavailable', detail: 'the 1EdTech revocation list entry or the credential has no id' };
      const list = revocationListSchema.safeParse(await fetchJson(options.fetchDocument, entry.id));
      if (!list.success) return { status: 'unavailable', detail: `${entry.id} is not a 1EdTech revocation list` };
      return list.data.revokedCredentials.some((revoked) => revoked.id === facts.id)
        ? { status: 'revoked' }
        : { status: 'ok' };
    }
    if (entry.type === 'BitstringStatusListEntry' || entry.type === 'StatusList2021Entry')
      return await checkBitstring(options);
    return { status: 'unavailable', detail: `the status type ${entry.type} is not one Veileder reads` };
  } catch (error) {
    // A list that cannot be fetched, decoded or read leaves the status unknown; it is never a crash.
    return {
      status: 'unavailable',
      detail:
        error instanceof IssuerDocumentError
          ? error.message
          : `the status list cannot be read (${(error as Error).message})`,
    };
  }
}

async function checkBitstring(options: {
  facts: CredentialFacts;
  entry: StatusEntry;
  fetchDocument: FetchIssuerDocument;
  verifyProof: VerifyStatusListProof;
  now: Date;
}): Promise<StatusOutcome> {
  const { entry } = options;
  const index = Number(entry.statusListIndex);
  if (!entry.statusListCredential || !Number.isInteger(index) || index < 0)
    return { status: 'unavailable', detail: 'the status entry has no list or index' };
  const fetched = await options.fetchDocument(entry.statusListCredential, {
    accept: 'application/vc+jwt, application/vc+ld+json, application/vc, application/json',
  });
  const body = fetched.body.trim();
  let presented: { jwt: string } | { document: Record<string, unknown> };
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(body)) presented = { jwt: body };
  else {
    try {
      presented = { document: JSON.parse(body) as Record<string, unknown> };
    } catch {
      return { status: 'unavailable', detail: `${entry.statusListCredential} is neither a VC-JWT nor JSON` };
    }
  }
  const proof = await options.verifyProof({ presented });
  if (proof.kind !== 'verified' || !proof.bound)
    return {
      status: 'unavailable',
      detail: `the status list ${entry.statusListCredential} does not verify (${proof.kind})`,
    };
  if (proof.facts.issuerId !== options.facts.issuerId)
    return {
      status: 'unavailable',
      detail: `the status list is issued by ${proof.facts.issuerId}, not by the credential’s issuer`,
    };
  if (proof.facts.validUntil && new Date(proof.facts.validUntil).getTime() <= options.now.getTime())
    return { status: 'unavailable', detail: 'the status list has expired' };
  const subject = statusListSubject.safeParse(proof.facts.credential.credentialSubject);
  if (!subject.success) return { status: 'unavailable', detail: 'the status list has no encodedList' };
  const purpose = entry.statusPurpose ?? 'revocation';
  if (subject.data.statusPurpose !== purpose)
    return {
      status: 'unavailable',
      detail: `the status list is for ${subject.data.statusPurpose}, the entry for ${purpose}`,
    };
  const bits = decodeStatusList(subject.data.encodedList);
  if (index >= bits.length * 8) return { status: 'unavailable', detail: `status index ${index} is outside the list` };
  if (statusBit(bits, index) === 0) return { status: 'ok' };
  return purpose === 'suspension'
    ? { status: 'suspended' }
    : purpose === 'revocation'
      ? { status: 'revoked' }
      : { status: 'ok' };
}
