import { isIP } from 'node:net';
import { z } from 'zod';
import { numberSetting, optionalText, optionalUrl } from '../settings/setting-fields.js';
import { settingsSection } from '../settings/settings-section.js';

// Read by every part that builds links people follow: credentials, push, the OIDC callback.
const publicUrlVariable = optionalUrl(
  'must be the address people use to reach Veileder, e.g. https://veileder.example.no',
).describe('the address people use to reach Veileder: secure cookies, the OIDC callback, links in messages');

const workersMustBe = 'must be a whole number of processes from 1 to 256';

/** The one HTTP server every channel and the API share, and what it tells browsers and believes of proxies. */
export const serverSettings = settingsSection(
  {
    PORT: numberSetting({
      fallback: 3000,
      mustBe: 'must be a port number between 0 and 65535',
      whole: true,
      atLeast: 0,
      atMost: 65535,
    }).describe('HTTP port for every channel and the API'),
    HOST: optionalText.default('0.0.0.0').describe('interface to listen on'),
    VEILEDER_PUBLIC_URL: publicUrlVariable,
    VEILEDER_FRAME_ANCESTORS: optionalText
      .pipe(
        z
          .string()
          .transform((text) => text.split(/[\s,]+/).filter((item) => item !== ''))
          .pipe(
            z
              .array(
                z
                  .string()
                  .regex(
                    /^('self'|'none'|https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?)$/i,
                    "must list the origins allowed to frame Veileder's pages, e.g. 'self' https://portal.example.no (scheme and host, no path)",
                  ),
              )
              .refine((sources) => !sources.includes("'none'") || sources.length === 1, "'none' must stand alone"),
          )
          .optional(),
      )
      .describe("who may show Veileder's pages (/, /chat) in a frame: the portal's origins, as CSP frame-ancestors"),
    // Behind a reverse proxy every request comes from the proxy's address, and per-client limits would lump all
    // visitors together; naming the proxies lets X-Forwarded-For say who the client is. Never "trust all":
    // anyone could then name a fresh address per request and escape every limit.
    VEILEDER_TRUST_PROXY: optionalText
      .pipe(
        z
          .string()
          .refine(
            (text) => /^\d+$/.test(text) || text.split(',').every((item) => isProxyAddress(item.trim())),
            'must be the number of proxies in front of Veileder (e.g. 1), or a comma-separated list of their addresses or subnets (e.g. 10.0.0.0/8, loopback)',
          )
          .transform((text): number | string[] =>
            /^\d+$/.test(text) ? Number(text) : text.split(',').map((item) => item.trim()),
          )
          .optional(),
      )
      .describe('the reverse proxies whose X-Forwarded-For is believed: a hop count or their addresses'),
    // After SIGTERM /ready fails while requests are still served, so a load balancer takes the process out of
    // rotation before it stops accepting connections.
    VEILEDER_DRAIN_SECONDS: numberSetting({
      fallback: 5,
      mustBe: 'must be a number of seconds from 0 to 600',
      atLeast: 0,
      atMost: 600,
    }).describe('after SIGTERM, seconds /ready answers 503 while requests are still served'),
    VEILEDER_WORKERS: z
      .preprocess(
        (value) => (value === '' ? undefined : value),
        z.coerce
          .number({ error: workersMustBe })
          .int(workersMustBe)
          .min(1, workersMustBe)
          .max(256, workersMustBe)
          .optional(),
      )
      .describe(
        '`veileder serve` worker processes; unset = one per core on a PostgreSQL server, 1 on the embedded one',
      ),
  },
  (env) => ({
    port: env.PORT,
    host: env.HOST,
    /** The address people use to reach Veileder (no trailing slash), when it differs from the request's. */
    publicUrl: env.VEILEDER_PUBLIC_URL?.replace(/\/$/, ''),
    /** CSP frame-ancestors for pages without a policy of their own (/, /chat); default 'self'. */
    frameAncestors: env.VEILEDER_FRAME_ANCESTORS ?? ["'self'"],
    /** Unset = the socket's address is the client. */
    trustProxy: env.VEILEDER_TRUST_PROXY,
    drainSeconds: env.VEILEDER_DRAIN_SECONDS,
    /** Undefined = the default for the database (one per core on a server, 1 embedded: one process owns its files). */
    workers: env.VEILEDER_WORKERS,
  }),
);

/** An address, a subnet (address/prefix) or one of the names Express knows for private ranges. */
function isProxyAddress(item: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const version = isIP(address ?? '');
  if (!version || extra !== undefined) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}
