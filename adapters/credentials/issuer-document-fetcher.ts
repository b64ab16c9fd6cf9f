import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import {
  IssuerDocumentError,
  type FetchedDocument,
  type FetchIssuerDocument,
} from '../../src/credentials/external/fetch-issuer-document.js';
import { isPublicAddress } from '../public-address.js';

/**
 * Fetches other issuers' public documents (DID documents, JWK Sets, profiles, status lists) for the verifier.
 * The URLs come from the credential being checked, i.e. from anyone, so: https only (a key fetched over
 * plain http could be swapped on the way); no private, loopback or link-local address (the server must
 * not be steered into the operator's own network); no redirects; 5 s and 1 MiB at most.
 *
 * Answers are kept as long as their Cache-Control max-age says (no header: 60 s; at most 5 minutes, the
 * longest a revocation may go unseen; no-store: not kept), so a site check of thirty workers from one
 * issuer fetches its DID document and status list once, not thirty times.
 *
 * `connectTo` and `ca` exist for tests: the fake issuer listens on 127.0.0.1 with its own certificate for
 * a public-looking host name, the way curl's --resolve works — TLS is still checked for that name.
 */
export type IssuerDocumentFetcherOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  /** host:port → the address to connect to instead (tests only). */
  connectTo?: Readonly<Record<string, { host: string; port: number }>>;
  /** Extra trusted CA certificate (PEM), for the tests' fake issuer. */
  ca?: string;
  /** Injectable clock for the cache. */
  now?: () => number;
};

const defaultCacheSeconds = 60;
const maximumCacheSeconds = 300;
const maximumCachedDocuments = 500;

/** How long an answer may be reused, from its Cache-Control header. */
export function cacheSeconds(cacheControl: string | undefined): number {
  if (!cacheControl) return defaultCacheSeconds;
  if (/\b(no-store|no-cache|private)\b/i.test(cacheControl)) return 0;
  const maxAge = /\bmax-age=(\d+)/i.exec(cacheControl)?.[1];
  return Math.min(maxAge === undefined ? defaultCacheSeconds : Number(maxAge), maximumCacheSeconds);
}

/** DNS lookup that refuses names resolving to a non-public address (checked at connect time, so a rebinding answer cannot slip through). */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = addresses.filter((entry) => isPublicAddress(entry.address));
    if (allowed.length === 0)
      return callback(Object.assign(new Error(`${hostname} is not a public address`), { code: 'ENOTPUBLIC' }), '', 0);
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, allowed);
    callback(null, allowed[0]!.address, allowed[0]!.family);
  });
};

export function createIssuerDocumentFetcher(options: IssuerDocumentFetcherOptions = {}): FetchIssuerDocument {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { expires: number; document: FetchedDocument }>();
  return async (url, { accept }) => {
    const key = `${accept}\n${url}`;
    const cached = cache.get(key);
    if (cached && cached.expires > now()) return cached.document;
    cache.delete(key);
    const { document, seconds } = await fetchOnce({ url, accept, timeoutMs, maxBytes, options });
    if (seconds > 0) {
      // Oldest first out: a Map keeps insertion order.
      if (cache.size >= maximumCachedDocuments) cache.delete(cache.keys().next().value!);
      cache.set(key, { expires: now() + seconds * 1000, document });
    }
    return document;
  };
}

function fetchOnce(request: {
  url: string;
  accept: string;
  timeoutMs: number;
  maxBytes: number;
  options: IssuerDocumentFetcherOptions;
}): Promise<{ document: FetchedDocument; seconds: number }> {
  const { url, accept, timeoutMs, maxBytes, options } = request;
  return new Promise((resolve, reject) => {
    const fail = (detail: string) => reject(new IssuerDocumentError(url, detail));
    if (!URL.canParse(url)) return fail('not a URL');
    const target = new URL(url);
    if (target.protocol !== 'https:') return fail('only https addresses are fetched');
    if (target.username || target.password) return fail('addresses with credentials are not fetched');
    const hostname = target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(target.port || 443);
    const override = options.connectTo?.[`${hostname}:${port}`];
    if (!override && isIP(hostname) && !isPublicAddress(hostname)) return fail('not a public address');
    const request = https.request(
      {
        host: override?.host ?? hostname,
        port: override?.port ?? port,
        servername: isIP(hostname) ? undefined : hostname,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { host: target.host, accept, 'user-agent': 'Veileder credential verifier' },
        ...(override ? {} : { lookup: publicOnlyLookup }),
        ...(options.ca ? { ca: options.ca } : {}),
        timeout: timeoutMs,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          return fail(
            status >= 300 && status < 400 ? `redirected (${status}); redirects are not followed` : `answered ${status}`,
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            response.destroy();
            fail(`larger than ${Math.round(maxBytes / 1024)} KiB`);
          } else chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            document: {
              contentType: String(response.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks).toString('utf8'),
            },
            seconds: cacheSeconds(response.headers['cache-control']),
          }),
        );
        response.on('error', (error) => fail(error.message));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) =>
      fail((error as NodeJS.ErrnoException).code === 'ENOTPUBLIC' ? 'not a public address' : error.message),
    );
    request.end();
  });
}
