import { flattenBackground, removeThinStrips, warpBand, type Band, type Gray } from './mrzImage';

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
