import { readFileSync } from 'node:fs';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { contexts as dataIntegrityContexts } from '@digitalbazaar/data-integrity-context';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';

/**
 * Every JSON-LD context a Data Integrity proof may be canonicalised with, shipped in the repo or in npm
 * packages: nothing is ever fetched. A credential naming any other context cannot be checked (its terms
 * could mean anything), and says so. The Open Badges contexts are 1EdTech's published files
 * (1EdTech/openbadges-specification, ob_v3p0/context-3.0.{2,3}.json), byte for byte.
 */
const openBadgesContext = (version: string) => JSON.parse(readFileSync(new URL(`./contexts/ob-v3p0-context-${version}.json`, import.meta.url), 'utf8')) as object;

export const shippedContexts: ReadonlyMap<string, object> = new Map<string, object>([
  ...credentialsContexts,
  ...dataIntegrityContexts,
  ...multikeyContexts,
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', openBadgesContext('3.0.3')],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', openBadgesContext('3.0.2')],
]);

export class UnknownContextError extends Error {
  constructor(readonly url: string) {
    super(`the JSON-LD context ${url} is not one Veileder ships`);
  }
}

export type LoadedDocument = { contextUrl: null; documentUrl: string; document: unknown };

/**
 * A jsonld document loader: shipped contexts, plus the documents given (the issuer's verification methods,
 * already resolved by resolveIssuer). Anything else is refused — in particular no context is fetched.
 */
export function createDocumentLoader(documents: ReadonlyMap<string, object>): (url: string) => Promise<LoadedDocument> {
  return async (url) => {
    const document = shippedContexts.get(url) ?? documents.get(url);
    if (!document) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}
