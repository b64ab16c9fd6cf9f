import type { ProviderFeedFormat, ProviderPageStore } from './provider-page.js';

/** A provider registers a feed on its page: harvested at once, then every `hours`. */
export async function registerProviderFeed(options: {
  providerId: string;
  url: string;
  format: ProviderFeedFormat;
  hours: number;
  providers: ProviderPageStore;
}): Promise<{ id: string; url: string; format: string }> {
  return options.providers.registerFeed({
    providerId: options.providerId,
    url: options.url,
    format: options.format,
    scheduleMinutes: options.hours * 60,
  });
}
