import { describe, expect, it } from 'vitest';
import type { CatalogueOffering } from '../../src/catalogue/offering.js';
import { occupationFieldOf } from '../../src/skill-evidence/occupation-fields.js';
import { rolePathOf } from '../../src/skill-evidence/role-path.js';
import { chooseRoleSuggestions, roleRouteContext, routeFor } from '../../src/skill-evidence/role-routes.js';
import { skillContentTerms, teachingEvidence, weighTeachingEvidence } from '../../src/skill-evidence/skill-evidence.js';
import { catalogueOffering } from '../support/catalogue-offering.js';

/** The evidence rules on their own: what counts as an offering teaching a skill, and what fits a role as a whole. */

const text = (title: string, description = '', more: Partial<CatalogueOffering> = {}) => ({
  title,
  description,
  subjects: [],
  skills: [],
  level: 'short_course' as const,
  schedule: 'part_time' as const,
  ...more,
});
const carpentry = { field: occupationFieldOf('7115')!.field };

describe('whether an offering teaches a skill', () => {
  it('drops the generic verb and finds the skill in the title, or all its words in a sentence that says it teaches', () => {
    expect(skillContentTerms('use measurement instruments')).toEqual(['measurement', 'instrument']);
    expect(
      teachingEvidence({ skill: { label: 'apply wood finishes' }, offering: text('Wood finishes for beginners') }),
    ).toMatchObject({ basis: 'title' });
    expect(
      teachingEvidence({
        skill: { label: 'interpret 2D plans' },
        offering: text('Plans for builders', 'Learn to interpret 2D plans and elevations on site.'),
      }),
    ).toMatchObject({ basis: 'description' });
    expect(
      teachingEvidence({
        skill: { label: 'interpret 2D plans' },
        offering: text('Site work', 'Learn to interpret 2D plans and elevations on site.'),
      }),
    ).toBeNull(); // the title is not on the skill
    expect(
      teachingEvidence({
        skill: { label: 'interpret 2D plans' },
        offering: text('Plans for builders', 'Our office interprets 2D plans for you.'),
      }),
    ).toBeNull(); // no teaching
  });

  it('does not count words scattered in a description, or a mention in passing', () => {
    expect(
      weighTeachingEvidence({
        skill: { label: 'manipulate glass' },
        offering: text(
          'Stained glass history',
          'Churches and windows. You will not manipulate anything. Glass is fragile.',
        ),
      }),
    ).toBeNull();
    expect(
      weighTeachingEvidence({
        skill: { label: 'supervise staff' },
        offering: text(
          'Social Anthropology',
          'Our staff are friendly and the campus is large, and you will be supervised',
        ),
      }),
    ).toBeNull();
  });

  it('recognises a Norwegian offering by a close concept in its title ("HMS" for health and safety), never in its description', () => {
    const skill = { label: 'follow health and safety procedures in construction' };
    expect(teachingEvidence({ skill, offering: text('Grunnleggende HMS for bygg') })).toMatchObject({
      basis: 'concept_title',
      phrase: 'hms',
    });
    expect(teachingEvidence({ skill, offering: text('Helse, miljø og sikkerhet') })).toMatchObject({
      basis: 'concept_title',
    });
    expect(
      teachingEvidence({ skill, offering: text('Bachelor i økonomi', 'Du samarbeider med HMS-avdelingen.') }),
    ).toBeNull();
  });

  it('counts a broad concept only when the title is mostly about it', () => {
    expect(teachingEvidence({ skill: { label: 'supervise staff' }, offering: text('Personalledelse') })).toMatchObject({
      basis: 'concept_title',
    });
    expect(
      teachingEvidence({ skill: { label: 'supervise staff' }, offering: text('Musikk, menighet og ledelse') }),
    ).toBeNull();
  });

  it('needs the role’s field for a skill’s own common words: a finance course on stocks does not teach stock keeping', () => {
    const retail = { field: occupationFieldOf('5223')!.field };
    const finance = text(
      'Monitor stock levels in financial markets',
      'Learn to monitor stock levels and prices of shares.',
    );
    expect(teachingEvidence({ skill: { label: 'monitor stock level' }, offering: finance })).not.toBeNull();
    expect(
      teachingEvidence({ skill: { label: 'monitor stock level' }, offering: finance, context: carpentry }),
    ).toBeNull();
    expect(
      teachingEvidence({
        skill: { label: 'monitor stock level' },
        offering: text('Monitor stock level in the retail store'),
        context: retail,
      }),
    ).toMatchObject({ basis: 'title' });
  });

  it('weighs a full-time degree down: it teaches a field, not one skill', () => {
    const skill = { label: 'supervise staff' };
    expect(
      teachingEvidence({ skill, offering: text('Personalledelse', '', { level: 'master', schedule: 'full_time' }) }),
    ).toBeNull();
    expect(
      teachingEvidence({ skill, offering: text('Personalledelse', '', { level: 'master', schedule: 'part_time' }) }),
    ).not.toBeNull();
    expect(
      teachingEvidence({ skill, offering: text('Personalledelse', '', { level: 'folk_high_school' }) }),
    ).toBeNull();
  });

  it('trusts an offering coded with the skill', () => {
    expect(
      teachingEvidence({
        skill: { label: 'splice cable' },
        offering: text('Kabelskjøting', '', { skills: ['splice cable'] }),
      }),
    ).toMatchObject({ basis: 'coded', score: 1 });
    expect(
      teachingEvidence({ skill: { label: 'splice cable' }, offering: text('Anything'), coded: true }),
    ).toMatchObject({ basis: 'coded' });
  });
});

