import { Router } from 'express';
import { z } from 'zod';
import { levels } from '../../../src/catalogue/offering.js';
import { resolvePlace } from '../../../src/catalogue/places.js';
import { invalidRequest } from '../../../src/errors.js';
import { emptyProfile } from '../../../src/profile/profile.js';
import type { SearchConstraints } from '../../../src/retrieval/search-constraints.js';
import { webUrlOrNull } from '../../../src/web-url.js';
import type { RouteModule } from './route-module.js';

/** `GET /api/search`: the recommender with explicit filters; every result carries its reasons. */

const yesNo = z.enum(['true', 'false']).transform((value) => value === 'true');
const searchModes = ['online', 'campus', 'blended'] as const;
const number = (minimum: number, maximum: number) => z.coerce.number().min(minimum).max(maximum);

const parameters = {
  q: { schema: z.string().trim().min(1).max(500), allowed: 'text of 1–500 characters (required)' },
  free: { schema: yesNo, allowed: 'true or false' },
  accredited: { schema: yesNo, allowed: 'true or false' },
  mode: { schema: z.enum(searchModes), allowed: searchModes.join(', ') },
  place: {
    schema: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((name) => resolvePlace(name) !== undefined),
    allowed: 'a Norwegian city, municipality, county or region name (e.g. Bergen, Vestland, Nord-Norge)',
  },
  language: {
    schema: z
      .string()
      .trim()
      .regex(/^[a-z]{2}$/),
    allowed: 'a two-letter ISO 639-1 code such as nb, nn or en',
  },
  level: { schema: z.enum(levels), allowed: levels.join(', ') },
  maxHoursPerWeek: { schema: number(1, 168), allowed: 'a number of hours from 1 to 168' },
  maxPrice: { schema: number(0, 10_000_000), allowed: 'a price in NOK, 0 or more' },
  startWithinMonths: { schema: number(1, 60).int(), allowed: 'a whole number of months from 1 to 60' },
  limit: { schema: number(1, 50).int(), allowed: 'a whole number from 1 to 50' },
} as const;

type Name = keyof typeof parameters;
type SearchQuery = { q: string; limit: number; filters: SearchConstraints };

function parseSearchQuery(query: Record<string, unknown>): SearchQuery {
  const problems: string[] = [];
  const values: Partial<Record<Name, unknown>> = {};
  for (const [name, given] of Object.entries(query)) {
    const definition = parameters[name as Name];
    if (!definition) {
      problems.push(`${name} is not a parameter here (known: ${Object.keys(parameters).join(', ')})`);
      continue;
    }
    const parsed = Array.isArray(given) ? undefined : definition.schema.safeParse(given);
    if (!parsed?.success)
      problems.push(`${name}=${JSON.stringify(given)} is not valid: expected ${definition.allowed}`);
    else values[name as Name] = parsed.data;
  }
  if (values.q === undefined && !problems.some((problem) => problem.startsWith('q=')))
    problems.push(`q is missing: expected ${parameters.q.allowed}`);
  if (problems.length)
    throw invalidRequest({ message: `Bad query parameter: ${problems.join('; ')}.`, details: { problems } });
  const filters: SearchConstraints = {};
  if (values.free) filters.free = true;
  if (values.accredited) filters.accredited = true;
  if (values.mode) filters.modes = [values.mode as (typeof searchModes)[number]];
  if (values.place) filters.places = [resolvePlace(values.place as string)!];
  if (values.language) filters.languages = [values.language as string];
  if (values.level) filters.levels = [values.level as (typeof levels)[number]];
  if (values.maxHoursPerWeek !== undefined) filters.maxHoursPerWeek = values.maxHoursPerWeek as number;
  if (values.maxPrice !== undefined) filters.maxPriceNok = values.maxPrice as number;
  if (values.startWithinMonths !== undefined) filters.startWithinMonths = values.startWithinMonths as number;
  return { q: values.q as string, limit: (values.limit as number | undefined) ?? 10, filters };
}

export const searchRoutes: RouteModule = {
  describe: [
    {
      path: '/api/search?q=',
      summary:
        'hybrid search with filters (free, accredited, mode, place, language, level, maxHoursPerWeek, maxPrice, startWithinMonths, limit) and reasons',
    },
  ],
  router({ assistant: { search } }) {
    const router = Router();
    router.get('/api/search', async (request, response) => {
      const query = parseSearchQuery(request.query as Record<string, unknown>);
      if (!search)
        throw invalidRequest({ message: 'Search is not available on this server (no retrieval service was started).' });
      const results = await search.recommend({
        profile: emptyProfile(),
        message: query.q,
        limit: query.limit,
        filters: query.filters,
      });
      response.json({
        query: query.q,
        count: results.length,
        results: results.map(({ offering, score, reasons }) => ({
          id: offering.id,
          title: offering.title,
          provider: offering.provider.name,
          // Portals make this a link; rows imported before URLs were checked may hold javascript: or data: links.
          url: webUrlOrNull(offering.url),
          mode: offering.mode,
          schedule: offering.schedule,
          level: offering.level,
          cities: offering.cities,
          isFree: offering.isFree,
          priceNok: offering.priceNok,
          certificatePriceNok: offering.certificatePriceNok,
          accreditedBy: offering.provider.accreditedBy,
          score,
          reasons,
        })),
      });
    });
    return router;
  },
};
