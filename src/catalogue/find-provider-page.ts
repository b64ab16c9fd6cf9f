import type { Provider, ProviderPageStore } from './provider-page.js';

/**
 * Whose provider page an account opens: a provider account always its own provider's; an admin the one it
 * names (by id or name), or none yet.
 */
export async function findProviderPage(options: {
  account: { id: string; role: string };
  named: string | undefined;
  providers: ProviderPageStore;
}): Promise<Provider | null> {
  if (options.account.role === 'provider') return options.providers.providerOfAccount(options.account.id);
  const named = options.named?.trim();
  return named ? options.providers.findProvider(named) : null;
}
