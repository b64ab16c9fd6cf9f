import type { Readable } from 'node:stream';
import { elmToFeedOffering, isElmOffering } from '../../src/catalogue/elm.js';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { isSchemaOrgOffering, schemaOrgToFeedOffering } from '../../src/catalogue/schema-org.js';
import { readWholeDocument } from './read-whole-document.js';

/**
 * schema.org or ELM JSON-LD: one object, an array, or an `@graph`. These are whole documents, so the file
 * is read into memory up to `maximumBytes` (a catalogue that large belongs in JSON Lines). A record's
 * "line" is its position among the offerings in the document (1, 2, ...), as JSON has no record lines.
 */
export async function* readJsonLdFeed(
  stream: Readable,
  options: { flavour: 'schema-org' | 'elm'; maximumBytes: number; provider?: string | undefined },
): AsyncGenerator<FeedItem> {
  const whole = await readWholeDocument(stream, {
    maximumBytes: options.maximumBytes,
    tooLarge: (limit) =>
      `The JSON-LD document is larger than ${limit}; split it, or convert it to JSON Lines (one offering per line), which is streamed`,
  });
  if ('rejection' in whole) {
    yield whole.rejection;
    return;
  }
  const documentText = whole.text;
  let document: unknown;
  try {
    document = JSON.parse(documentText);
  } catch (error) {
    yield {
      line: lineOfError(documentText, error as Error),
      raw: rawExcerpt(documentText),
      rejection: `the document is not valid JSON: ${(error as Error).message}`,
    };
    return;
  }
  const all = collectNodes(document);
  const byId = new Map(
    all.flatMap((node) => {
      const id = node['@id'] ?? node.id;
      return typeof id === 'string' ? [[id, node] as const] : [];
    }),
  );
  // Supporting nodes of a graph (the provider, a place, an achievement specification) are read through the
  // offerings that refer to them, not imported on their own.
  const nodes = all.filter((node) => !isSupportingNode(node)).map((node) => embedReferences(node, byId, 2));
  const accepts = options.flavour === 'elm' ? isElmOffering : isSchemaOrgOffering;
  const expected = options.flavour === 'elm' ? 'LearningOpportunity' : 'Course, CourseInstance or EducationEvent';
  let position = 0;
  for (const node of nodes) {
    position += 1;
    const raw = rawExcerpt(JSON.stringify(node));
    if (!accepts(node)) {
      yield {
        line: position,
        raw,
        rejection: `item ${position} is not a ${expected} (its type: ${JSON.stringify(node['@type'] ?? node.type ?? null)})`,
      };
      continue;
    }
    yield {
      line: position,
      raw,
      value:
        options.flavour === 'elm'
          ? elmToFeedOffering(node)
          : schemaOrgToFeedOffering(node, { provider: options.provider }),
    };
  }
  if (nodes.length === 0)
    yield { line: 1, raw: rawExcerpt(documentText), rejection: `the document holds no ${expected}` };
}

/** Top-level offerings: the object, the array's items, or `@graph`'s items; course instances nested in a Course stay with it. */
function collectNodes(document: unknown): Record<string, unknown>[] {
  const items = Array.isArray(document)
    ? document
    : typeof document === 'object' && document !== null && '@graph' in document
      ? (document as { '@graph': unknown })['@graph']
      : [document];
  return (Array.isArray(items) ? items : [items]).flatMap((item) => {
    if (typeof item === 'object' && item !== null && '@graph' in item) return collectNodes(item);
    return typeof item === 'object' && item !== null && !Array.isArray(item) ? [item as Record<string, unknown>] : [];
  });
}

const supportingTypes =
  /^(Organization|Organisation|CollegeOrUniversity|EducationalOrganization|Person|Place|Location|PostalAddress|Address|Offer|WebResource|Concept|LearningAchievementSpecification|LearningOutcome|CreditPoint|PriceDetail|PeriodOfTime|Schedule|Note)$/;

function isSupportingNode(node: Record<string, unknown>): boolean {
  const types = [node['@type'] ?? node.type]
    .flat()
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[:/#]/, ''));
  return types.length > 0 && types.every((type) => supportingTypes.test(type));
}

/** Replaces {"@id": "..."} references with the graph's node of that id, `depth` levels down. */
function embedReferences(
  node: Record<string, unknown>,
  byId: Map<string, Record<string, unknown>>,
  depth: number,
): Record<string, unknown> {
  if (depth === 0) return node;
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const id = record['@id'] ?? record.id;
    if (keys.length === 1 && typeof id === 'string' && byId.has(id))
      return embedReferences(byId.get(id) as Record<string, unknown>, byId, depth - 1);
    return value;
  };
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '@id' || key === 'id' ? value : resolve(value)]),
  );
}

function lineOfError(documentText: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message);
  if (!position) return 1;
  return documentText.slice(0, Number(position[1])).split('\n').length;
}