describe('suggestions for a role as a whole', () => {
  const offering = (title: string, more: Partial<CatalogueOffering> = {}) =>
    catalogueOffering({ title, languages: ['nb'], level: 'short_course', schedule: 'part_time', ...more });

  it('reads the path from STYRK-08: trades, supervisors, managers, professionals', () => {
    expect(['7115', '7411', '5321', '8332', '4321', '3123', '1420', '2512', '9112'].map(rolePathOf)).toEqual([
      'trade',
      'trade',
      'trade',
      'trade',
      'trade',
      'supervisor',
      'manager',
      'professional',
      'elementary',
    ]);
  });

  it('gives a trade the routes that build on its certificate, in its own field, and its short certificates', () => {
    const context = roleRouteContext({ path: 'trade', styrkCode: '7115', title: 'Tømrer' });
    expect(
      routeFor({
        context,
        offering: offering('Bygg, ingeniør - bachelor (y-vei)', { level: 'bachelor', schedule: 'full_time' }),
      }),
    ).toEqual({ kind: 'trade_route', because: 'y-vei: bygg' });
    expect(
      routeFor({ context, offering: offering('Nautikk | y-vei', { level: 'bachelor', schedule: 'full_time' }) }),
    ).toBeNull(); // another trade's route
    expect(routeFor({ context, offering: offering('Byggteknikk', { level: 'vocational' }) })).toMatchObject({
      kind: 'trade_route',
    }); // a fagskole
    expect(routeFor({ context, offering: offering('Arbeid i høyden og fallsikring') })).toMatchObject({
      kind: 'certificate',
    });
    expect(routeFor({ context, offering: offering('Grunnleggende HMS-ledelse') })).toBeNull(); // leading HMS is for those who lead
    expect(routeFor({ context, offering: offering('Spel i læringsarbeid', { level: 'one_year' }) })).toBeNull();
    expect(routeFor({ context, offering: offering('Engelsk - bachelor', { level: 'bachelor' }) })).toBeNull();
    expect(routeFor({ context, offering: offering('Tømrer og snekker', { level: 'folk_high_school' }) })).toBeNull();
  });

  it('gives a manager leadership of the kind the role does, and never a full-time degree', () => {
    const context = roleRouteContext({ path: 'manager', styrkCode: '1420', title: 'Butikksjef' });
    expect(
      routeFor({ context, offering: offering('Ledelse i varehandelen', { level: 'further_education' }) }),
    ).toMatchObject({ kind: 'leadership' });
    expect(routeFor({ context, offering: offering('Personalledelse', { level: 'further_education' }) })).toMatchObject({
      kind: 'leadership',
    });
    expect(routeFor({ context, offering: offering('IT og ledelse', { level: 'further_education' }) })).toBeNull();
    expect(
      routeFor({ context, offering: offering('Videreutdanning i ensembleledelse', { level: 'further_education' }) }),
    ).toBeNull();
    expect(routeFor({ context, offering: offering('Ledelse', { level: 'master', schedule: 'full_time' }) })).toBeNull();
    // A title that names its audience must name the role's field there.
    expect(
      routeFor({ context, offering: offering('Personalledelse for ledere i skolen', { level: 'further_education' }) }),
    ).toBeNull();
    expect(
      routeFor({
        context,
        offering: offering('Personalledelse for ledere i varehandelen', { level: 'further_education' }),
      }),
    ).toMatchObject({ kind: 'leadership' });
  });

  it('reads whom an offering says it is for: another profession’s or sector’s course is not the role’s', () => {
    const careWorker = roleRouteContext({ path: 'trade', styrkCode: '5321', title: 'Helsefagarbeider' });
    const nurse = roleRouteContext({ path: 'professional', styrkCode: '2223', title: 'Sykepleier' });
    const infection = offering('Infeksjonssykepleie og smittevern', { level: 'further_education' });
    expect(routeFor({ context: careWorker, offering: infection })).toBeNull(); // nurses’ further education
    expect(routeFor({ context: careWorker, offering: { ...infection, title: 'Smittevern og hygiene' } })).toMatchObject(
      { kind: 'certificate' },
    );
    expect(routeFor({ context: nurse, offering: { ...infection, title: 'Klinisk sykepleie' } })).toMatchObject({
      kind: 'further_education',
    });
    const forBoth = offering('Psykisk helse', {
      level: 'further_education',
      description: 'Studiet retter seg mot helsefagarbeidere, sykepleiere og vernepleiere.',
    });
    expect(routeFor({ context: careWorker, offering: forBoth })).toMatchObject({ kind: 'further_education' });
    const kindergarten = roleRouteContext({ path: 'professional', styrkCode: '2342', title: 'Barnehagelærer' });
    const school = offering('Spesialpedagogikk 1', {
      level: 'further_education',
      description: 'En nettbasert videreutdanning for deg som er lærer i grunnskolen. Tilpasset opplæring.',
    });
    expect(routeFor({ context: kindergarten, offering: school })).toBeNull();
    expect(
      routeFor({ context: kindergarten, offering: { ...school, description: 'Tilpasset opplæring og inkludering.' } }),
    ).toMatchObject({ kind: 'further_education' });
    const k12 = offering('Improving Teaching', {
      languages: ['en'],
      description: 'Open to all, but especially valuable for teachers and school leaders.',
    });
    expect(routeFor({ context: kindergarten, offering: k12 })).toBeNull();
    const manager = roleRouteContext({ path: 'manager', styrkCode: '1324', title: 'Transportleder' });
    expect(
      routeFor({ context: manager, offering: offering('Ledelse og militær logistikk', { level: 'unknown' }) }),
    ).toBeNull();
    expect(
      routeFor({ context: manager, offering: offering('Ledelse og logistikk', { level: 'further_education' }) }),
    ).toMatchObject({ kind: 'leadership' });
  });

  it('keeps leading for those who lead, introductions for those new to the field, master level above a trade', () => {
    const shopWorker = roleRouteContext({ path: 'trade', styrkCode: '5223', title: 'Butikkmedarbeider' });
    expect(routeFor({ context: shopWorker, offering: offering('Salgsledelse', { level: 'unknown' }) })).toBeNull();
    expect(
      routeFor({ context: shopWorker, offering: offering('Salg og service', { level: 'further_education' }) }),
    ).toMatchObject({ kind: 'further_education' });
    const support = roleRouteContext({ path: 'technician', styrkCode: '3512', title: 'IT-brukerstøtte' });
    const ciso = offering("Cybersecurity: The CISO's View", { languages: ['en'] });
    expect(routeFor({ context: support, offering: ciso })).toBeNull();
    expect(routeFor({ context: support, offering: { ...ciso, title: 'Cybersecurity Operations' } })).toMatchObject({
      kind: 'further_education',
    });
    const developer = roleRouteContext({ path: 'professional', styrkCode: '2512', title: 'Systemutvikler' });
    const firstYear = offering('Informasjonsteknologi - årsstudium', {
      level: 'one_year',
      description: 'Vil du ha en innføring i informasjonsteknologi? Da bør du vurdere dette årsstudiet.',
    });
    expect(routeFor({ context: developer, offering: firstYear })).toBeNull();
    expect(routeFor({ context: support, offering: { ...firstYear, level: 'short_course' } })).toMatchObject({
      kind: 'further_education',
    }); // an introduction is not below a technician
    expect(
      routeFor({
        context: developer,
        offering: { ...firstYear, description: 'Godkjent som et fullført år i ett av våre bachelorstudier.' },
      }),
    ).toBeNull();
    const careWorker = roleRouteContext({ path: 'trade', styrkCode: '5321', title: 'Helsefagarbeider' });
    const mental = offering('Psykisk helsearbeid', { level: 'further_education', description: 'Ei vidareutdanning.' });
    expect(routeFor({ context: careWorker, offering: mental })).toMatchObject({ kind: 'further_education' });
    expect(
      routeFor({ context: careWorker, offering: { ...mental, description: 'Utdanninga er på masternivå.' } }),
    ).toBeNull();
  });

  it('puts the path’s first kind first, a few of each', () => {
    const context = roleRouteContext({ path: 'trade', styrkCode: '7411', title: 'Elektriker' });
    const candidates = [
      'Førstehjelp for elektrikere',
      'Elkraft y-vei',
      'Elektro y-vei',
      'Automasjon y-vei',
      'Elsikkerhet (FSE)',
    ].map((title) => ({ offering: offering(title, { level: title.includes('y-vei') ? 'bachelor' : 'short_course' }) }));
    const chosen = chooseRoleSuggestions({ context, candidates, limit: 4 });
    expect(chosen.map((candidate) => candidate.route.kind)).toEqual([
      'trade_route',
      'trade_route',
      'certificate',
      'certificate',
    ]);
  });
});
