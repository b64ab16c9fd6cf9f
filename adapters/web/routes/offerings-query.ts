import { z } from 'zod';
import { invalidRequest } from '../../../src/errors.js';
import type { OfferingFilters } from '../../../src/catalogue/public-catalogue.js';

/** `GET /api/offerings` query parameters; a bad one gets a 400 naming it and what it accepts. */

const yesNo = z.enum(['true', 'false']).transform((value) => value === 'true');
const browseModes = ['online', 'campus', 'blended'] as const;

const parameters = {
  q: { schema: z.string().trim().min(1).max(200), allowed: 'text of 1–200 characters' },
  free: { schema: yesNo, allowed: 'true or false' },
  accredited: { schema: yesNo, allowed: 'true or false' },
  city: { schema: z.string().trim().min(1).max(100), allowed: 'a Norwegian city, municipality, county or region name' },
  mode: { schema: z.enum(browseModes), allowed: browseModes.join(', ') },
  page: { schema: z.coerce.number().int().min(1).max(100_000), allowed: 'a whole number from 1' },
  pageSize: { schema: z.coerce.number().int().min(1).max(100), allowed: 'a whole number from 1 to 100' },
} as const;

type Name = keyof typeof parameters;
export type OfferingsQuery = OfferingFilters & { page: number; pageSize: number };

export function parseOfferingsQuery(query: Record<string, unknown>): OfferingsQuery {
  const problems: { parameter: string; allowed: string; given: unknown; unknown?: true }[] = [];
  const values: Partial<Record<Name, unknown>> = {};
  for (const [name, given] of Object.entries(query)) {
    const definition = parameters[name as Name];
    if (!definition) {
      problems.push({
        parameter: name,
        allowed: `one of the parameters ${Object.keys(parameters).join(', ')}`,
        given,
        unknown: true,
      });
      continue;
    }
    const parsed = Array.isArray(given) ? undefined : definition.schema.safeParse(given);
    if (!parsed?.success)
      problems.push({
        parameter: name,
        allowed: Array.isArray(given) ? `given once (${definition.allowed})` : definition.allowed,
        given,
      });
    else values[name as Name] = parsed.data;
  }
  if (problems.length) {
    const message = problems
      .map((problem) =>
        problem.unknown
          ? `${problem.parameter} is not a parameter here (known: ${Object.keys(parameters).join(', ')})`
          : `${problem.parameter}=${JSON.stringify(problem.given)} is not valid: expected ${problem.allowed}`,
      )
      .join('; ');
    throw invalidRequest({ message: `Bad query parameter: ${message}.`, details: { parameters: problems } });
  }
  return {
    q: values.q as string | undefined,
    free: values.free as boolean | undefined,
    accredited: values.accredited as boolean | undefined,
    city: values.city as string | undefined,
    mode: values.mode as OfferingsQuery['mode'],
    page: (values.page as number | undefined) ?? 1,
    pageSize: (values.pageSize as number | undefined) ?? 20,
  };
}
