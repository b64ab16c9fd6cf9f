import { readCredentialFacts, type CredentialKind } from './credential-fields.js';
import { dataIntegrityLibraries } from './data-integrity-libraries.js';
import { IssuerDocumentError, type FetchIssuerDocument } from './fetch-issuer-document.js';
import { createDocumentLoader, UnknownContextError } from './json-ld-contexts.js';
import type { ProofOutcome } from './proof-outcome.js';
import {
  asJsonLdDocument,
  asJsonLdMethod,
  resolveIssuer,
  UnresolvableIssuerError,
  type ControllerDocument,
} from './resolve-issuer.js';

/**
 * A credential with an embedded Data Integrity proof (`DataIntegrityProof`, cryptosuite `eddsa-rdfc-2022` or
 * `ecdsa-rdfc-2019`), checked with Digital Bazaar's jsonld-signatures and cryptosuites: RDF canonicalisation in
 * safe mode over the shipped contexts only, the Ed25519 or ECDSA signature, and — through vc's CredentialIssuancePurpose — that the
 * signing method is one the issuer lists under assertionMethod and that its controller *is* the issuer.
 * The issuer's document is resolved first (resolveIssuer) and handed to the library, so the library's
 * document loader never reaches the network.
 */
const supportedCryptosuites = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'];

const proofFields = (proof: unknown) =>
  proof && typeof proof === 'object'
    ? (proof as { type?: unknown; cryptosuite?: unknown; verificationMethod?: unknown })
    : {};

export async function verifyDataIntegrity(options: {
  document: Record<string, unknown>;
  fetchDocument: FetchIssuerDocument;
  kind?: CredentialKind;
}): Promise<ProofOutcome> {
  const { proof, ...unsigned } = options.document;
  const read = readCredentialFacts(unsigned, options.kind);
  if ('problem' in read) return { kind: 'malformed', detail: read.problem };
  const facts = { ...read.facts, credential: options.document };
  if (proof === undefined)
    return {
      kind: 'malformed',
      detail: 'the credential carries no proof (neither a JWT nor an embedded proof)',
      facts,
    };
  const proofs = (Array.isArray(proof) ? proof : [proof]).map(proofFields);
  const usable = proofs.find(
    (candidate) =>
      candidate.type === 'DataIntegrityProof' && supportedCryptosuites.includes(String(candidate.cryptosuite)),
  );
  if (!usable) {
    const named = proofs
      .map((candidate) => [candidate.type, candidate.cryptosuite].filter(Boolean).join(' / '))
      .join(', ');
    return {
      kind: 'unsupported_proof',
      detail: `${named || 'an unnamed proof'} (Veileder checks DataIntegrityProof with ${supportedCryptosuites.join(', ')})`,
      facts,
    };
  }
  if (typeof usable.verificationMethod !== 'string')
    return { kind: 'malformed', detail: 'the proof names no verificationMethod', facts };

  // 1EdTech's examples name the key in the method's fragment (https://example.edu/issuers/565049#z6Mk…): the
  // signature can be checked with it offline, but like a JWT header's jwk it is the issuer's only if the
  // issuer's published document lists it. Otherwise the credential is at best "untrusted issuer" — and its
  // dates and status are still checked, so an expired or revoked one says so.
  const fragmentKey = /#(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(usable.verificationMethod)?.[1];
  let issuer: ControllerDocument;
  let bound = true;
  try {
    issuer = await resolveIssuer({ issuerId: facts.issuerId, fetchDocument: options.fetchDocument });
  } catch (error) {
    if (!(error instanceof UnresolvableIssuerError || error instanceof IssuerDocumentError)) throw error;
    if (!fragmentKey) return { kind: 'unresolvable', detail: error.message, facts };
    issuer = { id: facts.issuerId, verificationMethod: [], assertionMethod: [] };
  }
  let method = issuer.verificationMethod.find(
    (candidate) => candidate.id === usable.verificationMethod && issuer.assertionMethod.includes(candidate.id),
  );
  if (!method && fragmentKey) {
    bound = false;
    method = {
      id: usable.verificationMethod,
      type: 'Multikey',
      controller: facts.issuerId,
      publicKeyMultibase: fragmentKey,
    };
    issuer = { id: facts.issuerId, verificationMethod: [method], assertionMethod: [method.id] };
  }
  if (!method) return { kind: 'unknown_key', facts };

  const controller = asJsonLdDocument(issuer);
  const documentLoader = await createDocumentLoader(
    new Map([
      [method.id, asJsonLdMethod(method)],
      [issuer.id, controller],
    ]),
  );
  const { jsigs, DataIntegrityProof, cryptosuites, CredentialIssuancePurpose } = await dataIntegrityLibraries();
  const result = await jsigs.verify(options.document, {
    suite: new DataIntegrityProof({ cryptosuite: cryptosuites[String(usable.cryptosuite)] }),
    purpose: new CredentialIssuancePurpose({ controller }),
    documentLoader,
  });
  if (result.verified) return { kind: 'verified', facts, bound, format: 'data-integrity' };
  const errors = result.error?.errors ?? (result.error ? [result.error] : []);
  const unknownContext = errors.map(findUnknownContext).find(Boolean);
  if (unknownContext)
    return {
      kind: 'unsupported_proof',
      detail: `it uses the JSON-LD context ${unknownContext.url}, which Veileder does not ship (contexts are never fetched)`,
      facts,
    };
  return { kind: 'invalid_signature', facts };
}

/** jsonld wraps a loader's error (sometimes twice) in its own; the cause chain still holds ours. */
function findUnknownContext(error: unknown): UnknownContextError | null {
  for (let current = error, depth = 0; current && depth < 6; depth++) {
    if (current instanceof UnknownContextError) return current;
    const next = current as { cause?: unknown; details?: { cause?: unknown } };
    current = next.cause ?? next.details?.cause;
  }
  return null;
}
