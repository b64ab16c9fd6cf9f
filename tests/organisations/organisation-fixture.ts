import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openRetrieval, type RetrievalService } from '../../adapters/index/retrieval-service.js';
import type { Database } from '../../adapters/storage/database.js';
import { importCatalogueFile } from '../../adapters/storage/import-catalogue-file.js';
import { saveTaxonomy } from '../../adapters/storage/taxonomy-store.js';
import type { TaxonomyConcept } from '../../src/taxonomy/concept.js';

/**
 * A small world for organisation tests: STYRK-08 7115 (carpenters) and 7411 (electricians), an SN2007
 * code, four ESCO occupations and their essential skills, and six offerings — some teach a skill, one only
 * mentions its words apart, one is free, one dear — imported and searched through the real retrieval core.
 */

const concept = (
  scheme: TaxonomyConcept['scheme'],
  code: string,
  label: string,
  extra: Partial<TaxonomyConcept> = {},
): TaxonomyConcept => ({
  id: `${scheme}:${code}`,
  scheme,
  code,
  uri: null,
  label,
  altLabels: [],
  description: null,
  parentId: null,
  level: scheme === 'styrk08' ? 4 : null,
  ...extra,
});

export const skills = {
  wood: 'esco_skill:wood',
  plans: 'esco_skill:plans',
  glass: 'esco_skill:glass',
  wiring: 'esco_skill:wiring',
};

export async function seedOrganisationWorld(
  database: Database,
): Promise<{ retrieval: RetrievalService; directory: string; cleanUp(): Promise<void> }> {
  const concepts = [
    concept('styrk08', '7115', 'Tømrere og snekkere', { altLabels: ['Tømrer', 'Snekker'] }),
    concept('styrk08', '7411', 'Elektrikere', { altLabels: ['Elektriker'] }),
    concept('sn2007', '41.200', 'Oppføring av bygninger', { level: 5 }),
    concept('esco_occupation', 'carpenter', 'carpenter'),
    concept('esco_occupation', 'door-installer', 'door installer'),
    concept('esco_occupation', 'window-installer', 'window installer'),
    concept('esco_occupation', 'electrician', 'electrician'),
    concept('esco_skill', 'wood', 'apply wood finishes'),
    concept('esco_skill', 'plans', 'interpret 2D plans'),
    concept('esco_skill', 'glass', 'manipulate glass'),
    concept('esco_skill', 'wiring', 'install electrical wiring'),
  ];
  const broader = (occupation: string, styrk: string) => ({
    fromId: `esco_occupation:${occupation}`,
    toId: `styrk08:${styrk}`,
    kind: 'broader' as const,
  });
  const essential = (occupation: string, skill: string) => ({
    fromId: `esco_occupation:${occupation}`,
    toId: skill,
    kind: 'essential_skill' as const,
  });
  const relations = [
    broader('carpenter', '7115'),
    broader('door-installer', '7115'),
    broader('window-installer', '7115'),
    broader('electrician', '7411'),
    // wood finishes: 3 of 3 carpentry occupations; 2D plans: 2 of 3; glass: 1 of 3 (below a 0.5 share).
    essential('carpenter', skills.wood),
    essential('door-installer', skills.wood),
    essential('window-installer', skills.wood),
    essential('carpenter', skills.plans),
    essential('door-installer', skills.plans),
    essential('window-installer', skills.glass),
    essential('electrician', skills.wiring),
  ];
  await saveTaxonomy({ pool: database.pool, dataset: { concepts, relations } });

  const offering = (id: string, fields: Record<string, unknown>) =>
    JSON.stringify({
      id,
      provider: 'Byggskolen',
      description: '',
      cities: [],
      level: 'short_course',
      languages: ['en'],
      type: 'course',
      url: `https://example.no/${id}`,
      source: 'fixture',
      skills: [],
      ...fields,
    });
  const lines = [
    offering('wood-paid', {
      title: 'Apply wood finishes like a professional',
      provider: 'Dyrt Institutt',
      description: 'Oils, lacquers and stains for joinery.',
      priceNok: 12000,
      isFree: false,
      mode: 'online',
      schedule: 'part_time',
    }),
    offering('wood-free', {
      title: 'Wood finishes for beginners',
      description: 'How to apply wood finishes: sanding, oil and varnish.',
      isFree: true,
      mode: 'online',
      schedule: 'self_paced',
    }),
    offering('plans', {
      title: 'Reading construction drawings',
      provider: 'Tegneskolen',
      description: 'Learn to interpret 2D plans and elevations on site.',
      priceNok: 2500,
      isFree: false,
      mode: 'campus',
      schedule: 'part_time',
      cities: ['Bergen'],
      counties: ['Vestland'],
    }),
    offering('glass-mention', {
      title: 'Stained glass history',
      provider: 'Kunstskolen',
      description: 'Churches and windows. You will not manipulate anything. Glass is fragile.',
      isFree: true,
      mode: 'online',
    }),
    offering('wiring', {
      title: 'Electrical wiring for apprentices',
      provider: 'Elskolen',
      description: 'Install electrical wiring safely in houses.',
      priceNok: 4000,
      isFree: false,
      mode: 'campus',
      schedule: 'part_time',
      cities: ['Oslo'],
      counties: ['Oslo'],
    }),
    offering('other', {
      title: 'Bakery basics',
      provider: 'Bakeriet',
      description: 'Bread and cakes.',
      isFree: true,
      mode: 'online',
    }),
    // For the carpenter as a whole: a route that builds on the trade certificate, a short certificate, and a
    // programme that only mentions carpenters (not a suggestion).
    offering('bygg-yvei', {
      title: 'Bygg, ingeniør - bachelor (y-vei)',
      provider: 'Fjordhøgskolen',
      description: 'For deg med fagbrev som tømrer eller betongfagarbeider.',
      level: 'bachelor',
      languages: ['nb'],
      mode: 'campus',
      schedule: 'full_time',
      cities: ['Bergen'],
      counties: ['Vestland'],
    }),
    offering('hoyde', {
      title: 'Arbeid i høyden og fallsikring',
      provider: 'Sikkerhetskurs AS',
      description: 'Dagskurs for tømrere og andre håndverkere.',
      languages: ['nb'],
      priceNok: 2900,
      isFree: false,
      mode: 'campus',
      schedule: 'part_time',
      cities: ['Bergen'],
      counties: ['Vestland'],
    }),
    offering('spel', {
      title: 'Spel i læringsarbeid',
      provider: 'Volda',
      description: 'Årsstudium. Tidligere studenter er blant annet tømrer, lærer og snekker.',
      level: 'one_year',
      languages: ['nn'],
      mode: 'campus',
      schedule: 'full_time',
    }),
  ];
  const directory = await mkdtemp(path.join(os.tmpdir(), 'veileder-organisations-'));
  const file = path.join(directory, 'catalogue.jsonl');
  await writeFile(file, `${lines.join('\n')}\n`);
  await importCatalogueFile(database, { file });
  const retrieval = await openRetrieval({ database, dataDir: directory });
  return { retrieval, directory, cleanUp: () => rm(directory, { recursive: true, force: true }) };
}
