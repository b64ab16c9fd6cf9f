import type { OfferingRecord } from './offering.js';

/**
 * Keys that recognise one offering described by two feeds: the same URL (scheme, "www.", trailing slash,
 * query and fragment ignored), or the same provider + title + place (case, punctuation and accents of
 * Latin letters ignored; Norwegian æøå kept, they distinguish words).
 */

export function urlKey(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/\/+$/, '').toLowerCase();
    return `${parsed.hostname.toLowerCase().replace(/^www\./, '')}${path}`;
  } catch {
    return null;
  }
}

const keptLetters = ['æ', 'ø', 'å'];
// Private-use stand-ins survive NFD, so æ/ø/å are not stripped to a/o/a with the accents.
const standIns = ['\uE000', '\uE001', '\uE002'];

export function textKey(text: string): string {
  let key = text.normalize('NFC').toLowerCase();
  keptLetters.forEach((letter, index) => {
    key = key.replaceAll(letter, standIns[index] as string);
  });
  key = key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
  standIns.forEach((standIn, index) => {
    key = key.replaceAll(standIn, keptLetters[index] as string);
  });
  return key.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Legal forms a provider's name may carry or leave off: "Sveiseskolen AS" and "Sveiseskolen" are one provider. */
const legalForm = / (as|asa|sa|da|ans|ba|nuf|ltd|limited|inc|llc|gmbh|ab|oy)$/;

/** Whether two provider keys (normaliseProviderName) name the same provider, legal form aside. */
export function sameProvider(first: string, second: string): boolean {
  return first.replace(legalForm, '') === second.replace(legalForm, '');
}

/** provider key | title | first place (city, else county, else "" for offerings with no place, e.g. online). */
export function dedupeKey(options: {
  providerKey: string;
  record: Pick<OfferingRecord, 'title' | 'cities' | 'counties'>;
}): string {
  const place = [...options.record.cities].sort()[0] ?? [...options.record.counties].sort()[0] ?? '';
  return `${options.providerKey}|${textKey(options.record.title)}|${textKey(place)}`;
}
