// Draws the add-in icons (assets/icon-<size>.png): an Excel-green rounded square with three white
// bars of falling height, a hint of a Pareto chart. Dependency-free on purpose: node:zlib for the
// deflate stream, our own CRC32 for the PNG chunks. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

// 16/32/80 ribbon, 32 IconUrl, 64 HighResolutionIconUrl, 128 and 32 the Workspace Marketplace listing, 300 the AppSource logo.
const SIZES = [16, 32, 64, 80, 128, 300];
const GREEN = [0x10, 0x7c, 0x41];
const WHITE = [0xff, 0xff, 0xff];
const SUPERSAMPLE = 4; // per axis; only the rounded corners need it, the bars sit on whole pixels

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

// CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG chunks require.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes straight (non-premultiplied) RGBA pixels, row-major, as a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None for every scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Geometry in whole pixels so the bars stay crisp at 16 px. */
function layout(size) {
  const inset = Math.round(size / 16);
  const side = size - 2 * inset;
  const radius = side * 0.2;
  // Bar width has the parity of the size, so the three bars centre exactly.
  const barWidth = Math.max(2, 2 * Math.round(size * 0.08));
  const gap = Math.max(1, Math.round(size * 0.07));
  const heights = [0.55, 0.38, 0.22].map((f) => Math.max(2, Math.round(size * f)));
  const left = (size - (3 * barWidth + 2 * gap)) / 2;
  const top = Math.round((size - heights[0]) / 2);
  const baseline = top + heights[0];
  const bars = heights.map((h, i) => ({
    x0: left + i * (barWidth + gap),
    x1: left + i * (barWidth + gap) + barWidth,
    y0: baseline - h,
    y1: baseline,
  }));
  return { inset, side, radius, bars };
}

function insideRoundedSquare(x, y, { inset, side, radius }) {
  const lo = inset;
  const hi = inset + side;
  if (x < lo || x >= hi || y < lo || y >= hi) return false;
  const cx = Math.min(Math.max(x, lo + radius), hi - radius);
  const cy = Math.min(Math.max(y, lo + radius), hi - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function drawIcon(size) {
  const geo = layout(size);
  const rgba = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Average premultiplied colour over the sub-samples, then un-premultiply.
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const x = px + (sx + 0.5) / SUPERSAMPLE;
          const y = py + (sy + 0.5) / SUPERSAMPLE;
          if (!insideRoundedSquare(x, y, geo)) continue;
          const onBar = geo.bars.some((bar) => x >= bar.x0 && x < bar.x1 && y >= bar.y0 && y < bar.y1);
          const [cr, cg, cb] = onBar ? WHITE : GREEN;
          r += cr; g += cg; b += cb; a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((255 * a) / samples);
      }
    }
  }
  return encodePng(size, size, rgba);
}

// Draw only when run as a script, so the encoder can be imported on its own.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, drawIcon(size));
    console.log(`wrote ${file}`);
  }
}
