import { invalidRequest } from '../errors.js';

/**
 * SN2007 industry and STYRK-08 role codes must exist in the imported taxonomy — a well-formed "41.999"
 * would otherwise give a team plan with no skills and no explanation. One message names every unknown code.
 */

export type TaxonomyCodes = {
  existingCodes(options: { scheme: 'sn2007' | 'styrk08'; codes: string[] }): Promise<Set<string>>;
};

export async function checkOrganisationCodes(options: {
  taxonomy: TaxonomyCodes;
  industryCode?: string | undefined;
  styrkCodes: string[];
}): Promise<void> {
  const problems: string[] = [];
  if (options.industryCode) {
    const known = await options.taxonomy.existingCodes({ scheme: 'sn2007', codes: [options.industryCode] });
    if (!known.has(options.industryCode)) problems.push(`industryCode ${options.industryCode} is not an SN2007 code`);
  }
  const styrk = [...new Set(options.styrkCodes)];
  const knownStyrk = await options.taxonomy.existingCodes({ scheme: 'styrk08', codes: styrk });
  for (const code of styrk)
    if (!knownStyrk.has(code)) problems.push(`styrkCode ${code} is not a STYRK-08 occupation group`);
  if (problems.length)
    throw invalidRequest({
      message: `Unknown code: ${problems.join('; ')}. Import the taxonomy (veileder import-taxonomy) or use an existing code.`,
      details: { problems },
    });
}
