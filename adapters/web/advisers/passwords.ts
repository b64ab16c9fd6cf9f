import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Adviser passwords: argon2id (the library's default algorithm, OWASP's first choice) with the library's
 * default cost (19 MiB, 2 passes). Only the PHC string is stored.
 */

export const minimumPasswordLength = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(options: { passwordHash: string; password: string }): Promise<boolean> {
  try {
    return await verify(options.passwordHash, options.password);
  } catch {
    return false; // a malformed stored hash is a wrong password, never a crash
  }
}

// Checked against when the email is unknown, so a wrong email takes about as long as a wrong password
// and the response time does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;
export async function spendPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword({ passwordHash: await dummyHash, password });
}

/** A one-time password for a new account or a reset: 20 characters from an unambiguous alphabet (~114 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < minimumPasswordLength) return `must be at least ${minimumPasswordLength} characters`;
  if (password.length > 1000) return 'must be at most 1,000 characters';
  return undefined;
}
