import { knownPlaceNames, resolvePlace } from '../catalogue/places.js';
import type { CatalogueOffering } from '../catalogue/offering.js';
import type { Profile } from '../profile/profile.js';

/**
 * Checks model-written text against the records it may speak about. A sentence may name a price, a place
 * or a provider only when the offering it describes (or the learner's profile) says so; anything else is an
 * invention — or an injected instruction obeyed — and the text is rejected so the template is used instead.
 */

export type GroundingCheck = { grounded: true } | { grounded: false; problem: string };

const placeNames = knownPlaceNames().filter((name) => name.length >= 3);
const moneyPattern =
  /(?:(?:kr\.?|nok|\$|usd|€)\s*(\d[\d\s.,]*\d|\d))|(?:(\d[\d\s.,]*\d|\d)\s*(?:kr\b|kroner|nok\b|,-|\$|usd|dollars?|€|euro))/gi;
const freePattern = /\b(gratis|free|kostnadsfri\w*|no cost|uten kostnad|utan kostnad)\b/i;

export function checkGrounding(options: {
  text: string;
  /** The offerings the text may describe (one for a reason line, all shown for an intro). */
  offerings: CatalogueOffering[];
  /** Every offering given to the model: a provider named from one of those must belong to `offerings`. */
  allGiven: CatalogueOffering[];
  /** Providers Veileder knows of at all (names from the catalogue), to catch invented provider mentions. */
  knownProviders: string[];
  profile: Profile;
}): GroundingCheck {
  const { text, offerings, profile } = options;
  const lower = text.toLowerCase();

  for (const match of text.matchAll(moneyPattern)) {
    const amount = Number((match[1] ?? match[2] ?? '').replace(/[\s.,]/g, ''));
    const allowed =
      offerings.some((offering) =>
        [offering.priceNok, offering.certificatePriceNok].some(
          (price) => price !== null && Math.round(price) === amount,
        ),
      ) || profile.budget?.maxNok === amount;
    if (!allowed) return { grounded: false, problem: `names a price (${match[0].trim()}) no offering has` };
  }
  if (freePattern.test(text) && !offerings.some((offering) => offering.isFree === true) && !profile.budget?.free) {
    return { grounded: false, problem: 'calls something free that is not known to be free' };
  }

  const allowedPlaces = new Set<string>();
  for (const offering of offerings)
    for (const name of [...offering.cities, ...offering.municipalities, ...offering.counties])
      allowedPlaces.add(resolvePlace(name)?.name ?? name);
  for (const name of [...profile.places, ...(profile.wishes?.places ?? [])])
    allowedPlaces.add(resolvePlace(name)?.name ?? name);
  for (const name of placeNames) {
    const at = findWord(text, name);
    if (at === -1) continue;
    // Place names are proper nouns: only a capitalised mention counts ("time" is a word, "Time" a place).
    if (!/^\p{Lu}/u.test(text.slice(at, at + 1))) continue;
    const place = resolvePlace(name);
    if (!place) continue;
    const fits =
      allowedPlaces.has(place.name) ||
      [...allowedPlaces].some((allowed) => {
        const resolved = resolvePlace(allowed);
        return (
          resolved?.counties.some((county) => place.counties.includes(county)) &&
          (place.kind === 'county' || place.kind === 'region')
        );
      });
    if (!fits) return { grounded: false, problem: `names a place (${place.name}) the offering is not in` };
  }

  const ownProviders = new Set(offerings.map((offering) => offering.provider.name.toLowerCase()));
  const otherProviders = new Set(
    [...options.allGiven.map((offering) => offering.provider.name), ...options.knownProviders].map((name) =>
      name.toLowerCase(),
    ),
  );
  for (const provider of otherProviders) {
    if (ownProviders.has(provider) || provider.length < 4) continue;
    if (findWord(lower, provider) !== -1)
      return { grounded: false, problem: `names a provider (${provider}) that does not offer it` };
  }
  return { grounded: true };
}

/** Index of `word` in `text` as a whole word (case-insensitive), or -1. */
function findWord(text: string, word: string): number {
  const lowerText = text.toLowerCase();
  const lowerWord = word.toLowerCase();
  let at = lowerText.indexOf(lowerWord);
  while (at !== -1) {
    const before = at === 0 ? ' ' : lowerText[at - 1]!;
    const after = lowerText[at + lowerWord.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
    at = lowerText.indexOf(lowerWord, at + 1);
  }
  return -1;
}
