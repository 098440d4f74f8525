import sharp from 'sharp';

/**
 * Raw capture measurements, independent of any threshold. Each is computed on a copy scaled
 * to a fixed working width so values compare across cameras and scanners.
 */
export interface QualityFeatures {
  width: number;
  height: number;
  /** Crété-Roffet no-reference blur in [0,1], worst direction (catches motion blur). */
  blur: number;
  /** Share of the frame covered by saturated, smooth hotspots inside the frame. */
  glare: number;
  /** 95th percentile of luminance: low means the whole capture is dark. */
  lumaP95: number;
  /** 5th percentile of luminance: high means even the darkest parts are washed out. */
  lumaP5: number;
  /** Share of the frame that differs from the border colour: how much the document fills it. */
  fill: number;
}

const WORK_WIDTH = 1000;
const GLARE_MIN_SOLIDITY = 0.5;
const GLARE_MIN_BLOB = 0.004;
const GLARE_MAX_BLOB = 0.12;
const MAP_WIDTH = 96;

/** Crété-Roffet et al. (2007): how much a strong low-pass filter removes from the variation. */
function creteBlur(px: Uint8Array, w: number, h: number): number {
  const K = 9;
  const half = (K - 1) / 2;
  let worst = 0;
  for (const dir of ['h', 'v'] as const) {
    const step = dir === 'h' ? 1 : w;
    const len = dir === 'h' ? w : h;
    let sF = 0;
    let sV = 0;
    const lines = dir === 'h' ? h : w;
    for (let l = 0; l < lines; l++) {
      const base = dir === 'h' ? l * w : l;
      // Running box filter along the line.
      const blurred = new Float32Array(len);
      let acc = 0;
      for (let i = -half; i <= half; i++) acc += px[base + Math.min(len - 1, Math.max(0, i)) * step]!;
      for (let i = 0; i < len; i++) {
        blurred[i] = acc / K;
        acc += px[base + Math.min(len - 1, i + half + 1) * step]! - px[base + Math.max(0, i - half) * step]!;
      }
      for (let i = 1; i < len; i++) {
        const dF = Math.abs(px[base + i * step]! - px[base + (i - 1) * step]!);
        const dB = Math.abs(blurred[i]! - blurred[i - 1]!);
        sF += dF;
        sV += Math.max(0, dF - dB);
      }
    }
    const b = sF === 0 ? 1 : (sF - sV) / sF;
    worst = Math.max(worst, b);
  }
  return worst;
}

function percentile(hist: number[], total: number, p: number): number {
  let c = 0;
  for (let v = 0; v < 256; v++) {
    c += hist[v]!;
    if (c >= p * total) return v;
  }
  return 255;
}

/** Gaussian-ish blur by three box passes, on a small float map. */
function boxBlur(map: Float32Array, w: number, h: number, r: number): Float32Array {
  let src = map;
  for (let pass = 0; pass < 3; pass++) {
    const tmp = new Float32Array(w * h);
    const out = new Float32Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const xx = x + k;
          if (xx < 0 || xx >= w) continue;
          s += src[y * w + xx]!;
          n++;
        }
        tmp[y * w + x] = s / n;
      }
    }
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        let n = 0;
        for (let k = -r; k <= r; k++) {
          const yy = y + k;
          if (yy < 0 || yy >= h) continue;
          s += tmp[yy * w + x]!;
          n++;
        }
        out[y * w + x] = s / n;
      }
    }
    src = out;
  }
  return src;
}

/**
 * Glare: near-white, low-saturation pixels that stand clearly above the large-scale
 * brightness around them, grouped in blobs that do not touch the frame's edge (a white
 * page or desk around the document is not glare).
 */
function glareShare(rgb: Uint8Array, w: number, h: number): number {
  const luma = new Float32Array(w * h);
  const sat = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) {
    const r = rgb[i * 3]!;
    const g = rgb[i * 3 + 1]!;
    const b = rgb[i * 3 + 2]!;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
    sat[i] = max === 0 ? 0 : (max - min) / max;
  }
  const background = boxBlur(luma, w, h, Math.round(w / 8));
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = luma[i]! >= 232 && sat[i]! < 0.12 && luma[i]! - background[i]! >= 22 ? 1 : 0;
  // Connected components (4-neighbour); keep those inside the frame.
  const seen = new Uint8Array(w * h);
  let kept = 0;
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || seen[start]) continue;
    let size = 0;
    let touchesEdge = false;
    let minX = w;
    let maxX = 0;
    let minY = h;
    let maxY = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const x = i % w;
      const y = (i - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) touchesEdge = true;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      for (const j of [i - 1, i + 1, i - w, i + w]) {
        if (j < 0 || j >= w * h || seen[j] || !mask[j]) continue;
        if ((j === i - 1 && x === 0) || (j === i + 1 && x === w - 1)) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    const solidity = size / ((maxX - minX + 1) * (maxY - minY + 1));
    // A hotspot is a compact blob of moderate size; white page areas are large and ragged.
    const share = size / (w * h);
    if (!touchesEdge && solidity >= GLARE_MIN_SOLIDITY && share >= GLARE_MIN_BLOB && share <= GLARE_MAX_BLOB) kept += size;
  }
  return kept / (w * h);
}

/** Share of the map whose colour differs from the median border colour. */
function fillShare(luma: Float32Array, w: number, h: number): number {
  const border: number[] = [];
  for (let x = 0; x < w; x++) border.push(luma[x]!, luma[(h - 1) * w + x]!);
  for (let y = 0; y < h; y++) border.push(luma[y * w]!, luma[y * w + w - 1]!);
  border.sort((a, b) => a - b);
  const bg = border[Math.floor(border.length / 2)]!;
  let differs = 0;
  for (let i = 0; i < w * h; i++) if (Math.abs(luma[i]! - bg) > 18) differs++;
  return differs / (w * h);
}

export async function measureQuality(image: Buffer): Promise<QualityFeatures> {
  const base = sharp(image, { failOn: 'error' }).rotate();
  const meta = await base.metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  const gray = await base
    .clone()
    .greyscale()
    .resize({ width: Math.min(WORK_WIDTH, meta.width), withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(gray.data.buffer, gray.data.byteOffset, gray.data.length);
  const hist = new Array<number>(256).fill(0);
  for (const v of px) hist[v]!++;
  const small = await base.clone().removeAlpha().resize({ width: MAP_WIDTH }).raw().toBuffer({ resolveWithObject: true });
  const sw = small.info.width;
  const sh = small.info.height;
  const rgb = new Uint8Array(small.data.buffer, small.data.byteOffset, small.data.length);
  const luma = new Float32Array(sw * sh);
  for (let i = 0; i < sw * sh; i++) luma[i] = 0.299 * rgb[i * 3]! + 0.587 * rgb[i * 3 + 1]! + 0.114 * rgb[i * 3 + 2]!;
  return {
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
    blur: creteBlur(px, gray.info.width, gray.info.height),
    glare: glareShare(rgb, sw, sh),
    lumaP95: percentile(hist, px.length, 0.95),
    lumaP5: percentile(hist, px.length, 0.05),
    fill: fillShare(luma, sw, sh),
  };
}
