import type { JWK } from 'jose';
import { z } from 'zod';
import { dataIntegrityLibraries } from './data-integrity-libraries.js';
import { fetchJson, IssuerDocumentError, type FetchIssuerDocument } from './fetch-issuer-document.js';

/**
 * The keys an issuer has published, as a controller document (a DID document's shape): which verification
 * methods exist and which may sign credentials (assertionMethod). Resolved offline for did:key and did:jwk
 * (the key is in the identifier), over HTTPS for did:web (/.well-known/did.json or the path's did.json) and
 * for an https issuer (its profile's verificationMethod, else the JWK Set its profile names in `jwks_uri`
 * or at /.well-known/jwks.json of its origin).
 */
export type VerificationMethod = {
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: JWK;
  publicKeyMultibase?: string;
};
export type ControllerDocument = { id: string; verificationMethod: VerificationMethod[]; assertionMethod: string[] };

export class UnresolvableIssuerError extends Error {}

const didContext = 'https://www.w3.org/ns/did/v1';
const multikeyContext = 'https://w3id.org/security/multikey/v1';

const verificationMethodSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    controller: z.string(),
    publicKeyJwk: z.record(z.string(), z.unknown()).optional(),
    publicKeyMultibase: z.string().optional(),
  })
  .loose();

const controllerDocumentSchema = z
  .object({
    id: z.string(),
    verificationMethod: z.array(verificationMethodSchema).default([]),
    assertionMethod: z.array(z.union([z.string(), verificationMethodSchema])).default([]),
  })
  .loose();

const jwksSchema = z.object({
  keys: z.array(z.record(z.string(), z.unknown()).and(z.object({ kty: z.string(), kid: z.string().optional() }))),
});

export async function resolveIssuer(options: {
  issuerId: string;
  fetchDocument: FetchIssuerDocument;
}): Promise<ControllerDocument> {
  const { issuerId } = options;
  if (issuerId.startsWith('did:key:')) return resolveDidKey(issuerId);
  if (issuerId.startsWith('did:jwk:')) return resolveDidJwk(issuerId);
  if (issuerId.startsWith('did:web:')) return resolveDidWeb(issuerId, options.fetchDocument);
  if (issuerId.startsWith('https://')) return resolveHttpsIssuer(issuerId, options.fetchDocument);
  throw new UnresolvableIssuerError(
    `Veileder cannot look up the keys of ${issuerId.split(':').slice(0, 2).join(':')} issuers (did:key, did:jwk, did:web and https are supported)`,
  );
}

/** did:key: the identifier is the multibase public key — Ed25519 ("z6Mk…") or P-256 ("zDn…"). */
async function resolveDidKey(did: string): Promise<ControllerDocument> {
  const fingerprint = did.slice('did:key:'.length).split('#')[0]!;
  const { Ed25519Multikey, EcdsaMultikey } = await dataIntegrityLibraries();
  const library = fingerprint.startsWith('z6Mk')
    ? Ed25519Multikey
    : fingerprint.startsWith('zDn')
      ? EcdsaMultikey
      : null;
  if (!library)
    throw new UnresolvableIssuerError(
      `only Ed25519 (z6Mk…) and P-256 (zDn…) did:key identifiers are supported, not ${fingerprint.slice(0, 4)}…`,
    );
  const id = `${did}#${fingerprint}`;
  try {
    await library.from({
      '@context': multikeyContext,
      type: 'Multikey',
      id,
      controller: did,
      publicKeyMultibase: fingerprint,
    });
  } catch {
    throw new UnresolvableIssuerError(`${did} is not a valid did:key`);
  }
  return {
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: fingerprint }],
    assertionMethod: [id],
  };
}

/** did:jwk: the identifier is the base64url JSON of the public JWK; its one method is `#0`. */
function resolveDidJwk(did: string): ControllerDocument {
  const encoded = did.slice('did:jwk:'.length).split('#')[0]!;
  let jwk: JWK;
  try {
    jwk = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as JWK;
  } catch {
    throw new UnresolvableIssuerError(`${did.slice(0, 40)}… is not a valid did:jwk`);
  }
  if (typeof jwk.kty !== 'string' || 'd' in jwk) throw new UnresolvableIssuerError('a did:jwk must hold a public JWK');
  const id = `${did}#0`;
  return {
    id: did,
    verificationMethod: [{ id, type: 'JsonWebKey', controller: did, publicKeyJwk: jwk }],
    assertionMethod: [id],
  };
}

