import { z } from 'zod';
import placesFile from '../../data/places/no-places.json' with { type: 'json' };

/**
 * Norwegian place names → municipality and county (2024 division), plus the customary regions
 * (Vestlandet, Nord-Norge, ...). Used by the importer to place offerings and by retrieval to read a
 * learner's "i Bergen" / "på Vestlandet". The names live in data/places/no-places.json (source named there).
 */

const namedSchema = z.object({ name: z.string(), aliases: z.array(z.string()).optional() });
const placesSchema = z.object({
  counties: z.array(namedSchema.extend({ number: z.string() })),
  regions: z.array(namedSchema.extend({ counties: z.array(z.string()) })),
  places: z.array(namedSchema.extend({ municipality: z.string(), county: z.string() })),
  outsideMainland: z.array(namedSchema.extend({ country: z.string(), territory: z.string().optional() })),
});

export type ResolvedPlace = {
  kind: 'place' | 'municipality' | 'county' | 'region' | 'outside_mainland';
  /** The canonical name (e.g. "Kristiansand" for "Kristiansand S."). */
  name: string;
  municipalities: string[];
  counties: string[];
  /** ISO 3166 country code; "NO" for Norway. */
  country: string;
};

const places = placesSchema.parse(placesFile);

/** Case-, whitespace- and punctuation-insensitive key ("Kristiansand S." → "kristiansand s"). */
function placeKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[.,()]/g, ' ')
    .replace(/[-–]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const index = buildIndex();

function buildIndex(): Map<string, ResolvedPlace> {
  const entries = new Map<string, ResolvedPlace>();
  const add = (names: string[], place: ResolvedPlace) => {
    for (const name of names) if (!entries.has(placeKey(name))) entries.set(placeKey(name), place);
  };
  // Order matters: a town wins over a municipality of the same name only when they are the same place anyway.
  for (const county of places.counties) {
    add([county.name, ...(county.aliases ?? [])], {
      kind: 'county',
      name: county.name,
      municipalities: [],
      counties: [county.name],
      country: 'NO',
    });
  }
  for (const region of places.regions) {
    add([region.name, ...(region.aliases ?? [])], {
      kind: 'region',
      name: region.name,
      municipalities: [],
      counties: region.counties,
      country: 'NO',
    });
  }
  for (const place of places.places) {
    add([place.name, ...(place.aliases ?? [])], {
      kind: 'place',
      name: place.name,
      municipalities: [place.municipality],
      counties: [place.county],
      country: 'NO',
    });
  }
  for (const place of places.places) {
    add([place.municipality], {
      kind: 'municipality',
      name: place.municipality,
      municipalities: [place.municipality],
      counties: [place.county],
      country: 'NO',
    });
  }
  for (const place of places.outsideMainland) {
    add([place.name, ...(place.aliases ?? [])], {
      kind: 'outside_mainland',
      name: place.name,
      municipalities: [],
      counties: [],
      country: place.country,
    });
  }
  return entries;
}

/** "Bergen", "vestland", "Nord-Norge", "Tromsø", "Kristiansand S." → where it is; undefined when unknown. */
export function resolvePlace(name: string): ResolvedPlace | undefined {
  return index.get(placeKey(name));
}

/** Every known name (canonical and aliases), e.g. for finding place names in a learner's message. */
export function knownPlaceNames(): string[] {
  return [...index.keys()];
}
