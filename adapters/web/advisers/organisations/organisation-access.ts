import type pg from 'pg';
import { notFound } from '../../../../src/errors.js';
import type { Organisation } from '../../../../src/organisations/organisation.js';
import { getOrganisation } from '../../../storage/organisation-store.js';
import type { WorkspaceAdviser } from '../section.js';

/** An adviser sees the organisations they set up; an admin sees all. Anyone else's is "not found", not "forbidden". */
export async function organisationFor(options: {
  pool: pg.Pool;
  adviser: WorkspaceAdviser;
  organisationId: string;
}): Promise<Organisation> {
  const organisation = await getOrganisation(options.pool, options.organisationId);
  if (!organisation || (options.adviser.role !== 'admin' && organisation.ownerAdviserId !== options.adviser.id)) {
    throw notFound({ what: 'Organisation', id: options.organisationId });
  }
  return organisation;
}
