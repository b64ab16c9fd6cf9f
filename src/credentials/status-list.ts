import { gunzipSync, gzipSync } from 'node:zlib';
import { credentialsContextV2, toDateTime } from './open-badge.js';

/**
 * W3C Bitstring Status List v1.0: one bit per credential, index 0 the left-most (most significant) bit of
 * the first byte, GZIP-compressed and written as a multibase base64url string ("u" prefix, no padding).
 * The spec asks for at least 131,072 entries (16 KiB) so a single credential cannot be singled out.
 */
export const minimumStatusListBits = 131_072;

export function encodeStatusList(options: { sizeBits: number; setIndexes: Iterable<number> }): string {
  const size = Math.max(options.sizeBits, minimumStatusListBits);
  const bytes = new Uint8Array(Math.ceil(size / 8));
  for (const index of options.setIndexes) {
    if (!Number.isInteger(index) || index < 0 || index >= size)
      throw new RangeError(`status index ${index} is outside the list of ${size} bits`);
    bytes[index >> 3]! |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Undoes encodeStatusList; throws on anything that is not multibase base64url GZIP. */
export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith('u')) throw new Error('encodedList is not multibase base64url (it must start with "u")');
  return new Uint8Array(gunzipSync(Buffer.from(encodedList.slice(1), 'base64url')));
}

export function statusBit(bits: Uint8Array, index: number): 0 | 1 {
  if (index < 0 || index >= bits.length * 8)
    throw new RangeError(`status index ${index} is outside the list of ${bits.length * 8} bits`);
  return (bits[index >> 3]! & (0x80 >> (index & 7))) === 0 ? 0 : 1;
}

export type BitstringStatusListCredential = {
  '@context': [typeof credentialsContextV2];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: 'revocation'; encodedList: string };
};

export function buildStatusListCredential(options: {
  url: string;
  issuerId: string;
  encodedList: string;
  now: Date;
}): BitstringStatusListCredential {
  return {
    '@context': [credentialsContextV2],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuerId,
    validFrom: toDateTime(options.now),
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: options.encodedList,
    },
  };
}
