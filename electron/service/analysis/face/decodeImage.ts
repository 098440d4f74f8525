import sharp from 'sharp';
import { MAX_IMAGE_PIXELS } from '../imageGuard';

export interface DecodedRgb {
  /** Packed RGB, 3 bytes per pixel, row-major. */
  data: Uint8Array;
  /** Size of the decoded (possibly downscaled) pixels. */
  width: number;
  height: number;
  /** Size of the original image after EXIF orientation: boxes are reported in these coordinates. */
  origWidth: number;
  origHeight: number;
  /** origWidth / width (>= 1 when downscaled). */
  scale: number;
}

/**
 * Decodes any image sharp reads (JPEG, PNG, WebP, TIFF...) into packed RGB, applying the EXIF
 * orientation, flattening transparency onto white and downscaling so the longer side is at most
 * `maxSide`. Rejects with an Error for empty, corrupt or truncated input.
 */
export async function decodeRgb(image: Buffer | Uint8Array, maxSide: number): Promise<DecodedRgb> {
  if (!image || image.length === 0) throw new Error('image decode failed: the image is empty');
  const meta = await sharp(image, { limitInputPixels: MAX_IMAGE_PIXELS })
    .metadata()
    .catch((err: unknown) => {
      throw new Error(`image decode failed: not a readable image (${(err as Error).message})`);
    });
  if (!meta.width || !meta.height) throw new Error('image decode failed: the image has no dimensions');
  // EXIF orientations 5-8 swap width and height.
  const swap = (meta.orientation ?? 1) >= 5;
  const origWidth = swap ? meta.height : meta.width;
  const origHeight = swap ? meta.width : meta.height;
  try {
    const { data, info } = await sharp(image, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
      origWidth,
      origHeight,
      scale: origWidth / info.width,
    };
  } catch (err) {
    throw new Error(`image decode failed: the image is truncated or corrupt (${(err as Error).message})`);
  }
}
