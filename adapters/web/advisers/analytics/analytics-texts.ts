import type { WorkspaceLanguage } from '../section.js';

/** The analytics page's words, Bokmål and English. */
const nb = {
  title: 'Analyse',
  intro:
    'Hva folk spør etter, mot hva katalogen dekker. Bare samlede tall: grupper med færre enn 3 personer vises ikke.',
  from: 'Fra og med',
  to: 'Til og med',
  show: 'Vis',
  downloadCsv: 'Last ned CSV',
  none: 'Ingen grupper med minst 3 personer i perioden.',
  suppressed: 'under 3',
  topicsTitle: 'Etterspørsel etter tema',
  topicsHelp:
    'Temaer og mål slik personene selv sa dem, begrepet forslagene deres traff, og hvor mange aktive tilbud som dekker temaet.',
  topic: 'Tema',
  learners: 'Personer',
  concept: 'Begrep',
  offerings: 'Tilbud',
  occupationsTitle: 'Etterspørsel etter yrke (STYRK-08)',
  occupation: 'Yrke',
  code: 'Kode',
  countiesTitle: 'Etterspørsel etter fylke',
  county: 'Fylke',
  unmetTitle: 'Behov katalogen dekket dårlig',
  unmetHelp:
    'Temaer der samtalen endte uten forslag, der første forslag ikke traff noe av det personen sa, eller der forslagene fikk 1–2 i vurdering.',
  noSuggestions: 'Uten forslag',
  weakMatch: 'Svakt treff',
  ratedLow: 'Lav vurdering',
  skillGapsTitle: 'Kompetanse bedrifter mangler tilbud for',
  skillGapsHelp:
    'Ferdigheter som rollene i bedriftenes kompetanseplaner trenger, men som ingen tilbud i katalogen lærer bort — samlet, per fylke og per næring. Også fra deltakere som spurte «hva bør jeg lære i jobben min?». Tall under 3, og tall en sum ville avslørt, vises ikke; «Ansatte» er antall i rollene som mangler dem.',
  skill: 'Ferdighet',
  industry: 'Næring (SN2007)',
  organisations: 'Bedrifter',
  people: 'Ansatte',
  all: 'alle',
  ratingsTitle: 'Vurderinger over tid',
  ratingsHelp: 'Snitt (1–5) og antall vurderinger per uke.',
  week: 'Uke (mandag)',
  average: 'Snitt',
  ratings: 'Vurderinger',
  invalidDate: 'Datoene må skrives som ÅÅÅÅ-MM-DD, og «fra» må være før «til».',
};

export type AnalyticsTexts = typeof nb;

const en: AnalyticsTexts = {
  title: 'Analytics',
  intro:
    'What people ask for, against what the catalogue covers. Aggregates only: groups of fewer than 3 people are not shown.',
  from: 'From',
  to: 'To (inclusive)',
  show: 'Show',
  downloadCsv: 'Download CSV',
  none: 'No group of at least 3 people in this period.',
  suppressed: 'under 3',
  topicsTitle: 'Demand by topic',
  topicsHelp:
    'Topics and goals in the learners’ own words, the concept their suggestions matched, and how many active offerings cover the topic.',
  topic: 'Topic',
  learners: 'People',
  concept: 'Concept',
  offerings: 'Offerings',
  occupationsTitle: 'Demand by occupation (STYRK-08)',
  occupation: 'Occupation',
  code: 'Code',
  countiesTitle: 'Demand by county',
  county: 'County',
  unmetTitle: 'Needs the catalogue met badly',
  unmetHelp:
    'Topics whose conversation ended without suggestions, whose first suggestion matched nothing the person said, or whose suggestions were rated 1–2.',
  noSuggestions: 'No suggestions',
  weakMatch: 'Weak match',
  ratedLow: 'Rated low',
  skillGapsTitle: 'Skills businesses find no offering for',
  skillGapsHelp:
    'Skills the roles in organisations’ team plans need that no offering in the catalogue teaches — overall, by county and by industry. Also from learners who asked “what should I learn for my job?”. Counts under 3, and counts a total would give away, are not shown; “Employees” is the headcount of the roles lacking them.',
  skill: 'Skill',
  industry: 'Industry (SN2007)',
  organisations: 'Organisations',
  people: 'Employees',
  all: 'all',
  ratingsTitle: 'Ratings over time',
  ratingsHelp: 'Average (1–5) and number of ratings per week.',
  week: 'Week (Monday)',
  average: 'Average',
  ratings: 'Ratings',
  invalidDate: 'Dates must be written YYYY-MM-DD, and "from" must come before "to".',
};

export const analyticsTexts = (language: WorkspaceLanguage): AnalyticsTexts => (language === 'en' ? en : nb);
