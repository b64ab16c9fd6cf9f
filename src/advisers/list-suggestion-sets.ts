import type { QueueFilters, QueueRow, SuggestionSets } from './suggestion-sets.js';

/** The review queue's page `page` (from 1) of suggestion sets matching the filters, newest first. */
export async function listSuggestionSets(options: {
  filters: Omit<QueueFilters, 'limit' | 'offset'>;
  page: number;
  pageSize: number;
  sets: SuggestionSets;
}): Promise<{ rows: QueueRow[]; total: number }> {
  return options.sets.list({
    ...options.filters,
    limit: options.pageSize,
    offset: (options.page - 1) * options.pageSize,
  });
}
