import { describe, expect, it } from 'vitest';
import { parseRoster, readPresentedCredential } from '../../src/site-check/parse-roster.js';

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';
const shareLink = 'https://veileder.example.no/verify?share=AbCdEfGhIjKlMnOpQrStUvWxYz012345';

describe('roster parsing', () => {
  it('reads one credential per line: JWTs, share links (as a QR code carries them) and wallet JSON', () => {
    const roster = parseRoster(`${jwt}\n\n${shareLink}\n{"jwt":"${jwt}","credential":{}}\n# a comment\n`);
    expect(roster.format).toBe('lines');
    expect(roster.problems).toEqual([]);
    expect(roster.entries).toEqual([
      { line: 1, name: null, role: null, credential: { kind: 'jwt', jwt } },
      { line: 3, name: null, role: null, credential: { kind: 'share', token: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' } },
      { line: 4, name: null, role: null, credential: { kind: 'jwt', jwt } },
    ]);
  });

  it('reports a bad line with its line number and keeps the good lines around it', () => {
    const roster = parseRoster(`${jwt}\nnot a credential\n${shareLink}\nhttps://example.no/no-share-here`);
    expect(roster.entries.map((entry) => entry.line)).toEqual([1, 3]);
    expect(roster.problems.map((problem) => problem.line)).toEqual([2, 4]);
    expect(roster.problems[0]!.text).toBe('not a credential');
    expect(roster.problems[0]!.message.nb).toMatch(/verken et kursbevis/);
    expect(roster.problems[0]!.message.en).toMatch(/neither a credential/);
  });

  it('reads a CSV with a header (semicolon, quotes, role column); a name without a credential is a worker who showed none', () => {
    const csv = [
      'Navn;Rolle;Kursbevis',
      `"Nordmann; Ola";Tømrer;${jwt}`,
      'Kari Hansen;Elektriker;',
      `;Tømrer;${jwt}`,
      'Per Berg;Tømrer;rubbish',
    ].join('\r\n');
    const roster = parseRoster(csv);
    expect(roster.format).toBe('csv');
    expect(roster.entries).toEqual([
      { line: 2, name: 'Nordmann; Ola', role: 'Tømrer', credential: { kind: 'jwt', jwt } },
      { line: 3, name: 'Kari Hansen', role: 'Elektriker', credential: null },
    ]);
    expect(roster.problems.map((problem) => [problem.line, problem.message.en])).toEqual([
      [4, 'The line has no name.'],
      [5, 'The line is neither a credential (VC-JWT) nor a share link.'],
    ]);
  });

  it('reads a comma CSV with English headers and a byte order mark', () => {
    const roster = parseRoster(`\uFEFFname,credential\nOla,${shareLink}\nKari,${jwt},extra`);
    expect(roster.entries).toEqual([
      { line: 2, name: 'Ola', role: null, credential: { kind: 'share', token: 'AbCdEfGhIjKlMnOpQrStUvWxYz012345' } },
    ]);
    expect(roster.problems).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('accepts only share links that carry a token', () => {
    expect(readPresentedCredential('https://veileder.example.no/verify?share=short')).toBeNull();
    expect(readPresentedCredential('ftp://x/verify?share=AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBeNull();
    expect(readPresentedCredential('{"jwt": 3}')).toBeNull();
  });
});
