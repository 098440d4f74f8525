import sharp from 'sharp';
import type { Evidence } from '../../../shared/schemas/evidence';
import type { EvidenceStore } from '../evidence/EvidenceStore';

export interface Thumbnail {
  jpeg: Buffer;
  width: number;
  height: number;
}

/** Twice the size printed (about 240 pt), so the images stay sharp on paper. */
const MAX_SIDE = 480;
const CACHE_SIZE = 64;

/**
 * Scaled-down JPEG copies of image evidence for the reports. Evidence is content-addressed, so
 * a thumbnail is cached by its file's SHA-256: a batch in which many cases share a specimen
 * (or a re-export of the same case) decodes it once.
 */
export class EvidenceThumbnails {
  private readonly cache = new Map<string, Promise<Thumbnail | null>>();

  constructor(private readonly store: EvidenceStore) {}

  /** Null for evidence that is not an image, is missing from the store, or does not decode. */
  get(e: Pick<Evidence, 'sha256' | 'mimeType'>): Promise<Thumbnail | null> {
    if (e.mimeType !== 'image/jpeg' && e.mimeType !== 'image/png') return Promise.resolve(null);
    const hit = this.cache.get(e.sha256);
    if (hit) {
      // Refresh its place: the map's order is the eviction order.
      this.cache.delete(e.sha256);
      this.cache.set(e.sha256, hit);
      return hit;
    }
    const made = this.make(e.sha256);
    this.cache.set(e.sha256, made);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return made;
  }

  private async make(sha256: string): Promise<Thumbnail | null> {
    if (!this.store.has(sha256)) return null;
    try {
      const { data, info } = await sharp(this.store.get(sha256), { failOn: 'error' })
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 72, mozjpeg: false })
        .toBuffer({ resolveWithObject: true });
      return { jpeg: data, width: info.width, height: info.height };
    } catch {
      return null;
    }
  }
}
