import type { Migration } from './Migration';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The blur limits shipped before and from this version, written out rather than imported so this
 * migration keeps meaning what it meant when it shipped. Documents and selfies shared maxBlur; a
 * document now has its own, lower limit (clean specimens read at most 0.33, motion-blurred copies
 * from 0.38), while selfies keep 0.45 (in-focus face photos read up to it).
 */
const OLD_SHIPPED_BLUR = 0.45;
const NEW_DOCUMENT_BLUR = 0.36;

export const migration0030: Migration = {
  version: 30,
  name: 'document_blur_limit',
  up(db) {
    // Stored versions are never changed (analyses name the version that produced them). A policy
    // without the document limit judges documents by maxBlur (policy schema); when that is still the
    // shipped 0.45, a new version takes the document limit of this release. A blur limit an
    // administrator set is theirs and keeps applying to documents as it did.
    const latest = db.prepare('SELECT version, body FROM policies ORDER BY version DESC LIMIT 1').get() as { version: number; body: string } | undefined;
    if (!latest) return;
    const body: unknown = JSON.parse(latest.body);
    if (!isObject(body) || !isObject(body.quality) || 'maxDocumentBlur' in body.quality || body.quality.maxBlur !== OLD_SHIPPED_BLUR) return;
    db.prepare('INSERT INTO policies (version, body, note, created_at, created_by) VALUES (?, ?, ?, ?, ?)').run(
      latest.version + 1,
      JSON.stringify({ ...body, quality: { ...body.quality, maxDocumentBlur: NEW_DOCUMENT_BLUR } }),
      `document blur limit of this release (maxDocumentBlur ${NEW_DOCUMENT_BLUR}; selfies keep maxBlur ${OLD_SHIPPED_BLUR}): motion-blurred documents were accepted`,
      new Date().toISOString(),
      'system',
    );
  },
};
