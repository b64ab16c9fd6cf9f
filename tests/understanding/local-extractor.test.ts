import { describe, expect, it } from 'vitest';
import { extractFromMessage } from '../../src/understanding/local-extractor.js';

describe('local extractor', () => {
  it('Bokmål: part-time, a region as constraint and a town in it as a wish, the current job', () => {
    const profile = extractFromMessage({
      message:
        'Jeg er sykepleier og vil ta videreutdanning i demens ved siden av jobben, på Vestlandet, helst i Bergen.',
    });
    expect(profile.language).toBe('nb');
    expect(profile.time?.partTime).toBe(true);
    expect(profile.places).toEqual(['Vestlandet']);
    expect(profile.wishes?.places).toEqual(['Bergen']);
    expect(profile.occupation?.text).toBe('sykepleier');
  });
  it('Nynorsk: folk high school, Nord-Noreg, free', () => {
    const profile = extractFromMessage({ message: 'Eg vil gå på folkehøgskule i Nord-Noreg. Det må vere gratis.' });
    expect(profile.language).toBe('nn');
    expect(profile.levels).toEqual(['folk_high_school']);
    expect(profile.places).toEqual(['Nord-Norge']);
    expect(profile.budget?.free).toBe(true);
  });
  it('English: online, free, short course, hours per week, price and start', () => {
    const profile = extractFromMessage({
      message:
        'I work as a nurse. I want a free introductory course online, 5 hours per week, under 2000 kr, starting within 3 months.',
    });
    expect(profile.language).toBe('en');
    expect(profile.modes).toEqual(['online']);
    expect(profile.budget).toEqual({ free: true, maxNok: 2000 });
    expect(profile.levels).toEqual(['short_course', 'further_education']);
    expect(profile.time?.hoursPerWeek).toBe(5);
    expect(profile.startWithinMonths).toBe(3);
    expect(profile.occupation?.text).toBe('nurse');
  });
  it('soft wishes stay wishes, and "part-time or online" means either', () => {
    const profile = extractFromMessage({ message: 'Helst et årsstudium, gjerne på nett. Deltid eller nett passer.' });
    expect(profile.levels).toEqual([]);
    expect(profile.wishes?.levels).toContain('one_year');
    expect(profile.time?.partTime).toBe(true);
    expect(profile.modes).toEqual([]);
  });
  it('wanting to become something wishes for a qualifying degree, not a one-year study', () => {
    const profile = extractFromMessage({ message: 'Jeg vil bli sykepleier.' });
    expect(profile.wishes?.levels).toEqual(['bachelor', 'master']);
  });
  it('a hyphen inside a job title belongs to it; a dash after it ends it', () => {
    const role = (message: string) => extractFromMessage({ message }).occupation?.text;
    expect(role('Jeg jobber som IT-konsulent og vil lære informasjonssikkerhet.')).toBe('it-konsulent');
    expect(role('Eg er HR-rådgjevar og vil lære meir om arbeidsrett.')).toBe('hr-rådgjevar');
    expect(role('I work as a back-end developer and want to learn Rust.')).toBe('back-end developer');
    expect(role('Jeg er sykepleier - og vil ta videreutdanning i demens.')).toBe('sykepleier');
  });
  it('a lowercase common word is not a town, and a workplace is not a constraint', () => {
    const profile = extractFromMessage({ message: 'Jeg bor i Tromsø og vil lære om moss og lav.' });
    expect(profile.places).toEqual([]);
    expect(profile.wishes?.places).toEqual(['Tromsø']);
  });
  it('negated wishes are ignored', () => {
    const profile = extractFromMessage({ message: 'Jeg vil ikke studere på nett.' });
    expect(profile.modes).toEqual([]);
  });
});
