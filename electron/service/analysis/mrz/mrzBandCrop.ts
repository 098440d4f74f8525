import { rankFilter } from './grayFilters';
import type { Band, Gray } from './mrzImage';

/** Band length after upscaling: MRZ characters come out ~30 px (TD3) to ~43 px (TD1) high. */
const TARGET_LENGTH = 1300;
const MAX_ZOOM = 6;
/** Background window in crop pixels: about two character heights. */
const FLATTEN_KERNEL = 61;

/**
 * How much of the page across the band a crop keeps: `loose` a quarter of the band's thickness;
 * `tight` keeps rules and guilloche lines right above and below the band out of view.
 */
export type CropMargin = 'loose' | 'tight';

/**
 * The band cut out upright (turned by `turn`), upscaled to TARGET_LENGTH, its background
 * flattened and thin strips removed: what the OCR engines and the glyph reader both read.
 */
export function bandCrop(src: Gray, band: Band, margin: CropMargin, turn: 0 | 180): Gray {
  const zoom = Math.min(MAX_ZOOM, TARGET_LENGTH / band.length);
  const padAcross = margin === 'loose' ? Math.max(band.length * 0.025, band.thickness * 0.25) : band.thickness * 0.08;
  return removeThinStrips(flattenBackground(warpBand(src, band, { padAlong: band.length * 0.05, padAcross, zoom, turn }), FLATTEN_KERNEL));
}

/**
 * Cut a rotated rectangle out of the source with bilinear sampling, upright (text running
 * left to right), scaled by `zoom` and turned by `turn` degrees.
 */
export function warpBand(src: Gray, band: Band, opts: { padAlong: number; padAcross: number; zoom: number; turn: 0 | 90 | 180 | 270 }): Gray {
  const theta = band.angle + (opts.turn * Math.PI) / 180;
  const ux = Math.cos(theta);
  const uy = Math.sin(theta);
  const vertical = opts.turn === 90 || opts.turn === 270;
  const lenAlong = vertical ? band.thickness : band.length;
  const lenAcross = vertical ? band.length : band.thickness;
  const halfU = lenAlong / 2 + (vertical ? opts.padAcross : opts.padAlong);
  const halfV = lenAcross / 2 + (vertical ? opts.padAlong : opts.padAcross);
  const ow = Math.max(8, Math.round(2 * halfU * opts.zoom));
  const oh = Math.max(8, Math.round(2 * halfV * opts.zoom));
  const out = new Uint8Array(ow * oh);
  const { data, width: w, height: h } = src;
  for (let y = 0; y < oh; y++) {
    const v = (y + 0.5) / opts.zoom - halfV;
    for (let x = 0; x < ow; x++) {
      const u = (x + 0.5) / opts.zoom - halfU;
      const px = band.cx + u * ux - v * uy - 0.5;
      const py = band.cy + u * uy + v * ux - 0.5;
      const x0 = Math.floor(px);
      const y0 = Math.floor(py);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) {
        out[y * ow + x] = 255;
        continue;
      }
      const fx = px - x0;
      const fy = py - y0;
      const i = y0 * w + x0;
      const top = data[i]! * (1 - fx) + data[i + 1]! * fx;
      const bot = data[i + w]! * (1 - fx) + data[i + w + 1]! * fx;
      out[y * ow + x] = Math.round(top * (1 - fy) + bot * fy);
    }
  }
  return { data: out, width: ow, height: oh };
}

/**
 * Flatten the background: divide by the local maximum (a grey closing over about two
 * character heights), so ink is dark and paper white whatever the lighting, tint or what
 * lies next to the document. Then stretch contrast.
 */
export function flattenBackground(g: Gray, kernel: number): Gray {
  const k = Math.max(3, kernel | 1);
  const bg = rankFilter(g.data, g.width, g.height, k, k, true);
  const out = new Uint8Array(g.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(255, Math.round((g.data[i]! * 255) / Math.max(bg[i]!, 1)));
  return normalizeContrast({ data: out, width: g.width, height: g.height });
}

/**
 * White out horizontal strips of ink much thinner than the text lines (printed rules, dotted
 * lines, the edge of the card) which break the OCR's line finding. Works on an upright crop.
 */
function removeThinStrips(g: Gray): Gray {
  const { width: w, height: h, data } = g;
  const rowInk = new Float64Array(h);
  for (let y = 0; y < h; y++) {
    let n = 0;
    for (let x = 0; x < w; x++) if (data[y * w + x]! < 128) n++;
    rowInk[y] = n / w;
  }
  const strips: [number, number][] = [];
  let start = -1;
  for (let y = 0; y <= h; y++) {
    const inked = y < h && rowInk[y]! > 0.01;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      strips.push([start, y]);
      start = -1;
    }
  }
  const tallest = Math.max(0, ...strips.map(([a, b]) => b - a));
  if (tallest < 8) return g;
  const out = new Uint8Array(data);
  for (const [a, b] of strips) {
    if (b - a >= tallest * 0.25) continue;
    out.fill(255, a * w, b * w);
  }
  return { data: out, width: w, height: h };
}

/** Stretch contrast between dark and light percentiles (helps low-contrast scans). */
function normalizeContrast(g: Gray): Gray {
  const hist = new Uint32Array(256);
  for (const v of g.data) hist[v]!++;
  const n = g.data.length;
  let acc = 0;
  let lo = 0;
  let hi = 255;
  for (let i = 0; i < 256; i++) {
    acc += hist[i]!;
    if (acc >= n * 0.01) {
      lo = i;
      break;
    }
  }
  acc = 0;
  for (let i = 255; i >= 0; i--) {
    acc += hist[i]!;
    if (acc >= n * 0.05) {
      hi = i;
      break;
    }
  }
  if (hi - lo < 10) return g;
  const out = new Uint8Array(n);
  const k = 255 / (hi - lo);
  for (let i = 0; i < n; i++) out[i] = Math.max(0, Math.min(255, Math.round((g.data[i]! - lo) * k)));
  return { data: out, width: g.width, height: g.height };
}
