import { lookup } from 'node:dns/promises';
import { createWriteStream } from 'node:fs';
import { isIP } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isPublicAddress } from '../public-address.js';

/**
 * Fetches a provider's feed over HTTP into a file, for the importer to read like any other feed file.
 * Conditional (If-None-Match / If-Modified-Since with the last good harvest's validators), so an unchanged
 * feed costs one round trip and no import. Bounded: the whole fetch has a deadline, the body a size limit
 * (checked as it streams, never buffered), and redirects are followed by hand, a few at most and only to
 * http(s) — a feed URL must not lead the server to file:, data: or an endless loop. A provider registers its
 * own feed's URL, so unless told otherwise no hop may lead to a loopback, private or link-local address (the
 * server's own admin ports, a cloud's metadata service): each hop's host is resolved and checked before the
 * request. (The check and the connection resolve separately; a DNS answer that changes in between is not caught.)
 */

/** The feed could not be fetched; the message says why, for the feed's health and the provider's page. */
class FeedFetchError extends Error {
  override readonly name = 'FeedFetchError';
}

export type FeedValidators = { etag: string | null; lastModified: string | null };

export type FetchFeedOptions = {
  url: string;
  validators: FeedValidators;
  /** Where the body is written. */
  file: string;
  maximumBytes: number;
  timeoutMs: number;
  maximumRedirects: number;
  /** Let feeds on loopback and private networks be fetched (VEILEDER_HARVEST_ALLOW_PRIVATE). */
  allowPrivateAddresses: boolean;
};

export type FetchedFeed =
  | { status: 'not_modified' }
  | { status: 'fetched'; bytes: number; validators: FeedValidators; contentType: string | null };

export async function fetchFeed(options: FetchFeedOptions): Promise<FetchedFeed> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url = httpUrl(options.url);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const headers: Record<string, string> = { 'user-agent': 'Veileder feed harvester', accept: '*/*' };
      if (options.validators.etag) headers['if-none-match'] = options.validators.etag;
      if (options.validators.lastModified) headers['if-modified-since'] = options.validators.lastModified;
      if (!options.allowPrivateAddresses) await refusePrivateHost(url);
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      if (response.status === 304) {
        await response.body?.cancel();
        return { status: 'not_modified' };
      }
      if (response.status >= 300 && response.status < 400) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (!location) throw new FeedFetchError(`${url} answered ${response.status} without a Location`);
        if (redirects >= options.maximumRedirects)
          throw new FeedFetchError(`more than ${options.maximumRedirects} redirects from ${options.url}`);
        url = httpUrl(new URL(location, url).toString());
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new FeedFetchError(
          `${url} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        );
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > options.maximumBytes) {
        await response.body.cancel();
        throw new FeedFetchError(tooLarge(url, options.maximumBytes));
      }
      const bytes = await download(response.body as WebReadableStream<Uint8Array>, options, url);
      return {
        status: 'fetched',
        bytes,
        validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
        contentType: response.headers.get('content-type'),
      };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (signal.aborted) throw new FeedFetchError(`${url} did not answer in full within ${options.timeoutMs / 1000} s`);
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    throw new FeedFetchError(`cannot fetch ${url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  }
}

async function download(body: WebReadableStream<Uint8Array>, options: FetchFeedOptions, url: string): Promise<number> {
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maximumBytes) callback(new FeedFetchError(tooLarge(url, options.maximumBytes)));
      else callback(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(body), limit, createWriteStream(options.file));
  return bytes;
}

async function refusePrivateHost(url: string): Promise<void> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (
        await lookup(host, { all: true }).catch((error: Error) => {
          throw new FeedFetchError(`cannot resolve ${host}: ${error.message}`);
        })
      ).map((entry) => entry.address);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused)
    throw new FeedFetchError(
      `${host} is on a loopback, private or link-local address (${refused}); feeds are fetched from the public internet only (VEILEDER_HARVEST_ALLOW_PRIVATE)`,
    );
}

function httpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FeedFetchError(`"${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedFetchError(`${url.protocol} is not fetched: a feed is served over http or https`);
  return url.toString();
}

const tooLarge = (url: string, maximumBytes: number) =>
  `${url} is larger than ${Math.round(maximumBytes / 1024 / 1024)} MB (VEILEDER_CATALOGUE_MAX_MB)`;
