/** A frame's pixels as a canvas or sharp gives them, and their luma: what the capture-quality measures read. */

export interface Pixels {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
  /** Bytes per pixel: 4 for canvas RGBA (the default), 3 for packed RGB. */
  channels?: number;
}

/** Rec. 601 luma of each pixel. */
export function lumaOf(img: Pixels): Float32Array {
  const n = img.width * img.height;
  const c = img.channels ?? 4;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 0.299 * img.data[i * c]! + 0.587 * img.data[i * c + 1]! + 0.114 * img.data[i * c + 2]!;
  return out;
}
