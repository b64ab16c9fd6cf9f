import { describe, expect, it } from 'vitest';
import { isVeilederError } from '../../src/errors.js';
import { buildTaxonomy } from '../../src/taxonomy/build-taxonomy.js';
import {
  parseEscoOccupations,
  parseEscoSkills,
  parseIscoGroups,
  parseOccupationSkillRelations,
} from '../../src/taxonomy/parse-esco.js';
import { parseKlassCodes } from '../../src/taxonomy/parse-klass.js';
import { parseNavJobTitles, splitTitles } from '../../src/taxonomy/parse-nav-job-titles.js';
import { parseTaxonomySeed, serializeTaxonomySeed } from '../../src/taxonomy/taxonomy-seed.js';

const klass = JSON.stringify({
  codes: [
    { code: '2', parentCode: null, level: '1', name: 'Akademiske yrker', shortName: '', notes: '' },
    { code: '222', parentCode: '2', level: '3', name: 'Sykepleiere og spesialsykepleiere', shortName: '', notes: '' },
    { code: '2221', parentCode: '222', level: '4', name: 'Spesialsykepleiere', shortName: '', notes: '' },
    { code: '2223', parentCode: '222', level: '4', name: 'Sykepleiere', shortName: '', notes: '' },
  ],
});
const isco = `conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description
ISCOGroup,http://data.europa.eu/esco/isco/C2,2,Professionals,released,,x,"Professionals increase knowledge"
ISCOGroup,http://data.europa.eu/esco/isco/C2221,2221,Nursing professionals,released,,x,"Nurses"
`;
const occupations = `conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code
Occupation,http://data.europa.eu/esco/occupation/aaa-1,2221,nurse responsible for general care,"ward nurse
nurse responsible for general care
district nurse",,released,2016,,,,x,"Nurses responsible for general care plan, manage...",2221.1
`;
const skills = `conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description
KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/sss-1,skill/competence,sector-specific,administer medication,"give medication
dispense medicines",,released,2016,,,x,"Give patients their medicines."
`;
const relations = `occupationUri,relationType,skillType,skillUri
http://data.europa.eu/esco/occupation/aaa-1,essential,skill/competence,http://data.europa.eu/esco/skill/sss-1
http://data.europa.eu/esco/occupation/aaa-1,optional,skill/competence,http://data.europa.eu/esco/skill/missing
`;
const nav = `\uFEFFaar;yrke_grovgruppe;yrke_fingruppe;yrkeskode;yrke;yrkesbetegnelse;isco_versjon;antall_arbeidssokere
2011;Helse;Sykepleiere;2223;Veterinærer;Veterinær;ISCO-88;18
2014;Helse;Sykepleiere;2223;Sykepleiere;Hjemmesykepleier, Sykepleier (psykisk helsearbeid, voksne), Sykepleier;ISCO-08;398
2015;Helse;Sykepleiere;2223;Sykepleiere;Sykepleier, Bedriftssykepleier;ISCO-08;401
`;

