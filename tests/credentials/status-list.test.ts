import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeStatusList,
  encodeStatusList,
  minimumStatusListBits,
  statusBit,
} from '../../src/credentials/status-list.js';

describe('Bitstring Status List encoding', () => {
  it('is multibase base64url (u, no padding) of GZIP, at least 131,072 bits, index 0 the left-most bit', () => {
    const encoded = encodeStatusList({ sizeBits: 8, setIndexes: [0, 9, minimumStatusListBits - 1] });
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes.length * 8).toBe(minimumStatusListBits);
    expect(bytes[0]).toBe(0b1000_0000);
    expect(bytes[1]).toBe(0b0100_0000);
    expect(bytes[bytes.length - 1]).toBe(0b0000_0001);
    const bits = decodeStatusList(encoded);
    expect([0, 1, 8, 9, minimumStatusListBits - 1].map((index) => statusBit(bits, index))).toEqual([1, 0, 0, 1, 1]);
  });

  it('refuses what it cannot read and indexes outside the list', () => {
    expect(() => decodeStatusList('H4sIAAAA')).toThrow(/multibase/);
    expect(() => encodeStatusList({ sizeBits: minimumStatusListBits, setIndexes: [minimumStatusListBits] })).toThrow(
      RangeError,
    );
    expect(() => statusBit(new Uint8Array(1), 8)).toThrow(RangeError);
  });
});
