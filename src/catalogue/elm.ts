import { combineModes, modeOfWord, scheduleOfWord } from './course-mode-words.js';
import { eqfOf, iscedOf, languageOfConcept, modeOfConcept, scheduleOfConcept } from './concept-schemes.js';
import type { FeedOfferingInput } from './feed-offering.js';
import { asArray, conceptName, durationParts, text, texts, typesOf } from './json-ld-values.js';
import { priceFacts } from './offer-prices.js';
import type { Mode } from './offering.js';

/**
 * European Learning Model (ELM 3) `LearningOpportunity` → Veileder's own offering shape, with the keys of the
 * EU's JSON-LD context (`eqfLevel`, `learningAchievementSpecification`, `creditPoint`, ...) and the older
 * capitalised ones (`EQFLevel`, `ECTSCreditPoint`). Controlled values — EQF level, ISCED-F field, mode,
 * schedule, language — may be concept objects, bare concept IRIs or codes; they are looked up in the EU's
 * vocabularies shipped in data/eu-vocabularies. The XML reader (loq) builds the same node shape.
 */

type Node = Record<string, unknown>;

export function isElmOffering(node: Node): boolean {
  return typesOf(node).includes('LearningOpportunity');
}

const objects = (value: unknown): Node[] =>
  asArray(value).filter((item): item is Node => typeof item === 'object' && item !== null && !Array.isArray(item));
const first = (...values: unknown[]) => values.find((value) => value !== undefined && value !== null);

export function elmToFeedOffering(node: Node): FeedOfferingInput {
  const specification = objects(first(node.learningAchievementSpecification, node.specifiedBy))[0] ?? {};
  const credits =
    objects(
      first(
        specification.creditPoint,
        specification.ECTSCreditPoint,
        specification.creditPoints,
        specification.ECTSCreditPoints,
        node.creditPoint,
      ),
    )
      .map((credit) => Number(text(credit.point) ?? text(credit.numericValue) ?? text(credit)))
      .find((value) => Number.isFinite(value)) ??
    numberOf(first(specification.ECTSCreditPoint, specification.ectsCreditPoint));
  const volume = durationParts(text(first(specification.volumeOfLearning, node.volumeOfLearning)));
  const duration = durationParts(text(first(node.duration, specification.duration)));
  const modes = [...asArray(node.mode), ...asArray(specification.mode)]
    .map((mode) => modeOfConcept(mode) ?? modeOfWord(conceptName(mode) ?? ''))
    .filter((mode): mode is Mode => mode !== undefined);
  const schedule = scheduleOfConcept(node.learningSchedule) ?? scheduleOfWord(conceptName(node.learningSchedule) ?? '');
  const eqf = [
    specification.eqfLevel,
    specification.EQFLevel,
    node.eqfLevel,
    node.EQFLevel,
    specification.educationLevel,
  ]
    .flatMap(asArray)
    .map(eqfOf)
    .find((level) => level !== undefined);
  const fields = [
    specification.educationSubject,
    specification.ISCEDFCode,
    specification.iscedfCode,
    node.educationSubject,
  ]
    .flatMap(asArray)
    .map(iscedOf)
    .filter((field): field is string => Boolean(field));
  const places = [...objects(node.location), ...objects(node.providedAt)]
    .map(cityOfLocation)
    .filter((city): city is string => Boolean(city));
  const provider = objects(first(node.providedBy, node.provider))[0];
  return {
    id: text(first(node.id, node['@id'])) ?? text(node.identifier) ?? '',
    title: text(node.title) ?? text(specification.title) ?? '',
    provider:
      text(provider?.legalName) ?? text(provider?.prefLabel) ?? text(first(node.providedBy, node.provider)) ?? '',
    description: text(node.description) ?? text(specification.description) ?? '',
    url:
      objects(first(node.homepage, node.homePage))
        .map((page) => text(first(page.contentURL, page.contentUrl)))
        .find(Boolean) ?? stringOf(first(node.homepage, node.homePage)),
    cities: [...new Set(places)],
    languages: [...asArray(specification.language), ...asArray(node.language), ...asArray(node.defaultLanguage)]
      .map(languageOfConcept)
      .filter((code): code is string => Boolean(code))
      .filter((code, index, all) => all.indexOf(code) === index),
    schedule,
    mode: combineModes(modes),
    credits,
    workloadHours: volume ? volume.hours + volume.days * 24 : undefined,
    durationWeeks: duration && duration.days > 0 ? Math.round((duration.days / 7) * 10) / 10 : undefined,
    startDates: [...objects(node.temporal), ...objects(node.applicationPeriod)]
      .map((period) => text(period.startDate))
      .filter((date): date is string => Boolean(date)),
    ...priceFacts(
      objects(first(node.priceDetail, node.priceDetails)).map((detail) => {
        const amount = objects(detail.amount)[0];
        const value = Number(text(amount?.numericValue) ?? text(detail.amount));
        return {
          amount: Number.isFinite(value) ? value : undefined,
          currency: conceptName(amount?.unit ?? amount?.currency ?? detail.unit ?? detail.currency)?.toUpperCase(),
          category: undefined,
          forCertificate: false,
        };
      }),
    ),
    eqfLevel: eqf,
    type: 'learning_opportunity',
    subjects: fields.length > 0 ? fields : undefined,
    skills: objects(specification.learningOutcome).flatMap((outcome) =>
      texts(outcome.relatedESCOSkill ?? outcome.title),
    ),
  };
}

function numberOf(value: unknown): number | undefined {
  const number = Number(text(value));
  return value !== undefined && Number.isFinite(number) ? number : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The town of a Location: its geographic name, else the address's own locality fields, else the town in a
 * full address ("Instant Street 16, D08 Dublin" → "Dublin"; "Høgskoleringen 1, 7034 Trondheim" →
 * "Trondheim") — the street is never the city.
 */
function cityOfLocation(location: Node): string | undefined {
  const named = text(location.geographicName);
  if (named) return named;
  const address = objects(location.address)[0];
  if (!address) return text(location.name) ?? (typeof location === 'string' ? location : undefined);
  const locality = text(
    first(address.addressLocality, address.locality, address.postName, address.city, address.municipality),
  );
  if (locality) return locality;
  const full = text(first(address.fullAddress, address.addressFull));
  return full ? townOfFullAddress(full) : undefined;
}

function townOfFullAddress(full: string): string | undefined {
  const parts = full
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
  // A one-part address with no digits is a town ("Trondheim"); otherwise the town is in the last part with a
  // post code, or the last part that is not a country or a street with a number.
  if (parts.length === 1 && !/\d/.test(parts[0] as string)) return parts[0];
  for (const part of [...parts].reverse()) {
    const withCode = /^(?:[A-Z]{0,2}-?\d[\dA-Z]{1,4}(?:\s+[\dA-Z]{3})?)\s+(\p{L}[\p{L} .'-]*)$/u.exec(part);
    if (withCode) return withCode[1]?.trim();
  }
  const last = parts.filter((part) => !/\d/.test(part)).at(-1);
  return last && parts.length > 1 ? last : undefined;
}
