/**
 * The one way the credential verifier reaches other issuers: a GET of a public document (a DID document,
 * a JWK Set, an issuer profile, a status list). The adapter (adapters/credentials/issuer-document-fetcher.ts)
 * decides what may be fetched — https only, public addresses, a size and time limit — so the core never
 * touches the network itself.
 */
export type FetchedDocument = { contentType: string; body: string };

export type FetchIssuerDocument = (url: string, options: { accept: string }) => Promise<FetchedDocument>;

/** Why a document could not be had; its message is safe to show (no internals, just the URL and the cause). */
export class IssuerDocumentError extends Error {
  constructor(
    readonly url: string,
    readonly detail: string,
  ) {
    super(`${url}: ${detail}`);
  }
}

export async function fetchJson(
  fetchDocument: FetchIssuerDocument,
  url: string,
  accept = 'application/json',
): Promise<unknown> {
  const fetched = await fetchDocument(url, { accept });
  try {
    return JSON.parse(fetched.body);
  } catch {
    throw new IssuerDocumentError(url, 'the answer is not JSON');
  }
}
