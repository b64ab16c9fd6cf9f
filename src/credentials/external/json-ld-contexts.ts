import { readFile } from 'node:fs/promises';

/**
 * Every JSON-LD context a Data Integrity proof may be canonicalised with, shipped in the repo or in npm
 * packages: nothing is ever fetched. A credential naming any other context cannot be checked (its terms
 * could mean anything), and says so. The Open Badges contexts are 1EdTech's published files
 * (1EdTech/openbadges-specification, ob_v3p0/context-3.0.{2,3}.json), byte for byte.
 */
const openBadgesContext = async (version: string) =>
  JSON.parse(await readFile(new URL(`./contexts/ob-v3p0-context-${version}.json`, import.meta.url), 'utf8')) as object;

// Loaded on first use, like the libraries (data-integrity-libraries.ts): importing the packages takes ~130 ms.
let loading: Promise<ReadonlyMap<string, object>> | undefined;

function shippedContexts(): Promise<ReadonlyMap<string, object>> {
  loading ??= (async () => {
    const [credentials, dataIntegrity, multikey] = await Promise.all([
      import('@digitalbazaar/credentials-context'),
      import('@digitalbazaar/data-integrity-context'),
      import('@digitalbazaar/multikey-context'),
    ]);
    return new Map<string, object>([
      ...credentials.contexts,
      ...dataIntegrity.contexts,
      ...multikey.contexts,
      ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', await openBadgesContext('3.0.3')],
      ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json', await openBadgesContext('3.0.2')],
    ]);
  })();
  return loading;
}

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
export async function createDocumentLoader(
  documents: ReadonlyMap<string, object>,
): Promise<(url: string) => Promise<LoadedDocument>> {
  const contexts = await shippedContexts();
  return async (url) => {
    const document = contexts.get(url) ?? documents.get(url);
    if (!document) throw new UnknownContextError(url);
    return { contextUrl: null, documentUrl: url, document: structuredClone(document) };
  };
}
