import type { CreatedProviderKey, ProviderPageStore } from './provider-page.js';

/**
 * A provider rotates (a new key with the same label, then the old one revoked) or revokes one of its API
 * keys. Only its own live key: another provider's key id, or a revoked one, is answered like an unknown one.
 */
export async function changeProviderKey(options: {
  providerId: string;
  keyId: string;
  action: 'rotate' | 'revoke';
  providers: ProviderPageStore;
}): Promise<{ kind: 'not-found' } | { kind: 'changed'; keyId: string; rotated: CreatedProviderKey | undefined }> {
  const { providers } = options;
  const key = (await providers.keys(options.providerId)).find((one) => one.id === options.keyId && !one.revokedAt);
  if (!key) return { kind: 'not-found' };
  const rotated =
    options.action === 'rotate'
      ? await providers.createKey({ providerId: options.providerId, label: key.label ?? undefined })
      : undefined;
  await providers.revokeKey(key.id);
  return { kind: 'changed', keyId: key.id, rotated };
}
