import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A provider's web server publishing its catalogue at /catalogue.jsonl, as a real HTTP server: a strong ETag
 * and Last-Modified for the current content, 304 to a conditional GET that matches, and a switch that makes
 * it fail (HTTP 500) like a provider's broken deploy. It counts what it answered, so a test can tell a
 * full download from a 304 and count the harvests of several processes.
 */
export type FakeProviderFeed = {
  url: string;
  /** Replaces the published catalogue (one JSON object per record). */
  publish(records: Record<string, unknown>[]): void;
  /** Serves the raw body as is (for a broken feed). */
  publishRaw(body: string): void;
  failing: boolean;
  answered: { full: number; notModified: number; failed: number };
  close(): Promise<void>;
};

export async function startFakeProviderFeed(): Promise<FakeProviderFeed> {
  let body = '';
  let etag = '';
  let lastModified = '';
  const answered = { full: 0, notModified: 0, failed: 0 };
  const feed: Omit<FakeProviderFeed, 'url' | 'close'> = {
    failing: false,
    answered,
    publish(records) {
      feed.publishRaw(`${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
    },
    publishRaw(raw) {
      body = raw;
      etag = `"${createHash('sha256').update(raw).digest('hex').slice(0, 16)}"`;
      // Last-Modified has one-second resolution; the ETag is what tells two versions within a second apart.
      lastModified = new Date().toUTCString();
    },
  };
  const server: Server = createServer((request, response) => {
    if (request.url === '/moved') {
      response.writeHead(302, { location: '/catalogue.jsonl' }).end();
      return;
    }
    if (request.url === '/to-file') {
      response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      return;
    }
    if (request.url !== '/catalogue.jsonl') {
      response.writeHead(404).end();
      return;
    }
    if (feed.failing) {
      answered.failed += 1;
      response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (request.headers['if-none-match'] === etag) {
      answered.notModified += 1;
      response.writeHead(304, { etag }).end();
      return;
    }
    answered.full += 1;
    response.writeHead(200, { 'content-type': 'application/x-ndjson', etag, 'last-modified': lastModified }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(feed, {
    url: `http://127.0.0.1:${port}/catalogue.jsonl`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeProviderFeed;
}
