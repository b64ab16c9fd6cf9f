import type { ProviderKeys } from './provider-keys.js';

/** A provider's program calls the providers' API: its key must be a live key of the provider it names. */
export async function authenticateProviderKey(options: {
  providerId: string;
  key: string;
  keys: ProviderKeys;
}): Promise<boolean> {
  return options.keys.authenticate({ providerId: options.providerId, key: options.key });
}
