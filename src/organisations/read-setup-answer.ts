import { isValidOrganisationNumber } from './organisation-number.js';

/**
 * Reading the learner's words in the organisation set-up: when they ask for it, cancel or skip, and the
 * name with the organisation number, and the role list ("14 tømrere, 6 elektrikere og 2 anleggsledere").
 */

// A verb of setting up, then within a few words the speaker's own company —
// so "registrere meg på et kurs i bedriftsøkonomi" stays a course need.
const setUpVerb = String.raw`\b(set ?up|regist\w*|add|sett(e)? opp|opprett\w*|legg(e)? (inn|til))\b`;
const ownCompany = String.raw`\b((my|our) (company|business|organi[sz]ation|firm)|(bedrift(a|en)?|firma(et)?|verksemd(a)?|virksomhet(en)?|organisasjon(en)?) (min|mitt|mi|vår|vårt))\b`;
const startPattern = new RegExp(`${setUpVerb}.{0,30}${ownCompany}`, 'i');
const planPattern =
  /^\s*(vis\s+)?(kompetanseplan\w*|team ?plan|show (the |our )?team plan|opplæringsplan\w*)\s*[.!?]?\s*$/i;

export const isSetupRequest = (text: string) => startPattern.test(text);
export const isTeamPlanRequest = (text: string) => planPattern.test(text);
export const isCancel = (text: string) =>
  /^\s*(avbryt|stopp|cancel|stop|glem det|nevermind|never mind)\s*[.!]?\s*$/i.test(text);
export const isSkip = (text: string) =>
  /^\s*(hopp over|skip|vet ikke|veit ikkje|don't know|pass)\s*[.!]?\s*$/i.test(text);

/** "Fjordbygg AS 974 760 673" → name and number; `number` undefined when no nine digits are given, `invalidNumber` when they fail the check. */
export function readNameAndNumber(text: string): { name?: string; number?: string; invalidNumber?: string } {
  const match = /(\d[\d .]{7,12}\d)/.exec(text);
  const digits = match ? match[1]!.replace(/[ .]/g, '') : undefined;
  const name = (match ? text.replace(match[1]!, ' ') : text)
    .replace(
      /\b(org(anisasjons)?\.?\s*-?\s*(nr|nummer|number|no)\b\.?|organisasjonsnummer(et)?|organisation number|med|with|og|and|har|has|is|er)\b/gi,
      ' ',
    )
    .replace(/[,:;]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .trim();
  const result: { name?: string; number?: string; invalidNumber?: string } = {};
  if (name) result.name = name;
  if (digits !== undefined) {
    if (digits.length === 9 && isValidOrganisationNumber(digits)) result.number = digits;
    else result.invalidNumber = match![1]!.trim();
  }
  return result;
}

/** "14 tømrere, 6 elektrikere og 2 anleggsledere" → [{ words: 'tømrere', headcount: 14 }, …]. */
export function readRoleList(text: string): { words: string; headcount: number }[] {
  return text
    .split(/,|;|\n|\bog\b|\band\b|\+/i)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const before = /^(\d{1,5})\s*(?:x\s+)?(.+)$/i.exec(part);
      if (before) return { words: before[2]!.trim(), headcount: Number(before[1]) };
      const after = /^(.+?)\s*[(:]?\s*(\d{1,5})\s*\)?$/.exec(part);
      if (after) return { words: after[1]!.trim(), headcount: Number(after[2]) };
      return { words: part, headcount: 1 };
    });
}

/** "bli med ABCD-EFGH", "join abcd efgh", or the hyphenated code alone → the code; undefined otherwise. */
export function readInviteCode(text: string): string | undefined {
  const letters = '[A-HJ-NP-Z2-9]{4}';
  const match = new RegExp(
    `^\\s*(?:(?:bli med|join|koble meg til|kople meg til|kode|code)\\s*:?\\s*(${letters})[\\s-]?(${letters})|(${letters})-(${letters}))\\s*[.!]?\\s*$`,
    'i',
  ).exec(text);
  if (!match) return undefined;
  return `${match[1] ?? match[3]}${match[2] ?? match[4]}`.toUpperCase();
}