/** did:web:host[:path…] → https://host/.well-known/did.json, or https://host/path…/did.json (host may carry %3A port). */
export function didWebUrl(did: string): string {
  const [host, ...path] = did.slice('did:web:'.length).split('#')[0]!.split(':');
  const origin = `https://${decodeURIComponent(host!)}`;
  return path.length
    ? `${origin}/${path.map(decodeURIComponent).join('/')}/did.json`
    : `${origin}/.well-known/did.json`;
}

async function resolveDidWeb(did: string, fetchDocument: FetchIssuerDocument): Promise<ControllerDocument> {
  const url = didWebUrl(did);
  const document = parseControllerDocument(
    await fetchJson(fetchDocument, url, 'application/did+json, application/json'),
    url,
  );
  if (document.id !== did)
    throw new UnresolvableIssuerError(`the DID document at ${url} is for ${document.id}, not ${did}`);
  return document;
}

async function resolveHttpsIssuer(issuerId: string, fetchDocument: FetchIssuerDocument): Promise<ControllerDocument> {
  let profile: Record<string, unknown> = {};
  try {
    const fetched = await fetchJson(fetchDocument, issuerId, 'application/ld+json, application/json');
    if (fetched && typeof fetched === 'object') profile = fetched as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof IssuerDocumentError)) throw error;
  }
  if (Array.isArray(profile.verificationMethod)) {
    const document = parseControllerDocument({ ...profile, id: profile.id ?? issuerId }, issuerId);
    if (document.id === issuerId) return document;
  }
  // A JWK Set: the issuer profile's jwks_uri when on the issuer's origin, else the well-known address.
  const origin = new URL(issuerId).origin;
  const named =
    typeof profile.jwks_uri === 'string' &&
    URL.canParse(profile.jwks_uri) &&
    new URL(profile.jwks_uri).origin === origin
      ? profile.jwks_uri
      : null;
  const jwksUrl = named ?? `${origin}/.well-known/jwks.json`;
  const jwks = jwksSchema.safeParse(
    await fetchJson(fetchDocument, jwksUrl, 'application/jwk-set+json, application/json'),
  );
  if (!jwks.success) throw new UnresolvableIssuerError(`${jwksUrl} is not a JWK Set`);
  const methods = jwks.data.keys.map((key, index): VerificationMethod => {
    const { kid, ...publicKeyJwk } = key;
    return {
      id: kid ?? `${jwksUrl}#${index}`,
      type: 'JsonWebKey',
      controller: issuerId,
      publicKeyJwk: publicKeyJwk as JWK,
    };
  });
  return { id: issuerId, verificationMethod: methods, assertionMethod: methods.map((method) => method.id) };
}

function parseControllerDocument(value: unknown, url: string): ControllerDocument {
  const parsed = controllerDocumentSchema.safeParse(value);
  if (!parsed.success) throw new UnresolvableIssuerError(`${url} is not a DID or controller document`);
  const embedded = parsed.data.assertionMethod.filter((method) => typeof method !== 'string');
  const methods = [...parsed.data.verificationMethod, ...embedded].map((method) => ({
    ...method,
    id: absolute(method.id, parsed.data.id),
    controller: absolute(method.controller, parsed.data.id),
  })) as VerificationMethod[];
  return {
    id: parsed.data.id,
    verificationMethod: methods,
    assertionMethod: parsed.data.assertionMethod.map((method) =>
      absolute(typeof method === 'string' ? method : method.id, parsed.data.id),
    ),
  };
}

/** DID documents may name methods relative to the DID ("#key-1"). */
function absolute(id: string, base: string): string {
  return id.startsWith('#') ? `${base}${id}` : id;
}

/** A method's public key as a JWK (Ed25519 and P-256 multibase keys converted), or null when it has none Veileder reads. */
export async function methodJwk(method: VerificationMethod): Promise<JWK | null> {
  if (method.publicKeyJwk) return method.publicKeyJwk;
  const multibase = method.publicKeyMultibase ?? '';
  if (!multibase.startsWith('z6Mk') && !multibase.startsWith('zDn')) return null;
  const { Ed25519Multikey, EcdsaMultikey } = await dataIntegrityLibraries();
  try {
    if (multibase.startsWith('z6Mk'))
      return (await Ed25519Multikey.toJwk({
        keyPair: await Ed25519Multikey.from({ ...method, type: 'Multikey' }),
      })) as JWK;
    return (await EcdsaMultikey.toJwk({ keyPair: await EcdsaMultikey.from({ ...method, type: 'Multikey' }) })) as JWK;
  } catch {
    return null;
  }
}

/** The DID context the controller document is given under, so jsonld-signatures reads it without framing. */
export function asJsonLdDocument(document: ControllerDocument): object {
  return { '@context': [didContext, multikeyContext], ...document };
}

export function asJsonLdMethod(method: VerificationMethod): object {
  return { '@context': multikeyContext, ...method };
}
