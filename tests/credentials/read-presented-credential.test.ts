import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { didWebUrl } from '../../src/credentials/external/resolve-issuer.js';
import { readPresentedCredential } from '../../src/credentials/read-presented-credential.js';

// How a handed-in credential is taken apart (Open Badges 3.0 §5.3 for baked images), beyond the fixtures:
// other namespace prefixes, XML-escaped bodies, single quotes, damaged or missing chunks.

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln';

function png(chunks: { type: string; data: Buffer }[]): Uint8Array {
  const encoded = chunks.map(({ type, data }) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  });
  return new Uint8Array(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...encoded]));
}
const itxt = (keyword: string, text: string, compressed = false) => ({
  type: 'iTXt',
  data: Buffer.concat([
    Buffer.from(`${keyword}\0`, 'latin1'),
    Buffer.from([compressed ? 1 : 0, 0]),
    Buffer.from('en\0Credential\0', 'latin1'),
    compressed ? deflateSync(text) : Buffer.from(text),
  ]),
});

describe('readPresentedCredential', () => {
  it('reads a bare JWT, a wallet download and a JSON credential', () => {
    expect(readPresentedCredential(`  ${jwt}\n`)).toEqual({ kind: 'jwt', jwt });
    expect(readPresentedCredential(JSON.stringify({ jwt, credential: {} }))).toEqual({ kind: 'jwt', jwt });
    expect(readPresentedCredential('{"@context":[],"proof":{}}')).toMatchObject({
      kind: 'document',
      document: { proof: {} },
    });
    expect(readPresentedCredential('\uFEFF{"a":1}')).toMatchObject({ kind: 'document' });
  });

  it('finds the openbadgecredential chunk among others, compressed or not, and only that keyword', () => {
    expect(
      readPresentedCredential(
        png([
          { type: 'IHDR', data: Buffer.alloc(13) },
          itxt('Comment', 'hello'),
          itxt('openbadgecredential', jwt),
          { type: 'IEND', data: Buffer.alloc(0) },
        ]),
      ),
    ).toEqual({ kind: 'jwt', jwt, baked: 'png' });
    expect(
      readPresentedCredential(
        png([itxt('openbadgecredential', '{"id":"x"}', true), { type: 'IEND', data: Buffer.alloc(0) }]),
      ),
    ).toMatchObject({ kind: 'document', document: { id: 'x' }, baked: 'png' });
    expect(
      readPresentedCredential(png([itxt('openbadges', jwt), { type: 'IEND', data: Buffer.alloc(0) }])),
    ).toMatchObject({ kind: 'unreadable', detail: expect.stringContaining('no baked credential') });
  });

  it('reads an SVG credential under any prefix bound to the Open Badges 3.0 namespace', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob='https://purl.imsglobal.org/ob/v3p0'><ob:credential verify='${jwt}'/></svg>`;
    expect(readPresentedCredential(svg)).toEqual({ kind: 'jwt', jwt, baked: 'svg' });
    const escaped = `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>{&quot;id&quot;:&quot;a&amp;b&quot;}</openbadges:credential></svg>`;
    expect(readPresentedCredential(escaped)).toMatchObject({ kind: 'document', document: { id: 'a&b' }, baked: 'svg' });
    expect(readPresentedCredential(new TextEncoder().encode(svg))).toEqual({ kind: 'jwt', jwt, baked: 'svg' });
  });

  it('says what is wrong instead of guessing', () => {
    expect(readPresentedCredential('')).toMatchObject({ kind: 'unreadable', detail: 'it is empty' });
    expect(readPresentedCredential('hello')).toMatchObject({
      kind: 'unreadable',
      detail: expect.stringContaining('neither a VC-JWT'),
    });
    expect(readPresentedCredential('{"a":')).toMatchObject({
      kind: 'unreadable',
      detail: expect.stringContaining('cannot be parsed'),
    });
    expect(readPresentedCredential('<html><body/></html>')).toMatchObject({
      kind: 'unreadable',
      detail: 'it is markup, but not a baked SVG badge',
    });
    expect(readPresentedCredential(png([{ type: 'IEND', data: Buffer.alloc(0) }]))).toMatchObject({
      kind: 'unreadable',
    });
  });
});

describe('didWebUrl', () => {
  it('maps did:web to its DID document URL (W3C did:web method)', () => {
    expect(didWebUrl('did:web:badges.example.org')).toBe('https://badges.example.org/.well-known/did.json');
    expect(didWebUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json');
    expect(didWebUrl('did:web:example.com%3A3000#key-1')).toBe('https://example.com:3000/.well-known/did.json');
  });
});
