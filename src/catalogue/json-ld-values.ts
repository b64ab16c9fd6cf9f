/** Small readers for JSON-LD values, which may be a string, an object with @value/name, a language map or a list. */

type Json = unknown;

export function asArray(value: Json): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

const preferredLanguages = ['nb', 'no', 'nn', 'en'];

/** A text from a string, {"@value"}, {"name"}, a language map {"no": "..."} or a list of those. */
export function text(value: Json): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const byLanguage = value.filter((item) => typeof item === 'object' && item !== null && '@language' in item) as {
      '@language': string;
      '@value': string;
    }[];
    for (const language of preferredLanguages) {
      const match = byLanguage.find((item) => item['@language'] === language);
      if (match) return text(match['@value']);
    }
    for (const item of value) {
      const found = text(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, Json>;
    if ('@value' in record) return text(record['@value']);
    for (const key of ['name', 'legalName', 'prefLabel', 'title', 'noteLiteral', 'contentUrl', '@id', 'id'])
      if (key in record) return text(record[key]);
    for (const language of preferredLanguages) if (language in record) return text(record[language]);
    const first = Object.values(record)[0];
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

export function texts(value: Json): string[] {
  return asArray(value)
    .map(text)
    .filter((item): item is string => item !== undefined);
}

/** The types of a node ("@type" or ELM's "type"), without prefixes: "schema:Course" → "Course". */
export function typesOf(node: Record<string, Json>): string[] {
  return texts(node['@type'] ?? node.type).map((type) => type.replace(/^.*[:/#]/, ''));
}

/** ISO 8601 duration → hours ("PT20H" → 20, "P6W" → 1008 — callers decide what a duration means). */
export function durationParts(value: string | undefined): { hours: number; days: number } | undefined {
  const match = value
    ? /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$/i.exec(
        value.trim(),
      )
    : null;
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return {
    days: (years ?? 0) * 365 + (months ?? 0) * 30.4 + (weeks ?? 0) * 7 + (days ?? 0),
    hours: (hours ?? 0) + (minutes ?? 0) / 60,
  };
}

/** The last path segment of a controlled-vocabulary URI ("http://data.europa.eu/snb/learning-schedule/fullTime" → "fullTime"). */
export function conceptName(value: Json): string | undefined {
  const found = text(value);
  return found?.replace(/^.*[/#]/, '');
}
