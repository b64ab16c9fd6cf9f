import type { ProviderPageStore } from './provider-page.js';

/**
 * An admin invites one of a provider's people: a provider account, signed in with a one-time password,
 * that sees that provider's page only. Null when the email already has an account.
 */
export async function inviteProviderPerson(options: {
  providerId: string;
  email: string;
  name: string | null;
  passwordHash: string;
  providers: ProviderPageStore;
}): Promise<{ id: string; email: string } | null> {
  return options.providers.createAccount({
    providerId: options.providerId,
    email: options.email,
    name: options.name,
    passwordHash: options.passwordHash,
  });
}
