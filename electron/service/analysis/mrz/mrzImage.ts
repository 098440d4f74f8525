import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { medianOf, otsu, rankFilter } from './grayFilters';
import { MAX_IMAGE_PIXELS } from '../imageGuard';

/**
 * Pixel work for the MRZ reader: decoding, and finding the machine-readable band with
 * morphology (after PassportEye: black-hat, closing, connected components). Cutting the band
 * out for reading is mrzBandCrop.ts. Everything runs on 8-bit grey rasters.
 */

export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Longest side of the decoded working copy: bounds memory and time on huge photos. */
const MAX_DECODE_SIDE = 2400;
/** Longest side of the copy the band detector runs on. */
const DETECT_SIDE = 640;

export async function decodeGray(image: Buffer): Promise<Gray> {
  if (!Buffer.isBuffer(image) || image.length === 0) throw new Error('MRZ reader: empty image buffer');
  let meta: Metadata;
  try {
    meta = await sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).metadata();
  } catch (err) {
    throw new Error(`MRZ reader: unreadable image (${(err as Error).message})`);
  }
  if (!meta.width || !meta.height) throw new Error('MRZ reader: image has no dimensions');
  try {
    const { data, info } = await sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
      .rotate() // EXIF orientation
      .resize({ width: MAX_DECODE_SIDE, height: MAX_DECODE_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`unexpected channel count ${info.channels}`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (err) {
    throw new Error(`MRZ reader: cannot decode image (${(err as Error).message})`);
  }
}

async function resizeGray(g: Gray, width: number, height: number): Promise<Gray> {
  const out = await sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), { raw: { width: g.width, height: g.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return { data: new Uint8Array(out.buffer, out.byteOffset, out.length), width, height };
}

/** A candidate MRZ band in source-image coordinates. */
export interface Band {
  cx: number;
  cy: number;
  /** Direction of the text lines, radians, in (-pi/2, pi/2]. */
  angle: number;
  /** Extent along the lines, in source pixels. */
  length: number;
  /** Extent across the lines, in source pixels. */
  thickness: number;
  score: number;
}

interface Blob {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

/**
 * On a clean page most pixels lie on flat paper, where the black-hat is about 0; sensor or JPEG
 * noise lifts the black-hat's median, and Otsu then splits the noise itself, so the text's
 * blobs merge with it into one. Strokes must stand this many times above that median (set on
 * synthetic seed 7; the real specimens, clean, read the same).
 */
const NOISE_FLOOR = 3;

/** Elongated dark-text blobs, as PCA ellipses, on the detection copy. */
export type LineBlob = { cx: number; cy: number; angle: number; length: number; thickness: number; n: number };

export function textBlobs(det: Gray): LineBlob[] {
  const { width: w, height: h, data } = det;
  // Black-hat: closing minus image, dark strokes narrower than the kernel light up.
  const closed = rankFilter(rankFilter(data, w, h, 9, 9, true), w, h, 9, 9, false);
  const bh = new Uint8Array(w * h);
  for (let i = 0; i < bh.length; i++) bh[i] = closed[i]! - data[i]!;
  const thr = Math.max(18, otsu(bh), NOISE_FLOOR * medianOf(bh));
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < bh.length; i++) mask[i] = bh[i]! > thr ? 255 : 0;
  // Closing along the line direction merges the characters of a line into one blob; done
  // horizontally and vertically (documents photographed sideways). Ruled lines across the
  // text direction go first: a printed frame a few pixels from the MRZ's ends would otherwise
  // be merged into both MRZ lines, leaving one frame-sized blob and no line.
  const rule = Math.round(RULE_LENGTH * Math.max(w, h));
  const across = withoutRuns(mask, w, h, rule, true);
  const along = withoutRuns(mask, w, h, rule, false);
  return [
    ...components(rankFilter(rankFilter(across, w, h, MERGE_LONG, MERGE_SHORT, true), w, h, MERGE_LONG, MERGE_SHORT, false), w, h),
    ...components(rankFilter(rankFilter(along, w, h, MERGE_SHORT, MERGE_LONG, true), w, h, MERGE_SHORT, MERGE_LONG, false), w, h),
  ];
}

const MERGE_LONG = 13;
const MERGE_SHORT = 3;
/**
 * A run of ink this long (share of the image's longer side) across the text direction is a
 * ruled line, not a character: the tallest MRZ character the band filter accepts (a TD1 line
 * filling the frame) is about a twentieth of the side.
 */
const RULE_LENGTH = 0.1;

/** The mask without its runs of ink at least `length` long, in columns (`vertical`) or rows. */
function withoutRuns(mask: Uint8Array, w: number, h: number, length: number, vertical: boolean): Uint8Array {
  const out = mask.slice();
  const lines = vertical ? w : h;
  const steps = vertical ? h : w;
  const at = (line: number, step: number): number => (vertical ? step * w + line : line * w + step);
  for (let line = 0; line < lines; line++) {
    let start = -1;
    for (let step = 0; step <= steps; step++) {
      const ink = step < steps && mask[at(line, step)] !== 0;
      if (ink && start < 0) start = step;
      if (!ink && start >= 0) {
        if (step - start >= length) for (let k = start; k < step; k++) out[at(line, k)] = 0;
        start = -1;
      }
    }
  }
  return out;
}

function components(merged: Uint8Array, w: number, h: number): LineBlob[] {
  // Connected components (4-neighbour), accumulating moments.
  const label = new Int32Array(w * h).fill(-1);
  const blobs: Blob[] = [];
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (merged[start] === 0 || label[start] !== -1) continue;
    const b: Blob = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
    const id = blobs.length;
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      b.n++;
      b.sx += x;
      b.sy += y;
      b.sxx += x * x;
      b.syy += y * y;
      b.sxy += x * y;
      // The four neighbours, left, right, up, down, in that order (inline: a closure made for
      // every pixel was most of this function's time).
      if (x > 0 && merged[p - 1] !== 0 && label[p - 1] === -1) {
        label[p - 1] = id;
        stack.push(p - 1);
      }
      if (x < w - 1 && merged[p + 1] !== 0 && label[p + 1] === -1) {
        label[p + 1] = id;
        stack.push(p + 1);
      }
      if (y > 0 && merged[p - w] !== 0 && label[p - w] === -1) {
        label[p - w] = id;
        stack.push(p - w);
      }
      if (y < h - 1 && merged[p + w] !== 0 && label[p + w] === -1) {
        label[p + w] = id;
        stack.push(p + w);
      }
    }
    blobs.push(b);
  }
  const out: LineBlob[] = [];
  for (const b of blobs) {
    if (b.n < 60) continue;
    const cx = b.sx / b.n;
    const cy = b.sy / b.n;
    const vxx = b.sxx / b.n - cx * cx;
    const vyy = b.syy / b.n - cy * cy;
    const vxy = b.sxy / b.n - cx * cy;
    const tr = vxx + vyy;
    const disc = Math.sqrt(Math.max(0, ((vxx - vyy) * (vxx - vyy)) / 4 + vxy * vxy));
    const l1 = tr / 2 + disc;
    const l2 = Math.max(tr / 2 - disc, 0.25);
    let angle = 0.5 * Math.atan2(2 * vxy, vxx - vyy);
    if (angle <= -Math.PI / 2) angle += Math.PI;
    out.push({ cx, cy, angle, length: Math.sqrt(12 * l1), thickness: Math.sqrt(12 * l2), n: b.n });
  }
  return out;
}

/**
 * Pieces of one text line joined back into one line blob. The closing that merges characters
 * cannot bridge every gap: an MRZ line often breaks where letters meet a run of thin chevrons
 * ("NPL<<<<"), and a middle line in pieces left the TD1 lines above and below it too far
 * apart to be grouped, so the card's MRZ was never read. Pieces join when they run in one
 * direction, lie on one line (centres within half a thickness across it), are of comparable
 * thickness, and meet end to end (overlapping by at most one thickness, apart by at most 1.5).
 * Repeated until nothing joins.
 */
export function joinLinePieces(blobs: readonly LineBlob[]): LineBlob[] {
  const out = blobs.map((b) => ({ ...b }));
  for (let joined = true; joined; ) {
    joined = false;
    out.sort((a, b) => b.length - a.length);
    for (let i = 0; i < out.length && !joined; i++) {
      const a = out[i]!;
      if (a.length < 2 * a.thickness) continue;
      const ux = Math.cos(a.angle);
      const uy = Math.sin(a.angle);
      for (let j = i + 1; j < out.length; j++) {
        const b = out[j]!;
        if (b.length < 2 * b.thickness) continue;
        let da = Math.abs(b.angle - a.angle);
        if (da > Math.PI / 2) da = Math.PI - da;
        if (da > 0.06) continue;
        const t = Math.max(a.thickness, b.thickness);
        if (Math.min(a.thickness, b.thickness) < 0.5 * t) continue;
        const dx = b.cx - a.cx;
        const dy = b.cy - a.cy;
        const along = dx * ux + dy * uy;
        const perp = -dx * uy + dy * ux;
        if (Math.abs(perp) > 0.5 * t) continue;
        // End to end: a piece lying over another (the same characters seen by the vertical
        // closing) is not a continuation of the line.
        const gap = Math.abs(along) - (a.length + b.length) / 2;
        if (gap > 1.5 * t || gap < -t) continue;
        const from = Math.min(-a.length / 2, along - b.length / 2);
        const to = Math.max(a.length / 2, along + b.length / 2);
        const mid = (from + to) / 2;
        const n = a.n + b.n;
        // Across the line, the centre is the pixel-weighted mean of the pieces'.
        const across = (b.n * perp) / n;
        out[i] = { cx: a.cx + ux * mid - uy * across, cy: a.cy + uy * mid + ux * across, angle: a.angle, length: to - from, thickness: t, n };
        out.splice(j, 1);
        joined = true;
        break;
      }
    }
  }
  return out;
}

/**
 * Candidate MRZ bands, best first. A band is a long, straight run of text: long relative to
 * the image, much longer than thick, solidly filled. Parallel neighbouring lines are merged so
 * the band covers all 2 or 3 MRZ lines.
 */
export async function findBands(src: Gray, maxBands: number): Promise<Band[]> {
  const scale = Math.min(1, DETECT_SIDE / Math.max(src.width, src.height));
  const dw = Math.max(1, Math.round(src.width * scale));
  const dh = Math.max(1, Math.round(src.height * scale));
  const det = scale < 1 ? await resizeGray(src, dw, dh) : src;
  const sx = src.width / det.width;
  const sy = src.height / det.height;
  const side = Math.max(det.width, det.height);
  const blobs = joinLinePieces(textBlobs(det));
  const lines = blobs.filter((b) => b.length >= 0.18 * side && b.thickness >= 4 && b.length / b.thickness >= 5 && b.n / (b.length * b.thickness) >= 0.45);
  lines.sort((a, b) => b.length - a.length);
  const used = new Set<number>();
  const bands: Band[] = [];
  for (let i = 0; i < lines.length && bands.length < maxBands; i++) {
    if (used.has(i)) continue;
    const seed = lines[i]!;
    used.add(i);
    const ux = Math.cos(seed.angle);
    const uy = Math.sin(seed.angle);
    // Extent across the band (perpendicular offsets) of the seed and its parallel neighbours.
    let lo = -seed.thickness / 2;
    let hi = seed.thickness / 2;
    let along0 = -seed.length / 2;
    let along1 = seed.length / 2;
    let members = 1;
    // Until nothing more joins: lines come in order of length, and a line too far from the
    // seed alone (the top TD1 line when the seed is the bottom one) is near enough once the
    // middle line has joined.
    for (let grew = true; grew; ) {
      grew = false;
      for (let j = 0; j < lines.length; j++) {
        if (used.has(j)) continue;
        const o = lines[j]!;
        let da = Math.abs(o.angle - seed.angle);
        if (da > Math.PI / 2) da = Math.PI - da;
        if (da > 0.06) continue;
        if (o.length < 0.6 * seed.length || o.length > 1.6 * seed.length) continue;
        const dx = o.cx - seed.cx;
        const dy = o.cy - seed.cy;
        const along = dx * ux + dy * uy;
        const perp = -dx * uy + dy * ux;
        if (Math.abs(along) > 0.2 * seed.length) continue;
        if (Math.abs(perp) > Math.max(hi - lo, seed.thickness) * 2.2 + o.thickness) continue;
        used.add(j);
        members++;
        grew = true;
        lo = Math.min(lo, perp - o.thickness / 2);
        hi = Math.max(hi, perp + o.thickness / 2);
        along0 = Math.min(along0, along - o.length / 2);
        along1 = Math.max(along1, along + o.length / 2);
      }
    }
    const mid = (lo + hi) / 2;
    const midAlong = (along0 + along1) / 2;
    const cxD = seed.cx + ux * midAlong - uy * mid;
    const cyD = seed.cy + uy * midAlong + ux * mid;
    // Back to source pixels (detection copy keeps the aspect ratio, so sx ~= sy).
    const s = (sx + sy) / 2;
    bands.push({
      cx: cxD * sx,
      cy: cyD * sy,
      angle: seed.angle,
      length: (along1 - along0) * s,
      thickness: (hi - lo) * s,
      score: (along1 - along0) / side + 0.1 * members,
    });
  }
  return bands;
}

export async function toPng(g: Gray): Promise<Buffer> {
  return sharp(Buffer.from(g.data.buffer, g.data.byteOffset, g.data.length), { raw: { width: g.width, height: g.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
