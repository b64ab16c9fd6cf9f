import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createIssuerDocumentFetcher,
  type IssuerDocumentFetcherOptions,
} from '../../adapters/credentials/issuer-document-fetcher.js';
import type { FetchIssuerDocument } from '../../src/credentials/external/fetch-issuer-document.js';

/**
 * Another Open Badges issuer, over real HTTPS with its own certificate: it serves what
 * scripts/make-external-credential-fixtures.ts published for badges.example.org — the did:web DID document,
 * the https issuer's profile, JWK Set and key, the status lists and the 1EdTech revocation list — with their
 * media types and a one-minute Cache-Control, and records every request. `fetchDocument` is Veileder's real fetcher pointed at it (the host
 * name resolved to 127.0.0.1, TLS checked against the fixture certificate).
 */
export type FakeCredentialIssuer = {
  host: string;
  /** Where it listens on 127.0.0.1, and its certificate: for a fetcher with other limits. */
  port: number;
  ca: string;
  /** One fetcher (with its own cache) for the whole test file. */
  fetchDocument: FetchIssuerDocument;
  /** A new fetcher with an empty cache, e.g. after fail(), or with an injected clock. */
  fetcher(options?: Omit<IssuerDocumentFetcherOptions, 'connectTo' | 'ca'>): FetchIssuerDocument;
  requests: string[];
  /** Answer this path with a status code instead of the document (e.g. 503 for a status list that is down). */
  fail(path: string, status: number): void;
  restore(): void;
  close(): Promise<void>;
};

const fixtures = new URL('../fixtures/credentials/external/', import.meta.url);

export async function startFakeCredentialIssuer(): Promise<FakeCredentialIssuer> {
  const site = JSON.parse(await readFile(new URL('site.json', fixtures), 'utf8')) as {
    host: string;
    routes: { path: string; file: string; contentType: string }[];
  };
  const documents = new Map(
    await Promise.all(
      site.routes.map(
        async (route) =>
          [
            route.path,
            { body: await readFile(new URL(route.file, fixtures)), contentType: route.contentType },
          ] as const,
      ),
    ),
  );
  const ca = await readFile(new URL('tls-cert.pem', fixtures), 'utf8');
  const requests: string[] = [];
  const failing = new Map<string, number>();
  const server: Server = createServer(
    { key: await readFile(new URL('tls-key.pem', fixtures)), cert: ca },
    (request, response) => {
      const path = new URL(request.url ?? '/', `https://${site.host}`).pathname;
      requests.push(`${request.headers.host}${path}`);
      const failure = failing.get(path);
      const document = documents.get(path);
      if (failure || !document || request.headers.host !== site.host) {
        response.writeHead(failure ?? 404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      response
        .writeHead(200, { 'content-type': document.contentType, 'cache-control': 'max-age=60' })
        .end(document.body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const fetcher = (options: Omit<IssuerDocumentFetcherOptions, 'connectTo' | 'ca'> = {}) =>
    createIssuerDocumentFetcher({ ...options, connectTo: { [`${site.host}:443`]: { host: '127.0.0.1', port } }, ca });
  return {
    host: site.host,
    port,
    ca,
    fetchDocument: fetcher(),
    fetcher,
    requests,
    fail: (path, status) => void failing.set(path, status),
    restore: () => failing.clear(),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
