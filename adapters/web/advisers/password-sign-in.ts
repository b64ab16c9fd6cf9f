import type { AdviserSettings } from './adviser-settings.js';
import type { AuditEntry } from '../../storage/audit-log-store.js';
import { normaliseEmail, type AdviserAccount, type AdviserStore } from '../../storage/adviser-store.js';
import type { SignInThrottleStore } from '../../storage/sign-in-throttle-store.js';
import { spendPasswordCheck, verifyPassword } from './passwords.js';

/**
 * Signing in with email and password, with lockout: `maxFailedSignIns` wrong passwords in a row lock the
 * account for `lockoutMinutes`; while locked even the right password is refused. The count and the lock are
 * decided in the database, one UPDATE per attempt after the password check, so parallel attempts cannot
 * read a stale "not locked" and get past it. Each client address may fail `maxFailedSignInsPerAddress`
 * times per `lockoutMinutes`, across all accounts, before it is turned away without a password check.
 * An unknown email is answered exactly like a known one — the same messages (it "locks" too, counted in
 * memory), and a password check of the same cost — so the form never tells which accounts exist.
 */

export type PasswordSignInResult =
  | { outcome: 'signed_in'; adviser: AdviserAccount }
  | { outcome: 'wrong_credentials' }
  | { outcome: 'locked'; until: Date }
  | { outcome: 'throttled'; until: Date };

export function createPasswordSignIn(options: {
  audit: (entry: AuditEntry) => Promise<void>;
  advisers: AdviserStore;
  throttle: SignInThrottleStore;
  settings: AdviserSettings;
  now: () => Date;
}) {
  const { advisers, settings } = options;
  const lockoutMs = settings.lockoutMinutes * 60_000;
  // Failures for emails with no account: kept in memory (bounded), only so the answers match a real account's.
  const unknown = new Map<string, { failures: number; lockedUntil: number }>();

  function unknownFailure(email: string, now: number): PasswordSignInResult {
    const entry = unknown.get(email) ?? { failures: 0, lockedUntil: 0 };
    if (entry.lockedUntil > now) return { outcome: 'locked', until: new Date(entry.lockedUntil) };
    entry.failures += 1;
    if (entry.failures >= settings.maxFailedSignIns)
      Object.assign(entry, { failures: 0, lockedUntil: now + lockoutMs });
    unknown.delete(email);
    unknown.set(email, entry);
    if (unknown.size > 10_000) unknown.delete(unknown.keys().next().value!);
    return entry.lockedUntil > now
      ? { outcome: 'locked', until: new Date(entry.lockedUntil) }
      : { outcome: 'wrong_credentials' };
  }

  const refused = (adviser: AdviserAccount, reason: string, now: Date) =>
    options.audit({
      actorId: null,
      action: 'adviser.sign_in_refused',
      subjectType: 'adviser',
      subjectId: adviser.id,
      detail: { reason },
      at: now,
    });

  return async function signIn(attempt: {
    email: string;
    password: string;
    address: string;
  }): Promise<PasswordSignInResult> {
    const email = normaliseEmail(attempt.email);
    const now = options.now();
    const quota = await options.throttle.take({
      address: attempt.address,
      limit: settings.maxFailedSignInsPerAddress,
      windowMs: lockoutMs,
      now,
    });
    if (!quota.allowed) return { outcome: 'throttled', until: quota.retryAt };
    const result = await checkPassword(email, attempt.password, now);
    if (result.outcome === 'signed_in') await options.throttle.forgive(attempt.address);
    return result;
  };

  async function checkPassword(email: string, password: string, now: Date): Promise<PasswordSignInResult> {
    const adviser = await advisers.findByEmail(email);
    if (!adviser?.passwordHash || adviser.disabledAt) {
      await spendPasswordCheck(password);
      if (adviser) await refused(adviser, adviser.disabledAt ? 'disabled' : 'no_password', now);
      return unknownFailure(email, now.getTime());
    }
    // Checked even while locked, so a locked account answers in the same time as any other.
    const correct = await verifyPassword({ passwordHash: adviser.passwordHash, password });
    if (correct) {
      const { allowed } = await advisers.recordSuccess({ id: adviser.id, now });
      if (allowed) return { outcome: 'signed_in', adviser };
    } else {
      const lockUntil = new Date(now.getTime() + lockoutMs);
      const failure = await advisers.recordFailure({ id: adviser.id, max: settings.maxFailedSignIns, now, lockUntil });
      if (failure.outcome === 'counted') {
        await options.audit({
          actorId: null,
          action: 'adviser.sign_in_failed',
          subjectType: 'adviser',
          subjectId: adviser.id,
          at: now,
        });
        return { outcome: 'wrong_credentials' };
      }
      if (failure.outcome === 'locked_now') {
        await options.audit({
          actorId: null,
          action: 'adviser.locked',
          subjectType: 'adviser',
          subjectId: adviser.id,
          detail: { until: lockUntil.toISOString() },
          at: now,
        });
        return { outcome: 'locked', until: lockUntil };
      }
    }
    await refused(adviser, 'locked', now);
    const current = await advisers.findById(adviser.id);
    return { outcome: 'locked', until: current?.lockedUntil ?? new Date(now.getTime() + lockoutMs) };
  }
}
