import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

/**
 * Draws the Teams app icons (no downloads, no image library): color.png 192×192, a white "V" on Veileder's
 * blue; outline.png 32×32, the same "V" in white on transparent, as Teams requires. Run once:
 * `npx tsx scripts/make-teams-icons.ts`; the PNGs are committed in teams/.
 */

type Rgba = [number, number, number, number];

function drawIcon(options: {
  size: number;
  background: Rgba;
  foreground: Rgba;
  stroke: number;
  margin: number;
}): Buffer {
  const { size } = options;
  const pixels = Buffer.alloc(size * size * 4);
  // The "V": two strokes from the top corners of the inner square to the bottom middle.
  const top = options.margin;
  const bottom = size - options.margin;
  const strokes: [number, number, number, number][] = [
    [options.margin, top, size / 2, bottom],
    [size - options.margin, top, size / 2, bottom],
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = strokes.some(
        ([x1, y1, x2, y2]) => distanceToSegment(x + 0.5, y + 0.5, x1, y1, x2, y2) <= options.stroke / 2,
      );
      const color = inside ? options.foreground : options.background;
      color.forEach((channel, index) => {
        pixels[(y * size + x) * 4 + index] = channel;
      });
    }
  }
  return encodePng(size, pixels);
}

function distanceToSegment(px: number, py: number, x1: number, y1: number, x2: number, y2: number): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const along = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + along * dx), py - (y1 + along * dy));
}

function encodePng(size: number, rgba: Buffer): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4); // filter byte 0 per row
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, checksum]);
}

const directory = new URL('../teams/', import.meta.url);
writeFileSync(
  new URL('color.png', directory),
  drawIcon({
    size: 192,
    background: [0x00, 0x50, 0x7a, 255],
    foreground: [255, 255, 255, 255],
    stroke: 26,
    margin: 48,
  }),
);
writeFileSync(
  new URL('outline.png', directory),
  drawIcon({ size: 32, background: [0, 0, 0, 0], foreground: [255, 255, 255, 255], stroke: 5, margin: 6 }),
);
process.stdout.write('Wrote teams/color.png (192×192) and teams/outline.png (32×32)\n');
