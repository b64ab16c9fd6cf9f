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

export function textKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[æøå]/g, (letter) => `\u0000${letter}`)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/\u0000(.)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** provider key | title | first place (city, else county, else "" for offerings with no place, e.g. online). */
export function dedupeKey(options: { providerKey: string; record: Pick<OfferingRecord, 'title' | 'cities' | 'counties'> }): string {
  const place = [...options.record.cities].sort()[0] ?? [...options.record.counties].sort()[0] ?? '';
  return `${options.providerKey}|${textKey(options.record.title)}|${textKey(place)}`;
}
