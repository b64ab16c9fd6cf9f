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

/**
 * The offerings retrieval holds, at about a third of their memory as plain objects (at 30k offerings: 2.9 kB
 * each as read, of which the description alone took up to twice its length, as V8 keeps any text with a
 * character beyond Latin-1 — a dash, a quote mark — two bytes a character). Facts share their repeated values
 * (one provider object per provider, one string per mode or county, one frozen array per list of values); the
 * rest is UTF-8 JSON held in a one-byte string, unpacked by `get` for the offerings a search returns.
 *
 * Each offering has a slot, a small integer: a search's filter reads its facts and remembers its verdict in
 * arrays by slot (recommend.ts), not in maps by id (a string-keyed lookup per candidate per filter was 7 % of a
 * loaded server's time). A removed offering's slot is not reused until the slots are renumbered (`layout`).
 */
export class PackedOfferings {
  /** In the order offerings were added: the order `allFacts` and `unpackAll` give. */
  private readonly slots = new Map<string, number>();
  private factsBySlot: (OfferingFacts | undefined)[] = [];
  private packedBySlot: (string | undefined)[] = [];
  private layoutVersion = 0;
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  private readonly providers = new Map<string, ProviderSummary>();

  get size(): number {
    return this.slots.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  /** The offering's slot: stable until `layout` changes. */
  slot(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** Slots given out so far (live or freed): an array by slot this long covers every offering. */
  get slotCount(): number {
    return this.factsBySlot.length;
  }

  /** Changes whenever slots are renumbered or dropped: verdicts remembered by slot are stale from then on. */
  get layout(): number {
    return this.layoutVersion;
  }

  factsAt(slot: number): OfferingFacts | undefined {
    return this.factsBySlot[slot];
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
    let slot = this.slots.get(offering.id);
    if (slot === undefined) {
      slot = this.factsBySlot.length;
      this.slots.set(offering.id, slot);
    }
    this.factsBySlot[slot] = facts;
    this.packedBySlot[slot] = Buffer.from(JSON.stringify(rest), 'utf8').toString('latin1');
  }

  delete(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.slots.delete(id);
    this.factsBySlot[slot] = undefined;
    this.packedBySlot[slot] = undefined;
    // Freed slots are given back once they outnumber the live ones (imports replace offerings under new slots).
    if (this.factsBySlot.length > 2 * this.slots.size + 1024) this.renumber();
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.factsBySlot = [];
    this.packedBySlot = [];
    this.layoutVersion += 1;
  }

  facts(id: string): OfferingFacts | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.factsBySlot[slot];
  }

  *allFacts(): IterableIterator<OfferingFacts> {
    for (const slot of this.slots.values()) yield this.factsBySlot[slot]!;
  }

  /** The title alone, read from the front of the packed rest without unpacking the description and lists. */
  title(id: string): string | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    const packed = this.packedBySlot[slot]!;
    // The rest is `["title",…`: the title's string ends at the first quote not escaped by a backslash.
    let end = 2;
    while (packed[end] !== '"') end += packed[end] === '\\' ? 2 : 1;
    return JSON.parse(Buffer.from(packed.slice(1, end + 1), 'latin1').toString('utf8')) as string;
  }

  /** Every offering unpacked in turn (one at a time: only the one being read is in memory whole). */
  *unpackAll(): IterableIterator<CatalogueOffering> {
    for (const id of this.slots.keys()) yield this.get(id)!;
  }

  /** The whole offering, unpacked; its lists are the caller's own copies. */
  get(id: string): CatalogueOffering | undefined {
    const slot = this.slots.get(id);
    if (slot === undefined) return undefined;
    const facts = this.factsBySlot[slot]!;
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
    ] = JSON.parse(Buffer.from(this.packedBySlot[slot]!, 'latin1').toString('utf8')) as PackedRest;
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

  /** Live offerings into the first slots, in their order. */
  private renumber(): void {
    const facts: OfferingFacts[] = [];
    const packed: string[] = [];
    for (const [id, slot] of this.slots) {
      this.slots.set(id, facts.length);
      facts.push(this.factsBySlot[slot]!);
      packed.push(this.packedBySlot[slot]!);
    }
    this.factsBySlot = facts;
    this.packedBySlot = packed;
    this.layoutVersion += 1;
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
