import type { ProviderPageStore } from './provider-page.js';

/**
 * A provider asks for one of its feeds to be harvested soon, or removes it. Only its own feed: another
 * provider's feed id is answered like an unknown one.
 */
export async function changeProviderFeed(options: {
  providerId: string;
  feedId: string;
  action: 'harvest' | 'remove';
  staleSchedules: number;
  providers: ProviderPageStore;
}): Promise<{ kind: 'not-found' } | { kind: 'harvest-soon' } | { kind: 'removed'; feed: { id: string; url: string } }> {
  const { providers } = options;
  const feeds = await providers.feeds({ providerId: options.providerId, staleSchedules: options.staleSchedules });
  const feed = feeds.find((one) => one.id === options.feedId);
  if (!feed) return { kind: 'not-found' };
  if (options.action === 'harvest') {
    await providers.harvestFeedSoon(feed.id);
    return { kind: 'harvest-soon' };
  }
  await providers.removeFeed(feed.id);
  return { kind: 'removed', feed: { id: feed.id, url: feed.url } };
}
