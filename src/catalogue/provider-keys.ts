/**
 * The port for providers' API keys (implemented in adapters/storage/provider-key-store.ts): only a hash of a
 * key is kept, and a key belongs to one provider.
 */
export type ProviderKeys = {
  /** True when `key` is a live key of this provider; notes when it was last used. */
  authenticate(input: { providerId: string; key: string }): Promise<boolean>;
};
