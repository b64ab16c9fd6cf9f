import { inflateSync } from 'node:zlib';

/**
 * What someone hands the verifier, taken apart: a compact VC-JWT; JSON (a credential with an embedded proof,
 * or Veileder's wallet download `{ jwt, credential }`); or a baked badge image (Open Badges 3.0 §5.3) — a
 * PNG whose iTXt chunk `openbadgecredential` holds the JWT or the JSON, or an SVG whose
 * `<openbadges:credential>` element holds the JWT in `verify` or the JSON in its body (CDATA).
 */
export type PresentedCredential =
  | { kind: 'jwt'; jwt: string; baked?: 'png' | 'svg' }
  | { kind: 'document'; document: Record<string, unknown>; baked?: 'png' | 'svg' }
  | { kind: 'unreadable'; detail: string };

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const compactJws = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const openBadgesNamespace = 'https://purl.imsglobal.org/ob/v3p0';

export function readPresentedCredential(input: string | Uint8Array): PresentedCredential {
  if (typeof input !== 'string') {
    const bytes = Buffer.from(input);
    if (bytes.subarray(0, 8).equals(pngSignature)) return fromText(pngCredential(bytes), 'png');
    return readPresentedCredential(bytes.toString('utf8'));
  }
  const text = input.replace(/^\uFEFF/, '').trim();
  if (text.startsWith('<')) return fromText(svgCredential(text), 'svg');
  return fromText({ text }, undefined);
}

function fromText(
  found: { text: string } | { problem: string },
  baked: 'png' | 'svg' | undefined,
): PresentedCredential {
  if ('problem' in found) return { kind: 'unreadable', detail: found.problem };
  const text = found.text.trim();
  const origin = baked ? { baked } : {};
  if (compactJws.test(text)) return { kind: 'jwt', jwt: text, ...origin };
  if (!text.startsWith('{'))
    return {
      kind: 'unreadable',
      detail: text
        ? 'it is neither a VC-JWT (three base64url parts separated by dots) nor a JSON credential'
        : 'it is empty',
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'unreadable', detail: 'it looks like JSON but cannot be parsed' };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    return { kind: 'unreadable', detail: 'the JSON is not an object' };
  const record = parsed as Record<string, unknown>;
  // Veileder's wallet download: the signed JWT next to its decoded claims.
  if (typeof record.jwt === 'string' && compactJws.test(record.jwt.trim()))
    return { kind: 'jwt', jwt: record.jwt.trim(), ...origin };
  return { kind: 'document', document: record, ...origin };
}

/** The text of the first iTXt chunk with keyword openbadgecredential (compressed or not). */
function pngCredential(png: Buffer): { text: string } | { problem: string } {
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'iTXt') {
      const keywordEnd = data.indexOf(0);
      if (keywordEnd > 0 && data.toString('latin1', 0, keywordEnd) === 'openbadgecredential') {
        const compressed = data[keywordEnd + 1] === 1;
        const languageEnd = data.indexOf(0, keywordEnd + 3);
        const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
        if (translatedEnd < 0) return { problem: 'the PNG’s openbadgecredential chunk is damaged' };
        const payload = data.subarray(translatedEnd + 1);
        try {
          return { text: (compressed ? inflateSync(payload) : payload).toString('utf8') };
        } catch {
          return { problem: 'the PNG’s openbadgecredential chunk cannot be decompressed' };
        }
      }
    }
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return { problem: 'the PNG has no baked credential (no iTXt chunk openbadgecredential)' };
}

/** The JWT in `verify`, or the JSON body, of the first <prefix:credential> element in the Open Badges 3.0 namespace. */
function svgCredential(svg: string): { text: string } | { problem: string } {
  const prefix = new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${openBadgesNamespace.replace(/[.]/g, '\\.')}/?["']`).exec(
    svg,
  )?.[1];
  if (!prefix)
    return {
      problem: svg.includes('<svg')
        ? 'the SVG has no baked credential (no openbadges namespace)'
        : 'it is markup, but not a baked SVG badge',
    };
  const element = new RegExp(`<${prefix}:credential\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${prefix}:credential\\s*>)`).exec(
    svg,
  );
  if (!element) return { problem: 'the SVG has no <openbadges:credential> element' };
  const verify = /\bverify\s*=\s*"([^"]*)"|\bverify\s*=\s*'([^']*)'/.exec(element[1] ?? '');
  if (verify) return { text: verify[1] ?? verify[2] ?? '' };
  const body = element[2] ?? '';
  const cdata = /<!\[CDATA\[([\s\S]*?)\]\]>/.exec(body);
  return { text: cdata ? cdata[1]! : unescapeXml(body) };
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_match, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity[0] !== '#') return named[entity.toLowerCase()]!;
    return String.fromCodePoint(
      entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10),
    );
  });
}
