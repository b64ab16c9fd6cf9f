import { describe, expect, it } from 'vitest';
import { feedOfferingSchema, type FeedOfferingInput } from '../../src/catalogue/feed-offering.js';
import { normaliseLanguages } from '../../src/catalogue/normalise-language.js';
import { normaliseLevel } from '../../src/catalogue/normalise-level.js';
import { normaliseMode, normaliseSchedule } from '../../src/catalogue/normalise-mode.js';
import { normaliseOffering } from '../../src/catalogue/normalise-offering.js';
import { parseCredits, parseWorkload } from '../../src/catalogue/normalise-quantities.js';
import { defaultProviderDirectory } from '../../src/catalogue/provider-directory.js';

const directory = defaultProviderDirectory();

function normalise(input: Partial<FeedOfferingInput> & { source?: string }) {
  const offering = feedOfferingSchema.parse({
    id: 'x1',
    title: 'Kurs',
    provider: 'Ukjent AS',
    description: '',
    ...input,
  });
  return normaliseOffering({
    offering,
    source: input.source ?? 'test',
    provider: directory.find(offering.provider),
    usdToNok: 10,
  });
}

const teaching = { given: null, type: 'university_college', isMooc: false, title: 'Studium' };

describe('mode', () => {
  it.each([
    ['Studiet er nettbasert med digitale forelesninger', 'online'],
    ['Et nettstudium for deg i jobb', 'online'],
    ['Studiet er samlingsbasert med tre samlinger i Tromsø', 'blended'],
    ['Undervisning på campus i Bergen', 'campus'],
    ['Ingen opplysninger', 'unknown'],
  ])('%s → %s', (description, mode) => {
    expect(normaliseMode({ ...teaching, description })).toBe(mode);
  });

  it('takes the feed’s own word first, and MOOCs are online', () => {
    expect(normaliseMode({ ...teaching, description: 'på campus', given: 'Nettbasert' })).toBe('online');
    expect(normaliseMode({ ...teaching, description: '', isMooc: true })).toBe('online');
    expect(normaliseMode({ ...teaching, description: '', type: 'folk_high_school' })).toBe('campus');
  });
});

describe('schedule', () => {
  it.each([
    ['Deltidsstudium over fire semestre', 'part_time'],
    ['Erfaringsbasert master for ledere', 'part_time'],
    ['Videreutdanning for lærere', 'part_time'],
    ['Heltidsstudium i tre år', 'full_time'],
  ])('%s → %s', (description, schedule) => {
    expect(normaliseSchedule({ ...teaching, description, degreeProgramme: false })).toBe(schedule);
  });

  it('reads MOOC course types and defaults degrees to full time', () => {
    expect(
      normaliseSchedule({ ...teaching, description: '', given: 'Self-paced on your time', degreeProgramme: false }),
    ).toBe('self_paced');
    // Our own schema's word, as the JSON Lines and JSON-LD exports write it (it was lost on re-import).
    expect(normaliseSchedule({ ...teaching, description: '', given: 'self_paced', degreeProgramme: false })).toBe(
      'self_paced',
    );
    expect(
      normaliseSchedule({
        ...teaching,
        description: '',
        given: 'Instructor-led on a course schedule',
        degreeProgramme: false,
      }),
    ).toBe('part_time');
    expect(normaliseSchedule({ ...teaching, description: '', isMooc: true, degreeProgramme: false })).toBe(
      'self_paced',
    );
    expect(normaliseSchedule({ ...teaching, description: '', degreeProgramme: true })).toBe('full_time');
  });
});

