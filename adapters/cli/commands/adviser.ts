import { loadConfiguration } from '../../configuration.js';
import { invalidRequest } from '../../../src/errors.js';
import { createAdviserSessionStore } from '../../storage/adviser-session-store.js';
import { createAdviserStore, type AdviserRole } from '../../storage/adviser-store.js';
import { recordAudit } from '../../storage/audit-log-store.js';
import { openDatabase } from '../../storage/database.js';
import { findProvider } from '../../storage/provider-key-store.js';
import { migrate } from '../../storage/migrate.js';
import { generatePassword, hashPassword, passwordProblem } from '../../web/advisers/passwords.js';
import { parseCommandArgs, UsageError, type Command } from './command.js';

/**
 * `veileder adviser add EMAIL --role adviser|admin [--name NAME] [--password-stdin]` creates an account for
 * the advisers' workspace; `adviser reset-password EMAIL`, `adviser unlock EMAIL`, `adviser list`. A
 * password is never taken from the command line (it would sit in the shell history and the process list):
 * with --password-stdin it is read from standard input, otherwise a one-time password is generated and printed.
 */

const usage = `Usage: veileder adviser add EMAIL --role adviser|admin|provider [--provider PROVIDER] [--name NAME] [--password-stdin]
       veileder adviser reset-password EMAIL [--password-stdin]
       veileder adviser unlock EMAIL
       veileder adviser list`;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

async function readPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: generatePassword(), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const password = text.split(/\r?\n/)[0] ?? '';
  const problem = passwordProblem(password);
  if (problem) throw invalidRequest({ message: `The password read from standard input ${problem}.` });
  return { password, generated: false };
}

export const adviserCommand: Command = {
  summary:
    'manage workspace accounts: add EMAIL --role adviser|admin|provider [--provider P], reset-password, unlock, list',
  async run(args) {
    const parsed = parseCommandArgs(
      {
        args,
        allowPositionals: true,
        options: {
          role: { type: 'string' },
          provider: { type: 'string' },
          name: { type: 'string' },
          'password-stdin': { type: 'boolean', default: false },
        },
      },
      usage,
    );
    const [action, email, ...rest] = parsed.positionals;
    const { values } = parsed;
    if (rest.length > 0 || !action || !['add', 'reset-password', 'unlock', 'list'].includes(action))
      throw new UsageError(usage);
    if (action !== 'list' && (!email || !emailPattern.test(email)))
      throw new UsageError(`Give the adviser's email address.\n${usage}`);
    if (action === 'add' && values.role !== 'adviser' && values.role !== 'admin' && values.role !== 'provider')
      throw new UsageError(`--role must be adviser, admin or provider.\n${usage}`);
    if (action === 'add' && (values.role === 'provider') !== (values.provider !== undefined))
      throw new UsageError(
        `A provider account (and only one) names its provider: --role provider --provider PROVIDER.\n${usage}`,
      );
    const configuration = loadConfiguration();
    const database = await openDatabase(configuration.storage);
    try {
      await migrate(database.pool);
      const advisers = createAdviserStore({ pool: database.pool });
      if (action === 'list') {
        for (const adviser of await advisers.list()) {
          const state = adviser.disabledAt
            ? ' (switched off)'
            : adviser.lockedUntil && adviser.lockedUntil > new Date()
              ? ' (locked)'
              : '';
          process.stdout.write(`${adviser.email}\t${adviser.role}\t${adviser.name ?? ''}${state}\n`);
        }
        return;
      }
      if (action === 'add') {
        // A provider account sees only its provider's page (docs/providers.md).
        const provider = values.provider ? await findProvider(database.pool, values.provider) : null;
        if (values.provider && !provider)
          throw invalidRequest({ message: `No provider with id or name "${values.provider}".` });
        const { password, generated } = await readPassword(values['password-stdin']);
        const created = await advisers.create({
          email: email!,
          name: values.name ?? null,
          role: values.role as AdviserRole,
          passwordHash: await hashPassword(password),
        });
        if (!created)
          throw invalidRequest({
            message: `An adviser with the email ${email} exists already; use \`veileder adviser reset-password ${email}\`.`,
          });
        if (provider)
          await database.pool.query('UPDATE adviser SET provider_id = $2 WHERE id = $1', [created.id, provider.id]);
        await recordAudit(database.pool, {
          actorId: null,
          action: 'adviser.created',
          subjectType: 'adviser',
          subjectId: created.id,
          detail: {
            via: 'cli',
            email: created.email,
            role: created.role,
            ...(provider ? { providerId: provider.id } : {}),
          },
        });
        process.stdout.write(`Created ${created.role} ${created.email}.\n`);
        if (generated)
          process.stdout.write(`One-time password (shown only now; ask them to keep it safe): ${password}\n`);
        return;
      }
      const adviser = await advisers.findByEmail(email!);
      if (!adviser) throw invalidRequest({ message: `No adviser with the email ${email}.` });
      if (action === 'unlock') {
        await advisers.unlock(adviser.id);
        await advisers.setDisabled({ id: adviser.id, disabledAt: null });
        await recordAudit(database.pool, {
          actorId: null,
          action: 'adviser.unlocked',
          subjectType: 'adviser',
          subjectId: adviser.id,
          detail: { via: 'cli' },
        });
        process.stdout.write(`Unlocked ${adviser.email}.\n`);
        return;
      }
      const { password, generated } = await readPassword(values['password-stdin']);
      await advisers.setPassword({ id: adviser.id, passwordHash: await hashPassword(password) });
      await createAdviserSessionStore({ pool: database.pool }).removeAllFor(adviser.id);
      await recordAudit(database.pool, {
        actorId: null,
        action: 'adviser.password_reset',
        subjectType: 'adviser',
        subjectId: adviser.id,
        detail: { via: 'cli' },
      });
      process.stdout.write(`New password set for ${adviser.email}; their sessions are ended.\n`);
      if (generated) process.stdout.write(`One-time password (shown only now): ${password}\n`);
    } finally {
      await database.close();
    }
  },
};
