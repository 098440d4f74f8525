import { BACKGROUND_TOLERANCE, borderLuma } from './liveCaptureQuality';
import { lumaOf, type Pixels } from './pixels';

/**
 * Where the glare-fade measure (glareFade.ts) looks: the card's bounding box, so it reads the card at
 * one scale however the camera framed it. Its constants are in pixels of a card FADE_WIDTH wide; read
 * on a whole frame, a card on a desk is smaller and its print finer than the constants assume, and
 * clean cards framed that way scored as glare. Found on the glare map (GLARE_WIDTH): the rows and
 * columns in which more than CARD_LINE_SHARE of the pixels differ from the border colour. A card that
 * fills the frame, or a white page on a white desk, gives the print's extent or the whole frame.
 */

/** A row or column belongs to the card when over 2 % of its pixels are unlike the surround (a speck of noise is not enough). */
const CARD_LINE_SHARE = 0.02;

/** The crop as fractions of the frame (oriented as displayed). */
export interface FadeBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function fadeBox(small: Pixels): FadeBox {
  const { width: w, height: h } = small;
  const luma = lumaOf(small);
  const bg = borderLuma(luma, w, h);
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (Math.abs(luma[y * w + x]! - bg) > BACKGROUND_TOLERANCE) {
        rows[y]!++;
        cols[x]!++;
      }
  const span = (counts: Uint32Array, length: number): [number, number] => {
    let first = -1;
    let last = -1;
    for (let k = 0; k < counts.length; k++)
      if (counts[k]! > CARD_LINE_SHARE * length) {
        if (first < 0) first = k;
        last = k;
      }
    return first < 0 ? [0, counts.length] : [first, last + 1];
  };
  const [y0, y1] = span(rows, w);
  const [x0, x1] = span(cols, h);
  return { x0: x0 / w, y0: y0 / h, x1: x1 / w, y1: y1 / h };
}

/** A rectangle in whole pixels of a frame. */
export interface PixelRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The box in whole pixels of a frame `width` × `height`, at least one pixel each way: the engine and the camera crop the same pixels. */
export function fadeCropPixels(box: FadeBox, width: number, height: number): PixelRect {
  const left = Math.min(width - 1, Math.floor(box.x0 * width));
  const top = Math.min(height - 1, Math.floor(box.y0 * height));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width, Math.ceil(box.x1 * width)) - left),
    height: Math.max(1, Math.min(height, Math.ceil(box.y1 * height)) - top),
  };
}

/** The size a crop is drawn at to be `width` wide, keeping its aspect and never enlarged (sharp's resize with withoutEnlargement, for the camera). */
export function scaledSize(crop: PixelRect, width: number): { width: number; height: number } {
  const w = Math.min(width, crop.width);
  return { width: w, height: Math.max(1, Math.round((crop.height / crop.width) * w)) };
}
