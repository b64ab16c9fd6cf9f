import type { AnalyticsData } from '../../../../src/demand/read-analytics.js';
import type { Shown } from '../../../../src/privacy/demand-suppression.js';
import type { CsvColumn } from '../csv.js';
import type { AnalyticsTexts } from './analytics-texts.js';

/**
 * The analytics page's tables, each defined once: the same columns make the HTML table, the chart's data and
 * the CSV download, so what an adviser downloads is exactly what they saw.
 */

export const analyticsTableNames = ['topics', 'occupations', 'counties', 'unmet', 'skillGaps', 'ratings'] as const;

const small = (texts: AnalyticsTexts) => (count: Shown) => (count === null ? texts.suppressed : count);

export function analyticsColumns(texts: AnalyticsTexts) {
  const shown = small(texts);
  return {
    topics: [
      { header: texts.topic, value: (row) => row.topic },
      { header: texts.learners, value: (row) => row.learners },
      { header: texts.concept, value: (row) => row.concept ?? '' },
      { header: texts.offerings, value: (row) => row.offerings },
    ] satisfies CsvColumn<AnalyticsData['topics'][number]>[],
    occupations: [
      { header: texts.code, value: (row) => row.code },
      { header: texts.occupation, value: (row) => row.label ?? '' },
      { header: texts.learners, value: (row) => row.learners },
      { header: texts.offerings, value: (row) => row.offerings },
    ] satisfies CsvColumn<AnalyticsData['occupations'][number]>[],
    counties: [
      { header: texts.county, value: (row) => row.county },
      { header: texts.learners, value: (row) => row.learners },
      { header: texts.offerings, value: (row) => row.offerings },
    ] satisfies CsvColumn<AnalyticsData['counties'][number]>[],
    unmet: [
      { header: texts.topic, value: (row) => row.topic },
      { header: texts.learners, value: (row) => row.learners },
      { header: texts.noSuggestions, value: (row) => shown(row.noSuggestions) },
      { header: texts.weakMatch, value: (row) => shown(row.weakMatch) },
      { header: texts.ratedLow, value: (row) => shown(row.ratedLow) },
    ] satisfies CsvColumn<AnalyticsData['unmet'][number]>[],
    skillGaps: [
      { header: texts.skill, value: (row) => row.skill },
      { header: texts.county, value: (row) => row.county ?? texts.all },
      {
        header: texts.industry,
        value: (row) => (row.industryCode ? `${row.industryCode} ${row.industry ?? ''}`.trim() : texts.all),
      },
      { header: texts.organisations, value: (row) => shown(row.organisations) },
      { header: texts.people, value: (row) => shown(row.people) },
      { header: texts.learners, value: (row) => shown(row.learners) },
    ] satisfies CsvColumn<AnalyticsData['skillGaps'][number]>[],
    ratings: [
      { header: texts.week, value: (row) => row.week },
      { header: texts.ratings, value: (row) => shown(row.ratings) },
      { header: texts.average, value: (row) => row.average ?? '' },
    ] satisfies CsvColumn<AnalyticsData['ratings'][number]>[],
  };
}
