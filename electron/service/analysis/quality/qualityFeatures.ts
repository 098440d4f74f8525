import sharp, { type Sharp } from 'sharp';
import { fadeBox, fadeCropPixels, type FadeBox } from '../../../../shared/fadeCrop';
import { FADE_WIDTH, glareFadeShare } from '../../../../shared/glareFade';
import { lumaOf } from '../../../../shared/pixels';
// The measures themselves live in shared/ so the onboarding camera judges frames exactly as the engine does.
import { BACKGROUND_TOLERANCE, BLUR_WIDTH, GLARE_WIDTH, blurWidth, borderLuma, creteBlur, glareShare, type CaptureKind } from '../../../../shared/liveCaptureQuality';

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
  /** For a document, glare fading a white page's print (shared/glareFade.ts); null for a selfie. */
  glareFade: number | null;
  /** 95th percentile of luminance: low means the whole capture is dark. */
  lumaP95: number;
  /** 5th percentile of luminance: high means even the darkest parts are washed out. */
  lumaP5: number;
  /** Share of the frame that differs from the border colour: how much the document fills it. */
  fill: number;
}

/** The glare map's width; the onboarding camera measures glare at the same width (GLARE_WIDTH). */
const MAP_WIDTH = GLARE_WIDTH;

function percentile(hist: number[], total: number, p: number): number {
  let c = 0;
  for (let v = 0; v < 256; v++) {
    c += hist[v]!;
    if (c >= p * total) return v;
  }
  return 255;
}

/** Share of the map whose colour differs from the median border colour. */
function fillShare(luma: Float32Array, w: number, h: number): number {
  const bg = borderLuma(luma, w, h);
  let differs = 0;
  for (let i = 0; i < w * h; i++) if (Math.abs(luma[i]! - bg) > BACKGROUND_TOLERANCE) differs++;
  return differs / (w * h);
}

/**
 * The card's box (fadeCrop.ts) at FADE_WIDTH, for the fade measure: cut from the frame at BLUR_WIDTH
 * (the camera's own scale, and a JPEG that size decodes shrunk on load, where a crop of the full
 * image decodes all of it), then scaled down.
 */
async function cardAtFadeWidth(base: Sharp, box: FadeBox) {
  const frame = await base.clone().removeAlpha().resize({ width: BLUR_WIDTH, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = frame.info;
  return sharp(frame.data, { raw: { width, height, channels } })
    .extract(fadeCropPixels(box, width, height))
    .resize({ width: FADE_WIDTH, withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/** `kind` is what the image shows: glare is read on a document's card, over the whole of a selfie. */
export async function measureQuality(image: Buffer, kind: CaptureKind): Promise<QualityFeatures> {
  const base = sharp(image, { failOn: 'error' }).rotate();
  const meta = await base.metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  const gray = await base
    .clone()
    .greyscale()
    .resize({ width: blurWidth(meta.width), withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const px = new Uint8Array(gray.data.buffer, gray.data.byteOffset, gray.data.length);
  const hist = new Array<number>(256).fill(0);
  for (const v of px) hist[v]!++;
  const small = await base.clone().removeAlpha().resize({ width: MAP_WIDTH }).raw().toBuffer({ resolveWithObject: true });
  const sw = small.info.width;
  const sh = small.info.height;
  const rgb = new Uint8Array(small.data.buffer, small.data.byteOffset, small.data.length);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  const smallPixels = { data: rgb, width: sw, height: sh, channels: 3 };
  const fade = kind === 'document' ? await cardAtFadeWidth(base, fadeBox(smallPixels)) : null;
  const luma = lumaOf(smallPixels);
  return {
    width,
    height,
    blur: creteBlur(px, gray.info.width, gray.info.height),
    glare: glareShare(smallPixels, kind),
    glareFade: fade ? glareFadeShare({ data: fade.data, width: fade.info.width, height: fade.info.height, channels: 3 }) : null,
    lumaP95: percentile(hist, px.length, 0.95),
    lumaP5: percentile(hist, px.length, 0.05),
    fill: fillShare(luma, sw, sh),
  };
}
