import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { notFound } from '../../../src/errors.js';
import { FeedFileError, feedFormats, type FeedFormat } from '../../feeds/open-feed.js';
import { failAbandonedImportRuns } from '../../storage/import-run-liveness.js';
import { importProviderCatalogue } from '../../storage/import-provider-catalogue.js';
import { listProviderRuns, readProviderRun } from '../../storage/provider-run-store.js';
import { requireProviderKey } from './provider-key-auth.js';
import type { RouteModule } from './route-module.js';

/**
 * The providers' upload API (docs/providers.md). `PUT …/catalogue` is the whole catalogue: what it does not
 * list is withdrawn, under the import's rules for a complete file. `POST …/offerings` adds or changes some
 * and withdraws nothing. The body streams to a file (never held in memory, at most VEILEDER_CATALOGUE_MAX_MB)
 * and is imported as the provider's own feed — the run `veileder import --own-feed-of` makes, so a record
 * naming another provider is rejected with its line. The answer (202) carries the run id as soon as the run
 * starts; `GET …/runs/:runId` is its report.
 */

/** Media types that name a format; anything else (or none) is told apart by its content, like a file. */
const formatByMediaType: Record<string, FeedFormat> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/jsonlines': 'jsonl',
  'application/xml': 'elm-xml',
  'text/xml': 'elm-xml',
};

const uploadQuerySchema = z.object({
  format: z.enum(feedFormats, { error: `format must be one of ${feedFormats.join(', ')}` }).optional(),
});
const reportQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const providerCatalogueRoutes: RouteModule = {
  describe: [
    {
      path: '/api/providers/:providerId/catalogue',
      summary:
        'PUT the provider’s whole catalogue (JSON Lines, schema.org or ELM JSON-LD, ELM XML) with its API key → a run id',
    },
    {
      path: '/api/providers/:providerId/offerings',
      summary: 'POST some of the provider’s offerings to add or change → a run id',
    },
    {
      path: '/api/providers/:providerId/runs/:runId',
      summary: 'an upload’s or harvest’s report: counts, rejections by line, withdrawals',
    },
  ],
  router(context) {
    const router = Router();
    const { pool } = context.database;
    const maximumBytes = context.settings.catalogueMaxMb * 1024 * 1024;

    const upload = (full: boolean) => async (request: Request, response: Response) => {
      const providerId = String(request.params.providerId);
      const query = uploadQuerySchema.parse(request.query);
      const mediaType = (request.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (mediaType === 'text/csv' && query.format === undefined)
        return refuse(
          response,
          415,
          'unsupported_media_type',
          'A CSV catalogue needs a column mapping: register it as a feed (veileder feed add … --format csv --mapping FILE), or send JSON Lines in Veileder’s schema.',
        );
      const format = query.format ?? formatByMediaType[mediaType];
      if (format === 'csv')
        return refuse(
          response,
          415,
          'unsupported_media_type',
          'CSV is read only from a registered feed with its column mapping.',
        );
      const { rows } = await pool.query<{ id: string; name: string }>('SELECT id, name FROM provider WHERE id = $1', [
        providerId,
      ]);
      const provider = rows[0];
      if (!provider) throw notFound({ what: 'Provider', id: providerId });
      // One upload of a provider at a time: two whole catalogues at once would withdraw each other's records.
      await failAbandonedImportRuns(pool);
      const running = await pool.query<{ id: string }>(
        `SELECT r.id FROM provider_run pr JOIN import_run r ON r.id = pr.run_id
          WHERE pr.provider_id = $1 AND pr.origin = 'upload' AND r.status = 'running' LIMIT 1`,
        [providerId],
      );
      if (running.rows[0])
        return refuse(
          response,
          409,
          'invalid_request',
          `Upload run ${running.rows[0].id} is still running; send the next one when it has finished.`,
          {
            runId: running.rows[0].id,
          },
        );

      const tooLarge = () =>
        refuse(
          response,
          413,
          'invalid_request',
          `The catalogue is larger than ${maximumBytes / 1024 / 1024} MB (VEILEDER_CATALOGUE_MAX_MB).`,
        );
      if (Number(request.get('content-length') ?? 0) > maximumBytes) {
        response.set('Connection', 'close');
        return tooLarge();
      }
      const directory = await mkdtemp(path.join(tmpdir(), 'veileder-upload-'));
      const file = path.join(directory, 'catalogue');
      let bytes = 0;
      try {
        // A chunked body over the limit is read to its end and dropped, so the client hears 413, not a reset.
        await pipeline(
          request,
          new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              bytes += chunk.length;
              callback(null, bytes > maximumBytes ? undefined : chunk);
            },
          }),
          createWriteStream(file),
        );
      } catch (error) {
        await rm(directory, { recursive: true, force: true });
        throw error;
      }
      if (bytes > maximumBytes) {
        await rm(directory, { recursive: true, force: true });
        return tooLarge();
      }
      if (bytes === 0) {
        await rm(directory, { recursive: true, force: true });
        return refuse(response, 400, 'invalid_request', 'The body is empty: send the catalogue.');
      }

      let started: (runId: string) => void = () => {};
      const runStarted = new Promise<string>((resolve) => (started = resolve));
      // Answered before it ends: counted as work in flight, so a stopping process finishes the import first.
      const imported = context.inFlight.run(() =>
        importProviderCatalogue(context.database, {
          provider,
          source: `upload-${provider.id}`,
          file,
          label: full ? 'PUT /catalogue' : 'POST /offerings',
          format,
          full,
          origin: 'upload',
          usdToNok: context.settings.usdToNok,
          onRunStarted: started,
        }).finally(() => rm(directory, { recursive: true, force: true })),
      );
      const first = await Promise.race([
        runStarted,
        imported.then(
          () => undefined,
          (error: unknown) => error,
        ),
      ]);
      if (typeof first === 'string') {
        imported.catch((error: unknown) =>
          context.log.error('An upload’s import failed; its run says so', {
            runId: first,
            error: (error as Error).message,
          }),
        );
        response
          .status(202)
          .location(`/api/providers/${providerId}/runs/${first}`)
          .json({ runId: first, status: 'running', report: `/api/providers/${providerId}/runs/${first}` });
        return;
      }
      if (first instanceof FeedFileError) return refuse(response, 400, 'invalid_file', first.message);
      throw first;
    };

    router.put('/api/providers/:providerId/catalogue', requireProviderKey(context.useCases), upload(true));
    router.post('/api/providers/:providerId/offerings', requireProviderKey(context.useCases), upload(false));

    router.get('/api/providers/:providerId/runs', requireProviderKey(context.useCases), async (request, response) => {
      response.json({
        runs: await listProviderRuns(pool, { providerId: String(request.params.providerId), limit: 50 }),
      });
    });
    router.get(
      '/api/providers/:providerId/runs/:runId',
      requireProviderKey(context.useCases),
      async (request, response) => {
        const query = reportQuerySchema.parse(request.query);
        const report = await readProviderRun(pool, {
          providerId: String(request.params.providerId),
          runId: String(request.params.runId),
          ...query,
        });
        if (!report) throw notFound({ what: 'Run', id: String(request.params.runId) });
        response.json(report);
      },
    );
    return router;
  },
};

function refuse(
  response: Response,
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): void {
  response.status(status).json({ error: { code, message, details, requestId: response.locals.requestId } });
}
