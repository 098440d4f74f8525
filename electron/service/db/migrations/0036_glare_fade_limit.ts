import type { Migration } from './Migration';
import { appendSystemPolicy, isPolicyObject, latestPolicy } from './systemPolicyVersion';

/**
 * The glare limits of this release, written out rather than imported so this migration keeps
 * meaning what it meant when it shipped. A document's glare was judged by hotspots alone (maxGlare),
 * which glare on a white page never shows; this release adds a second measure, the fade of the
 * page's print (shared/glareFade.ts), with its own limit. (An earlier 0036, on main for minutes
 * and never released, wrote 0.00105 on the score's previous scale; a database that ran it is not
 * migrated again and keeps that limit until an administrator changes it.)
 */
const SHIPPED_GLARE = 0.012;
const NEW_GLARE_FADE = 0.036;

export const migration0036: Migration = {
  version: 36,
  name: 'glare_fade_limit',
  up(db) {
    // A policy without the fade limit has no fade check (policy schema). While its hotspot limit is
    // still the shipped one, a new version takes this release's fade limit (systemPolicyVersion.ts);
    // an administrator's own glare limit is theirs, and they can add the fade limit themselves.
    const latest = latestPolicy(db);
    if (!latest) return;
    const quality = latest.body.quality;
    if (!isPolicyObject(quality) || 'maxGlareFade' in quality || quality.maxGlare !== SHIPPED_GLARE) return;
    appendSystemPolicy(
      db,
      latest.version,
      { ...latest.body, quality: { ...quality, maxGlareFade: NEW_GLARE_FADE } },
      `glare fade limit of this release (maxGlareFade ${NEW_GLARE_FADE}): glare on a white page fades its print without a hotspot, and was accepted`,
    );
  },
};
