import type { DecodedRgb } from './decodeImage';

/**
 * The image centred on a plain border `margin` times its longer side wide on every side, filled
 * with the image's mean colour. A face that fills the whole frame (a portrait cropped tight from
 * an ID, a close selfie) gives SSD MobileNet no context and is often not detected; with the
 * border it looks like an ordinary head-and-shoulders photo. `offset` is where the original's
 * top-left pixel landed, to map boxes back.
 */
export function padFrame(img: Pick<DecodedRgb, 'data' | 'width' | 'height'>, margin: number): { data: Uint8Array; width: number; height: number; offset: number } {
  const offset = Math.round(Math.max(img.width, img.height) * margin);
  const width = img.width + 2 * offset;
  const height = img.height + 2 * offset;
  const mean = [0, 0, 0];
  const pixels = img.width * img.height;
  for (let i = 0; i < pixels * 3; i++) mean[i % 3]! += img.data[i]!;
  const fill = mean.map((m) => Math.round(m / Math.max(1, pixels)));
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    data[i * 3] = fill[0]!;
    data[i * 3 + 1] = fill[1]!;
    data[i * 3 + 2] = fill[2]!;
  }
  const row = img.width * 3;
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * row, (y + 1) * row), ((y + offset) * width + offset) * 3);
  return { data, width, height, offset };
}
