import { Router, type Request } from 'express';
import { toCourseJsonLd } from '../../../src/catalogue/course-json-ld.js';
import { rateLimited } from '../../../src/errors.js';
import { parseOfferingsQuery } from './offerings-query.js';
import type { RouteModule } from './route-module.js';

export const offeringsRoutes: RouteModule = {
  describe: [
    {
      path: '/api/offerings',
      summary: 'the catalogue, filtered (q, free, accredited, city, mode) and paginated (page, pageSize)',
    },
    {
      path: '/api/offerings/:id',
      summary: 'one offering as JSON, or schema.org Course JSON-LD with Accept: application/ld+json',
    },
    {
      path: '/api/offerings.jsonl',
      summary: 'the whole active catalogue as JSON Lines (open data, Veileder’s feed schema)',
    },
    {
      path: '/api/offerings.jsonld',
      summary: 'the whole active catalogue as one schema.org JSON-LD document (@graph of Courses), streamed',
    },
  ],
  router({ useCases, settings, stores }) {
    const { publicUrl } = settings;
    const router = Router();
    // Text search reads the catalogue's text (issue 15: ~0.35 s of database time each before its index), so
    // each client IP has a budget of searches; browsing by filters alone reads no text and is not counted.
    const searches = stores.rateLimiter({ name: 'offering-searches', perMinute: settings.offerings.searchesPerMinute });
    router.get('/api/offerings', async (request, response) => {
      const query = parseOfferingsQuery(request.query as Record<string, unknown>);
      if (query.q !== undefined) {
        const taken = await searches.take(request.ip ?? request.socket.remoteAddress ?? 'unknown');
        if (!taken.allowed) throw rateLimited({ what: 'searches', retryAfterSeconds: taken.retryAfterSeconds });
      }
      const { total, offerings } = await useCases.browseOfferings({
        filters: query,
        page: query.page,
        pageSize: query.pageSize,
      });
      response.json({
        total,
        page: query.page,
        pageSize: query.pageSize,
        pages: Math.ceil(total / query.pageSize),
        offerings,
      });
    });
    router.get('/api/offerings.jsonl', async (_request, response) => {
      response.type('application/jsonl; charset=utf-8');
      await useCases.exportCatalogue({
        format: 'jsonl',
        write: (chunk) => writeWithBackpressure(response, chunk),
      });
      response.end();
    });
    router.get('/api/offerings.jsonld', async (request, response) => {
      response.type('application/ld+json; charset=utf-8');
      const base = baseUrl(request, publicUrl);
      await useCases.exportCatalogue({
        format: 'jsonld',
        offeringUrl: (id) => `${base}/api/offerings/${encodeURIComponent(id)}`,
        write: (chunk) => writeWithBackpressure(response, chunk),
      });
      response.end();
    });
    router.get('/api/offerings/:id', async (request, response) => {
      const id = String(request.params.id);
      const offering = await useCases.readOffering({ id });
      if (request.accepts(['application/json', 'application/ld+json']) === 'application/ld+json') {
        response.type('application/ld+json').send(
          JSON.stringify(
            toCourseJsonLd({
              offering,
              id: `${baseUrl(request, publicUrl)}/api/offerings/${encodeURIComponent(offering.id)}`,
            }),
          ),
        );
        return;
      }
      response.json(offering);
    });
    return router;
  },
};

function baseUrl(request: Request, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.get('host')}`;
}

function writeWithBackpressure(response: NodeJS.WritableStream, chunk: string): Promise<void> | void {
  if (!response.write(chunk)) return new Promise((resolve) => response.once('drain', () => resolve()));
}
