import type { FeedOfferingInput } from './feed-offering.js';
import { asArray, conceptName, durationParts, text, texts, typesOf } from './json-ld-values.js';

/**
 * European Learning Model (ELM 3) `LearningOpportunity` → Veileder's own offering shape. The learning
 * achievement specification it points to carries credits, volume of learning, language and EQF level.
 */

type Node = Record<string, unknown>;

export function isElmOffering(node: Node): boolean {
  return typesOf(node).includes('LearningOpportunity');
}

const objects = (value: unknown): Node[] => asArray(value).filter((item): item is Node => typeof item === 'object' && item !== null);

const schedules: Record<string, string> = { fulltime: 'full_time', parttime: 'part_time', selfpaced: 'self_paced' };
const modes: Record<string, string> = { online: 'online', 'face-to-face': 'campus', faceToFace: 'campus', inperson: 'campus', blended: 'blended', mixed: 'blended' };

export function elmToFeedOffering(node: Node): FeedOfferingInput {
  const specification = objects(node.learningAchievementSpecification ?? node.specifiedBy)[0] ?? {};
  const credits = objects(specification.creditPoint ?? specification.ECTSCreditPoint)
    .map((credit) => Number(text(credit.point) ?? text(credit.numericValue) ?? text(credit)))
    .find((value) => Number.isFinite(value)) ?? (Number.isFinite(Number(text(specification.ECTSCreditPoint))) ? Number(text(specification.ECTSCreditPoint)) : undefined);
  const volume = durationParts(text(specification.volumeOfLearning) ?? text(node.volumeOfLearning));
  const duration = durationParts(text(node.duration) ?? text(specification.duration));
  const priceDetail = objects(node.priceDetail)[0];
  const amount = priceDetail ? Number(text(objects(priceDetail.amount)[0]?.numericValue ?? priceDetail.amount)) : NaN;
  const currency = priceDetail ? conceptName(objects(priceDetail.amount)[0]?.unit ?? priceDetail.unit)?.toUpperCase() : undefined;
  const schedule = conceptName(node.learningSchedule);
  const mode = asArray(node.mode ?? specification.mode).map(conceptName).find(Boolean);
  const eqf = conceptName(specification.EQFLevel ?? specification.educationLevel ?? node.EQFLevel);
  const places = objects(node.location).map((location) => text(objects(location.address)[0]?.fullAddress) ?? text(location.geographicName) ?? text(location.name) ?? text(location));
  return {
    id: text(node.id) ?? text(node['@id']) ?? text(node.identifier) ?? '',
    title: text(node.title) ?? text(specification.title) ?? '',
    provider: text(objects(node.providedBy)[0]?.legalName) ?? text(node.providedBy) ?? text(node.provider) ?? '',
    description: text(node.description) ?? text(specification.description) ?? '',
    url: text(objects(node.homepage ?? node.homePage)[0]?.contentURL) ?? text(node.homepage ?? node.homePage),
    cities: places.filter((place): place is string => Boolean(place)),
    languages: asArray(specification.language ?? node.language).map(conceptName).filter((code): code is string => Boolean(code)).map(languageOfEuCode),
    schedule: schedule ? (schedules[schedule.toLowerCase().replace(/[^a-z]/g, '')] ?? schedule) : undefined,
    mode: mode ? (modes[mode] ?? mode) : undefined,
    credits,
    workloadHours: volume ? volume.hours + volume.days * 24 : undefined,
    durationWeeks: duration && duration.days > 0 ? Math.round((duration.days / 7) * 10) / 10 : undefined,
    startDates: objects(node.temporal ?? node.applicationPeriod).map((period) => text(period.startDate)).filter((date): date is string => Boolean(date)),
    priceNok: Number.isFinite(amount) && (currency === 'NOK' || currency === undefined) ? amount : undefined,
    price: Number.isFinite(amount) && currency === 'USD' ? { certificate_usd: amount } : undefined,
    isFree: Number.isFinite(amount) ? amount === 0 : undefined,
    eqfLevel: eqf && /^[1-8]$/.test(eqf) ? Number(eqf) : undefined,
    type: 'learning_opportunity',
    skills: objects(specification.learningOutcome).flatMap((outcome) => texts(outcome.relatedESCOSkill ?? outcome.title)),
  };
}

/** EU language authority codes (NOR, NNO, ENG...) → ISO 639-1; ISO codes pass through. */
function languageOfEuCode(code: string): string {
  const codes: Record<string, string> = { NOR: 'nb', NOB: 'nb', NNO: 'nn', ENG: 'en', SWE: 'sv', DAN: 'da', DEU: 'de', FRA: 'fr', SPA: 'es', SME: 'se' };
  return codes[code.toUpperCase()] ?? code.toLowerCase();
}
