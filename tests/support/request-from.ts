import http from 'node:http';

/**
 * One HTTP request sent from a chosen loopback address (127.0.0.2, 127.0.0.3, …), so a test can play several
 * clients the server tells apart by IP — fetch() cannot pick its source address.
 */
export type SentFrom = { status: number; headers: http.IncomingHttpHeaders; body: any };

export function requestFrom(options: {
  localAddress: string;
  url: string;
  method?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}): Promise<SentFrom> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      options.url,
      {
        method: options.method ?? 'GET',
        localAddress: options.localAddress,
        headers: {
          'Content-Type': 'application/json',
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(payload ? { 'Content-Length': Buffer.byteLength(payload) } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: text ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
