import type { Migration } from './Migration';
import { appendSystemPolicy, isPolicyObject, latestPolicy } from './systemPolicyVersion';

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
    // A policy without the document limit judges documents by maxBlur (policy schema); when that is
    // still the shipped 0.45, a new version takes the document limit of this release
    // (systemPolicyVersion.ts). A blur limit an administrator set keeps applying to documents as it did.
    const latest = latestPolicy(db);
    if (!latest) return;
    const quality = latest.body.quality;
    if (!isPolicyObject(quality) || 'maxDocumentBlur' in quality || quality.maxBlur !== OLD_SHIPPED_BLUR) return;
    appendSystemPolicy(
      db,
      latest.version,
      { ...latest.body, quality: { ...quality, maxDocumentBlur: NEW_DOCUMENT_BLUR } },
      `document blur limit of this release (maxDocumentBlur ${NEW_DOCUMENT_BLUR}; selfies keep maxBlur ${OLD_SHIPPED_BLUR}): motion-blurred documents were accepted`,
    );
  },
};
