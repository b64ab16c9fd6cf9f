import type { ProviderPageStore, ProviderRunReport } from './provider-page.js';

/** One of the provider's own runs with up to 1,000 of its rejections; null for an unknown or another's run. */
export async function readProviderRun(options: {
  providerId: string;
  runId: string;
  providers: ProviderPageStore;
}): Promise<ProviderRunReport | null> {
  return options.providers.run({ providerId: options.providerId, runId: options.runId, offset: 0, limit: 1000 });
}