describe('level', () => {
  const context = { given: null, type: 'university_college', description: '', isMooc: false, credits: null };
  it.each([
    ['Årsstudium i miljøterapi', 'one_year'],
    ['Årsenhet i matematikk', 'one_year'],
    ['Bachelor i sykepleie', 'bachelor'],
    ['Masterprogram i informatikk', 'master'],
    ['Erfaringsbasert master i ledelse', 'master'],
    ['Videreutdanning i veiledning', 'further_education'],
    ['Emne: statistikk', 'short_course'],
    ['Ph.d. i fysikk', 'phd'],
    ['Ettårig forkurs for ingeniørutdanning og integrert masterstudium', 'short_course'],
    ['Realfagskurs 1/2 årig', 'short_course'],
    ['Fiskehelse - akvamedisin (profesjon)', 'master'],
    ['Industriell økonomi (siv.ing)', 'master'],
  ])('%s → %s', (title, level) => {
    expect(normaliseLevel({ ...context, title })).toBe(level);
  });

  it('uses the first kind the description names, then credits, and knows folk high schools and MOOCs', () => {
    expect(
      normaliseLevel({
        ...context,
        title: 'Musikk og ledelse',
        description: 'Da er dette bachelorgraden for deg. Etterpå kan du ta en master.',
      }),
    ).toBe('bachelor');
    expect(normaliseLevel({ ...context, title: 'Helse', credits: 60 })).toBe('one_year');
    expect(
      normaliseLevel({ ...context, title: 'Digital sikkerhet', description: 'Denne bacheloren dekker IT-kunnskap.' }),
    ).toBe('bachelor');
    expect(
      normaliseLevel({
        ...context,
        title: 'Biologi',
        description: 'En mastergrad i biologi gir deg spesialisert kunnskap.',
      }),
    ).toBe('master');
    expect(
      normaliseLevel({ ...context, title: 'Sykepleie', description: 'Da kan sykepleierutdanning være noe for deg.' }),
    ).toBe('bachelor');
    expect(
      normaliseLevel({ ...context, title: 'Veterinærvitenskap', description: 'Leder av Ph.d.-programråd VET.' }),
    ).toBe('phd');
    expect(
      normaliseLevel({ ...context, title: 'LCA for byggprodukter', description: 'Kurset er utviklet av NMBU.' }),
    ).toBe('short_course');
    expect(normaliseLevel({ ...context, title: 'Friluftsliv', type: 'folk_high_school' })).toBe('folk_high_school');
    expect(normaliseLevel({ ...context, title: 'Python', isMooc: true })).toBe('short_course');
  });
});

describe('workload and credits', () => {
  it('parses MOOC effort and length, with ranges as midpoints', () => {
    expect(parseWorkload(['2–3 hours per week', '6 Weeks'])).toEqual({
      hoursPerWeek: 2.5,
      durationWeeks: 6,
      workloadHours: 15,
    });
    expect(parseWorkload([' 1 - 4 Weeks'])).toEqual({ hoursPerWeek: null, durationWeeks: 2.5, workloadHours: null });
    expect(parseWorkload([' 1 - 3 Months']).durationWeeks).toBeCloseTo(8.7, 1);
    expect(parseWorkload([' Less Than 2 Hours']).workloadHours).toBe(2);
    expect(parseWorkload(['5 timer i uka over 10 uker'])).toEqual({
      hoursPerWeek: 5,
      durationWeeks: 10,
      workloadHours: 50,
    });
  });

  it('finds studiepoeng and ECTS in text', () => {
    expect(parseCredits(['Emne', 'Emnet gir 7,5 studiepoeng'])).toBe(7.5);
    expect(parseCredits(['30 ECTS credits'])).toBe(30);
    expect(parseCredits(['Ingen poeng her'])).toBeNull();
  });
});

describe('languages', () => {
  it('maps names to ISO codes and tells Nynorsk from Bokmål', () => {
    expect(normaliseLanguages({ given: ['Español'], title: '', description: '' })).toEqual(['es']);
    expect(
      normaliseLanguages({
        given: ['nb'],
        title: 'Årsstudium',
        description:
          'Studiet gjev deg kunnskap om korleis du kan arbeide, og kva som er viktig. Det er ikkje berre teori.',
      }),
    ).toEqual(['nn']);
    expect(
      normaliseLanguages({ given: ['nb'], title: 'Master', description: 'Undervisningen foregår på engelsk.' }),
    ).toEqual(['nb', 'en']);
  });
});

