import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { elmToFeedOffering } from '../../src/catalogue/elm.js';
import { rawExcerpt, type FeedItem } from '../../src/catalogue/feed-item.js';
import { readWholeDocument } from './read-whole-document.js';

/**
 * The learning-opportunity XML (loq) the EU publishes ELM learning opportunities in: `learningOpportunity`
 * elements whose related things (provider, specification, location) are elements of their own, referred to
 * by `idref`, and whose controlled values are `uri` attributes. Each element becomes the node shape the ELM
 * JSON-LD reader takes (attributes as keys, child elements as properties, texts with a `language` as
 * language-tagged values, references resolved), so one mapping (src/catalogue/elm.ts) serves both.
 * A record's line is the line its `learningOpportunity` starts on; a document that is not well-formed XML
 * is one rejection on the line the parser stopped at.
 */

type Element = { name: string; attributes: Record<string, string>; children: Element[]; text: string; line: number };
type Node = Record<string, unknown>;

export async function* readElmXmlFeed(stream: Readable, options: { maximumBytes: number }): AsyncGenerator<FeedItem> {
  const whole = await readWholeDocument(stream, {
    maximumBytes: options.maximumBytes,
    tooLarge: (limit) => `The XML document is larger than ${limit}; split it into smaller documents`,
  });
  if ('rejection' in whole) {
    yield whole.rejection;
    return;
  }
  const documentText = whole.text;
  const parsed = parseElements(documentText);
  if ('error' in parsed) {
    yield {
      line: parsed.line,
      raw: rawExcerpt(
        documentText
          .split('\n')
          .slice(Math.max(0, parsed.line - 3), parsed.line + 2)
          .join('\n'),
      ),
      rejection: `the document is not well-formed XML: ${parsed.error}`,
    };
    return;
  }
  const byId = new Map<string, Element>();
  const all: Element[] = [];
  const visit = (element: Element) => {
    all.push(element);
    if (element.attributes.id) byId.set(element.attributes.id, element);
    element.children.forEach(visit);
  };
  visit(parsed.root);
  const opportunities = all.filter((element) => element.name === 'learningOpportunity' && element.children.length > 0);
  if (opportunities.length === 0) {
    yield { line: 1, raw: rawExcerpt(documentText), rejection: 'the document holds no learningOpportunity' };
    return;
  }
  for (const element of opportunities) {
    const node = toNode(element, byId, 3) as Node;
    yield { line: element.line, raw: rawExcerpt(JSON.stringify(node)), value: elmToFeedOffering(node) };
  }
}

function localName(name: string): string {
  return name.replace(/^.*:/, '');
}

function parseElements(documentText: string): { root: Element } | { error: string; line: number } {
  const parser = new SaxesParser({ position: true });
  const stack: Element[] = [];
  let root: Element | undefined;
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(
      Object.entries(tag.attributes)
        .filter(([name]) => !/^xmlns(:|$)/.test(name))
        .map(([name, value]) => [localName(name), String(value)]),
    );
    // The open tag has been read by now: its line is where the parser stands, less the lines inside the tag.
    const element: Element = { name: localName(tag.name), attributes, children: [], text: '', line: parser.line };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(documentText).close();
  } catch (error) {
    return { error: (error as Error).message.replace(/^[^:]*:\d+:\d+:\s*/, ''), line: parser.line };
  }
  return root ? { root } : { error: 'no root element', line: 1 };
}

/**
 * An element as a JSON-LD-like node: `id`/`uri` attributes as its id, other attributes as keys, child
 * elements as properties (a list when repeated), a leaf's text as its value (language-tagged when the element
 * says its language), and an `idref` replaced by the element it names, `depth` levels down.
 */
function toNode(element: Element, byId: Map<string, Element>, depth: number): unknown {
  const { id, uri, idref, language, ...rest } = element.attributes;
  if (idref !== undefined) {
    const target = byId.get(idref);
    return target && depth > 0 ? toNode(target, byId, depth - 1) : { id: idref };
  }
  const text = element.text.trim();
  if (element.children.length === 0) {
    if (uri !== undefined || id !== undefined) return { id: uri ?? id, ...rest, ...(text ? { '@value': text } : {}) };
    if (language !== undefined) return { '@language': language.toLowerCase(), '@value': text };
    return Object.keys(rest).length > 0 ? { ...rest, '@value': text } : text;
  }
  const node: Node = { type: element.name.charAt(0).toUpperCase() + element.name.slice(1), ...rest };
  if (uri !== undefined || id !== undefined) node.id = uri ?? id;
  for (const child of element.children) {
    const value = toNode(child, byId, depth);
    const existing = node[child.name];
    node[child.name] =
      existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return node;
}