describe('taxonomy parsers', () => {
  it('reads a KLASS code list with levels and parents', () => {
    const concepts = parseKlassCodes({ text: klass, scheme: 'styrk08', file: 'styrk.json' });
    expect(concepts).toHaveLength(4);
    expect(concepts[3]).toEqual({
      id: 'styrk08:2223',
      scheme: 'styrk08',
      code: '2223',
      uri: null,
      label: 'Sykepleiere',
      altLabels: [],
      description: null,
      parentId: 'styrk08:222',
      level: 4,
    });
  });

  it('names the file and the problem when a KLASS list is not one', () => {
    const attempt = () => parseKlassCodes({ text: '{"codes":[{"code":"1"}]}', scheme: 'sn2007', file: 'sn.json' });
    expect(attempt).toThrowError(/sn\.json: not a KLASS code list: codes\.0\.parentCode/);
    try {
      attempt();
    } catch (error) {
      expect(isVeilederError(error, 'invalid_file')).toBe(true);
    }
  });

  it('reads ESCO occupations, skills, ISCO groups and relations with multi-line alt labels', () => {
    const [occupation] = parseEscoOccupations({ text: occupations, file: 'o.csv' });
    expect(occupation).toMatchObject({
      id: 'esco_occupation:aaa-1',
      label: 'nurse responsible for general care',
      altLabels: ['ward nurse', 'district nurse'],
      parentId: 'isco08:2221',
    });
    expect(parseEscoSkills({ text: skills, file: 's.csv' })[0]).toMatchObject({
      id: 'esco_skill:sss-1',
      altLabels: ['give medication', 'dispense medicines'],
      description: 'Give patients their medicines.',
    });
    expect(
      parseIscoGroups({ text: isco, file: 'i.csv' }).map((group) => [group.id, group.parentId, group.level]),
    ).toEqual([
      ['isco08:2', null, 1],
      ['isco08:2221', 'isco08:222', 4],
    ]);
    expect(parseOccupationSkillRelations({ text: relations, file: 'r.csv' })[0]).toEqual({
      fromId: 'esco_occupation:aaa-1',
      toId: 'esco_skill:sss-1',
      kind: 'essential_skill',
    });
  });

  it('rejects an ESCO row with a bad ISCO group, naming the data row', () => {
    const broken = occupations.replace(',2221,nurse', ',22x1,nurse');
    expect(() => parseEscoOccupations({ text: broken, file: 'o.csv' })).toThrowError(
      /o\.csv: data row 1: iscoGroup must be a 4-digit ISCO-08 group/,
    );
  });

  it('takes NAV job titles from ISCO-08 rows only, keeping commas inside brackets', () => {
    expect(splitTitles('A, B (x, y), C')).toEqual(['A', 'B (x, y)', 'C']);
    const titles = parseNavJobTitles({ text: nav, file: 'nav.csv' });
    expect(titles.get('2223')).toEqual([
      'Sykepleiere',
      'Hjemmesykepleier',
      'Sykepleier (psykisk helsearbeid, voksne)',
      'Sykepleier',
      'Bedriftssykepleier',
    ]);
  });

  it('links STYRK-08 to ISCO-08 and ESCO, adds NAV titles, and counts relations to unknown concepts', () => {
    const { dataset, report } = buildTaxonomy({
      styrk: parseKlassCodes({ text: klass, scheme: 'styrk08', file: 's' }),
      sn2007: [],
      isco: parseIscoGroups({ text: isco, file: 'i' }),
      escoOccupations: parseEscoOccupations({ text: occupations, file: 'o' }),
      escoSkills: parseEscoSkills({ text: skills, file: 'k' }),
      occupationSkills: parseOccupationSkillRelations({ text: relations, file: 'r' }),
      navJobTitles: parseNavJobTitles({ text: nav, file: 'n' }),
    });
    const nurses = dataset.concepts.find((concept) => concept.id === 'styrk08:2223');
    expect(nurses?.altLabels).toContain('Sykepleier');
    expect(nurses?.altLabels).not.toContain('Sykepleiere'); // the preferred label itself
    expect(dataset.relations).toEqual(
      expect.arrayContaining([
        { fromId: 'styrk08:2221', toId: 'isco08:2221', kind: 'same_as' },
        { fromId: 'styrk08:2223', toId: 'isco08:2221', kind: 'close_match' },
        { fromId: 'esco_occupation:aaa-1', toId: 'styrk08:2223', kind: 'broader' },
        { fromId: 'esco_occupation:aaa-1', toId: 'esco_skill:sss-1', kind: 'essential_skill' },
      ]),
    );
    expect(report.relationsWithUnknownEnds).toBe(1);
    expect(report.styrkGroupsWithoutIsco).toEqual(['2223']);

    const lines = [...serializeTaxonomySeed({ dataset, sources: ['test'] })];
    const roundTrip = parseTaxonomySeed({ lines, file: 'seed' });
    expect(roundTrip.concepts).toEqual(dataset.concepts);
    expect(new Set(roundTrip.relations.map((relation) => JSON.stringify(relation)))).toEqual(
      new Set(dataset.relations.map((relation) => JSON.stringify(relation))),
    );
    expect(() => parseTaxonomySeed({ lines: lines.slice(0, -1), file: 'seed.jsonl' })).toThrowError(
      /seed\.jsonl: truncated or altered/,
    );
  });
});
