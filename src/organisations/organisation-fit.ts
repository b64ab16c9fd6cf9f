import type { CatalogueOffering } from '../catalogue/offering.js';

/**
 * How well an offering suits an organisation, as a number and the reasons behind it: within the learning
 * budget per person, fitting the hours a week they set aside (part time beats full time), accredited, and
 * reachable (online, or in the organisation's county). Unknown facts count neither way — most Norwegian
 * offerings state no price or weekly hours, and they must not sink below ones that merely say more.
 */

export type OrganisationFacts = {
  learningBudgetNok: number | null;
  hoursPerWeek: number | null;
  county: string | null;
};

export type OrganisationFit = { score: number; reasons: string[] };

export function organisationFit(options: {
  offering: CatalogueOffering;
  organisation: OrganisationFacts;
}): OrganisationFit {
  const { offering, organisation } = options;
  const reasons: string[] = [];
  let score = 0;
  const add = (amount: number, reason: string) => {
    score += amount;
    reasons.push(reason);
  };
  if (offering.isFree === true) add(1, 'free');
  else if (offering.priceNok !== null && organisation.learningBudgetNok !== null) {
    if (offering.priceNok <= organisation.learningBudgetNok) add(0.5, 'within_budget');
    else add(-1, 'over_budget');
  }
  if (offering.schedule === 'full_time') add(-1, 'full_time');
  else if (offering.schedule === 'part_time' || offering.schedule === 'self_paced') add(0.25, offering.schedule);
  if (offering.hoursPerWeek !== null && organisation.hoursPerWeek !== null) {
    if (offering.hoursPerWeek <= organisation.hoursPerWeek) add(0.5, 'fits_hours');
    else add(-0.5, 'more_hours');
  }
  if (offering.provider.accreditedBy) add(0.5, 'accredited');
  if (offering.mode === 'online') add(0.5, 'online');
  else if (organisation.county && offering.counties.includes(organisation.county)) add(0.5, 'in_county');
  else if (organisation.county && offering.counties.length && offering.mode !== 'blended') add(-0.5, 'elsewhere');
  return { score, reasons };
}
