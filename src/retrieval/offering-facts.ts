import type { CatalogueOffering, ProviderSummary } from '../catalogue/offering.js';

/**
 * What retrieval reads of an offering on every search — hard constraints, profile fit, diversity, change
 * tracking — kept as a small object with shared values. The rest (title, description, link, skills, sources …)
 * is read for the few offerings a search returns, so retrieval keeps it packed (`PackedOfferings`).
 */
export type OfferingFacts = Pick<
  CatalogueOffering,
  | 'id'
  | 'status'
  | 'updatedAt'
  | 'provider'
  | 'mode'
  | 'schedule'
  | 'level'
  | 'isFree'
  | 'priceNok'
  | 'hoursPerWeek'
  | 'credits'
  | 'languages'
  | 'cities'
  | 'municipalities'
  | 'counties'
  | 'startDates'
>;

type PackedRest = [
  title: string,
  description: string,
  url: string | null,
  workloadHours: number | null,
  durationWeeks: number | null,
  eqfLevel: number | null,
  type: string,
  subjects: string[],
  skills: string[],
  occupations: string[],
  industries: string[],
  sources: { source: string; externalId: string }[],
  certificatePriceNok: number | null,
];

type Entry = { facts: OfferingFacts; packed: string };

/**
 * The offerings retrieval holds, at about a third of their memory as plain objects (at 30k offerings: 2.9 kB
 * each as read, of which the description alone took up to twice its length, as V8 keeps any text with a
 * character beyond Latin-1 — a dash, a quote mark — two bytes a character). Facts share their repeated values
 * (one provider object per provider, one string per mode or county, one frozen array per list of values); the
 * rest is UTF-8 JSON held in a one-byte string, unpacked by `get` for the offerings a search returns.
 */
export class PackedOfferings {
  private readonly entries = new Map<string, Entry>();
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  private readonly providers = new Map<string, ProviderSummary>();

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  set(offering: CatalogueOffering): void {
    const facts: OfferingFacts = {
      id: offering.id,
      status: offering.status,
      updatedAt: offering.updatedAt,
      provider: this.provider(offering.provider),
      mode: this.string(offering.mode),
      schedule: this.string(offering.schedule),
      level: this.string(offering.level),
      isFree: offering.isFree,
      priceNok: offering.priceNok,
      hoursPerWeek: offering.hoursPerWeek,
      credits: offering.credits,
      languages: this.list(offering.languages),
      cities: this.list(offering.cities),
      municipalities: this.list(offering.municipalities),
      counties: this.list(offering.counties),
      startDates: this.list(offering.startDates),
    };
    const rest: PackedRest = [
      offering.title,
      offering.description,
      offering.url,
      offering.workloadHours,
      offering.durationWeeks,
      offering.eqfLevel,
      offering.type,
      offering.subjects,
      offering.skills,
      offering.occupations,
      offering.industries,
      offering.sources,
      offering.certificatePriceNok,
    ];
    this.entries.set(offering.id, { facts, packed: Buffer.from(JSON.stringify(rest), 'utf8').toString('latin1') });
  }

  delete(id: string): boolean {
    return this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  facts(id: string): OfferingFacts | undefined {
    return this.entries.get(id)?.facts;
  }

  *allFacts(): IterableIterator<OfferingFacts> {
    for (const entry of this.entries.values()) yield entry.facts;
  }

  /** Every offering unpacked in turn (one at a time: only the one being read is in memory whole). */
  *unpackAll(): IterableIterator<CatalogueOffering> {
    for (const id of this.entries.keys()) yield this.get(id)!;
  }

  /** The whole offering, unpacked; its lists are the caller's own copies. */
  get(id: string): CatalogueOffering | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const { facts } = entry;
    const [
      title,
      description,
      url,
      workloadHours,
      durationWeeks,
      eqfLevel,
      type,
      subjects,
      skills,
      occupations,
      industries,
      sources,
      certificatePriceNok,
    ] = JSON.parse(Buffer.from(entry.packed, 'latin1').toString('utf8')) as PackedRest;
    return {
      ...facts,
      provider: { ...facts.provider },
      languages: [...facts.languages],
      cities: [...facts.cities],
      municipalities: [...facts.municipalities],
      counties: [...facts.counties],
      startDates: [...facts.startDates],
      title,
      description,
      url,
      workloadHours,
      durationWeeks,
      eqfLevel,
      type,
      subjects,
      skills,
      occupations,
      industries,
      sources,
      certificatePriceNok,
    };
  }

  private string<Value extends string>(value: Value): Value {
    const known = this.strings.get(value);
    if (known !== undefined) return known as Value;
    this.strings.set(value, value);
    return value;
  }

  /** Frozen, since offerings share them: a caller changing one in place would change them all. */
  private list(values: string[]): string[] {
    const key = `${values.length}\u0001${values.join('\u0000')}`;
    let list = this.lists.get(key);
    if (!list) {
      list = Object.freeze(values.map((value) => this.string(value)));
      this.lists.set(key, list);
    }
    return list as string[];
  }

  private provider(provider: ProviderSummary): ProviderSummary {
    const key = [provider.id, provider.name, provider.kind, provider.accreditedBy ?? ''].join('\u0000');
    let shared = this.providers.get(key);
    if (!shared) {
      shared = Object.freeze({ ...provider });
      this.providers.set(key, shared);
    }
    return shared;
  }
}
