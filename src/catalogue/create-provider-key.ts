import type { CreatedProviderKey, ProviderPageStore } from './provider-page.js';

/** A new API key for the provider's programs, shown once. */
export async function createProviderKey(options: {
  providerId: string;
  label: string | undefined;
  providers: ProviderPageStore;
}): Promise<CreatedProviderKey> {
  return options.providers.createKey({ providerId: options.providerId, label: options.label });
}
