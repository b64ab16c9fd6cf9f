import { describe, expect, it } from 'vitest';
import { isValidOrganisationNumber } from '../../src/organisations/organisation-number.js';
import { organisationInputSchema } from '../../src/organisations/organisation.js';
import {
  isCancel,
  isSetupRequest,
  isTeamPlanRequest,
  readNameAndNumber,
  readRoleList,
} from '../../src/organisations/read-setup-answer.js';

describe('organisation number', () => {
  it('accepts real numbers with a valid mod-11 check digit, with or without spaces', () => {
    for (const number of ['974760673', '923 609 016', '914778271', '889640782'])
      expect(isValidOrganisationNumber(number), number).toBe(true);
  });
  it('rejects a wrong check digit, a wrong length, letters, and remainders needing check digit 10', () => {
    for (const number of ['974760674', '97476067', '9747606730', '97476067a', ''])
      expect(isValidOrganisationNumber(number), number).toBe(false);
    // A prefix whose check digit would be 10 is never issued: every last digit is refused.
    const needsTen = Array.from({ length: 1000 }, (_, index) => `10000${String(index).padStart(3, '0')}`).find(
      (prefix) => {
        const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce(
          (total, weight, position) => total + weight * Number(prefix[position]),
          0,
        );
        return 11 - (sum % 11) === 10;
      },
    )!;
    for (let digit = 0; digit <= 9; digit += 1) expect(isValidOrganisationNumber(`${needsTen}${digit}`)).toBe(false);
  });
});

describe('organisation input', () => {
  it('normalises the number, the county and member emails', () => {
    const input = organisationInputSchema.parse({
      name: ' Fjordbygg AS ',
      organisationNumber: '974 760 673',
      county: 'troms',
      roles: [{ styrkCode: '7115', title: 'Tømrer' }],
      members: [{ name: 'Ola', email: 'Ola@Example.NO', role: 'tømrer' }],
    });
    expect(input).toMatchObject({
      name: 'Fjordbygg AS',
      organisationNumber: '974760673',
      county: 'Troms',
      roles: [{ headcount: 1 }],
      members: [{ email: 'ola@example.no', access: 'member' }],
    });
  });
  it('names each problem with its path', () => {
    const result = organisationInputSchema.safeParse({
      name: '',
      organisationNumber: '123',
      county: 'Narnia',
      hoursPerWeek: 60,
      roles: [{ styrkCode: '71', title: 'X' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'organisationNumber', 'county', 'hoursPerWeek', 'roles.0.styrkCode']),
    );
  });
});

describe('reading the chat set-up', () => {
  it('knows a request to set up the speaker’s own company from a course need', () => {
    expect(isSetupRequest('Kan du registrere bedriften min?')).toBe(true);
    expect(isSetupRequest('set up my company')).toBe(true);
    expect(isSetupRequest('registrer verksemda mi')).toBe(true);
    expect(isSetupRequest('Jeg vil registrere meg på et kurs i bedriftsøkonomi')).toBe(false);
    expect(isSetupRequest('register for a business course')).toBe(false);
    expect(isTeamPlanRequest('Kompetanseplan')).toBe(true);
    expect(isTeamPlanRequest('jeg vil lage en kompetanseplan for sykehjemmet')).toBe(false);
    expect(isCancel('avbryt')).toBe(true);
  });
  it('reads name and number, and a role list with headcounts', () => {
    expect(readNameAndNumber('Fjordbygg AS, org.nr. 974 760 673')).toEqual({
      name: 'Fjordbygg AS',
      number: '974760673',
    });
    expect(readNameAndNumber('Fjordbygg AS 974 760 674')).toEqual({
      name: 'Fjordbygg AS',
      invalidNumber: '974 760 674',
    });
    expect(readNameAndNumber('Byggmester Hansen')).toEqual({ name: 'Byggmester Hansen' });
    expect(readRoleList('14 tømrere, 6 elektrikere og anleggsleder (2)')).toEqual([
      { words: 'tømrere', headcount: 14 },
      { words: 'elektrikere', headcount: 6 },
      { words: 'anleggsleder', headcount: 2 },
    ]);
  });
});
