import type pg from 'pg';
import type { AdviserSettings } from '../../../src/config.js';
import { recordAudit } from '../../storage/audit-log-store.js';
import { normaliseEmail, type AdviserAccount, type AdviserStore } from '../../storage/adviser-store.js';
import { spendPasswordCheck, verifyPassword } from './passwords.js';

/**
 * Signing in with email and password, with lockout: `maxFailedSignIns` wrong passwords in a row lock the
 * account for `lockoutMinutes`; while locked even the right password is refused. An unknown email is
 * answered exactly like a known one — the same messages (it "locks" too, counted in memory), and a password
 * check of the same cost — so the form never tells which accounts exist.
 */

export type PasswordSignInResult = { outcome: 'signed_in'; adviser: AdviserAccount } | { outcome: 'wrong_credentials' } | { outcome: 'locked'; until: Date };

export function createPasswordSignIn(options: { pool: pg.Pool; advisers: AdviserStore; settings: AdviserSettings; now: () => Date }) {
  const { advisers, settings } = options;
  // Failures for emails with no account: kept in memory (bounded), only so the answers match a real account's.
  const unknown = new Map<string, { failures: number; lockedUntil: number }>();

  function unknownFailure(email: string, now: number): PasswordSignInResult {
    const entry = unknown.get(email) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return { outcome: 'locked', until: new Date(entry.lockedUntil) };
    entry.failures += 1;
    if (entry.failures >= settings.maxFailedSignIns) Object.assign(entry, { failures: 0, lockedUntil: now + settings.lockoutMinutes * 60_000 });
    unknown.delete(email);
    unknown.set(email, entry);
    if (unknown.size > 10_000) unknown.delete(unknown.keys().next().value!);
    return entry.lockedUntil > now ? { outcome: 'locked', until: new Date(entry.lockedUntil) } : { outcome: 'wrong_credentials' };
  }

  return async function signIn(attempt: { email: string; password: string }): Promise<PasswordSignInResult> {
    const email = normaliseEmail(attempt.email);
    const now = options.now();
    const adviser = await advisers.findByEmail(email);
    if (!adviser || !adviser.passwordHash || adviser.disabledAt) {
      await spendPasswordCheck(attempt.password);
      if (adviser) await recordAudit(options.pool, { actorId: null, action: 'adviser.sign_in_refused', subjectType: 'adviser', subjectId: adviser.id, detail: { reason: adviser.disabledAt ? 'disabled' : 'no_password' }, at: now });
      return unknownFailure(email, now.getTime());
    }
    const correct = await verifyPassword({ passwordHash: adviser.passwordHash, password: attempt.password });
    if (adviser.lockedUntil && adviser.lockedUntil.getTime() > now.getTime()) {
      await recordAudit(options.pool, { actorId: null, action: 'adviser.sign_in_refused', subjectType: 'adviser', subjectId: adviser.id, detail: { reason: 'locked' }, at: now });
      return { outcome: 'locked', until: adviser.lockedUntil };
    }
    if (correct) {
      await advisers.recordSuccess(adviser.id);
      return { outcome: 'signed_in', adviser };
    }
    const lockUntil = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
    const { locked } = await advisers.recordFailure({ id: adviser.id, max: settings.maxFailedSignIns, lockUntil });
    await recordAudit(options.pool, { actorId: null, action: locked ? 'adviser.locked' : 'adviser.sign_in_failed', subjectType: 'adviser', subjectId: adviser.id, detail: locked ? { until: lockUntil.toISOString() } : {}, at: now });
    return locked ? { outcome: 'locked', until: lockUntil } : { outcome: 'wrong_credentials' };
  };
}