describe('normaliseOffering', () => {
  it('turns an edX record into an online, self-paced course free to follow, with its certificate priced in NOK', () => {
    const record = normalise({
      source: 'edx',
      provider: 'Harvard University',
      type: 'mooc',
      language: 'English',
      price: { free_to_audit: true, certificate_usd: 49, raw: 'FREE-Add a Verified Certificate for $49 USD' },
      extra: {
        course_type: 'Self-paced on your time',
        effort: '2–3 hours per week',
        length: '6 Weeks',
        subject: 'Computer Science',
      },
    });
    expect(record).toMatchObject({
      mode: 'online',
      schedule: 'self_paced',
      isFree: true,
      priceNok: null,
      certificatePriceNok: 490,
      hoursPerWeek: 2.5,
      durationWeeks: 6,
      workloadHours: 15,
      level: 'short_course',
      languages: ['en'],
      subjects: ['Computer Science'],
    });
  });

  it('keeps "free to follow" and a paid certificate as two facts, however the feed gives them', () => {
    // The demo catalogue carried edX fees as "isFree": true with "priceNok": 2139 — free with a price.
    expect(normalise({ source: 'edx', type: 'mooc', isFree: true, priceNok: 2139 })).toMatchObject({
      isFree: true,
      priceNok: null,
      certificatePriceNok: 2139,
    });
    expect(normalise({ isFree: true, certificatePriceNok: 500 })).toMatchObject({
      isFree: true,
      priceNok: null,
      certificatePriceNok: 500,
    });
    // Not free to audit: the USD price is what following costs, certificate included.
    expect(
      normalise({ source: 'edx', type: 'mooc', price: { free_to_audit: false, certificate_usd: 100 } }),
    ).toMatchObject({ isFree: false, priceNok: 1000, certificatePriceNok: null });
    expect(normalise({ provider: 'Universitetet i Bergen', price: 4990 })).toMatchObject({
      priceNok: 4990,
      isFree: false,
      certificatePriceNok: null,
    });
  });

  it('reads a bare number as the price in NOK, and names what else a price may be', () => {
    // A JSON Lines feed writing "price": 4990 was rejected as "expected object".
    expect(normalise({ provider: 'Universitetet i Bergen', price: 4990 })).toMatchObject({
      priceNok: 4990,
      isFree: false,
    });
    expect(normalise({ price: '0' })).toMatchObject({ priceNok: 0, isFree: true });
    const wrong = feedOfferingSchema.safeParse({ id: 'x2', title: 'Kurs', provider: 'Ukjent AS', price: 'gratis' });
    expect(wrong.error?.issues.map((issue) => issue.message)).toEqual([
      'price must be a number (NOK) or an object { free_to_audit, certificate_usd, raw }, not "gratis"',
    ]);
  });

  it('decides isFree from the provider file: public university yes, private college and folk high school no, unknown null', () => {
    expect(normalise({ provider: 'Universitetet i Bergen', title: 'Bachelor i informatikk' }).isFree).toBe(true);
    expect(normalise({ provider: 'UiB', title: 'Erfaringsbasert master i IT-ledelse' }).isFree).toBeNull();
    expect(
      normalise({
        provider: 'Universitetet i Bergen',
        title: 'Kurs',
        description: 'Kurset har en kursavgift på 5000 kroner.',
      }).isFree,
    ).toBe(false);
    expect(normalise({ provider: 'Handelshøyskolen BI', title: 'Bachelor i økonomi' }).isFree).toBe(false);
    expect(normalise({ provider: 'Voss folkehøgskule', type: 'folk_high_school' }).isFree).toBe(false);
    expect(normalise({ provider: 'Ukjent AS' }).isFree).toBeNull();
  });

  it('treats a Coursera course as free to audit and a specialization as paid', () => {
    expect(normalise({ source: 'coursera', provider: 'Google', type: 'course' }).isFree).toBe(true);
    expect(normalise({ source: 'coursera', provider: 'Google', type: 'specialization' }).isFree).toBe(false);
  });

  it('places cities in municipalities and 2024 counties, and gives degrees their standard credits', () => {
    const record = normalise({
      provider: 'Universitetet i Agder',
      title: 'Årsstudium i engelsk',
      city: 'Kristiansan, Grimstad',
    });
    expect(record.cities).toEqual(['Kristiansand', 'Grimstad']);
    expect(record.municipalities).toEqual(['Kristiansand', 'Grimstad']);
    expect(record.counties).toEqual(['Agder']);
    expect(record).toMatchObject({
      level: 'one_year',
      credits: 60,
      eqfLevel: 6,
      schedule: 'full_time',
      providerName: 'Universitetet i Agder',
    });
  });
});
