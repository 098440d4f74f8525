import type { Migration } from './Migration';
import { appendSystemPolicy, isPolicyObject, latestPolicy, type PolicyJson } from './systemPolicyVersion';

/**
 * The capture-quality limits shipped before and from this version, written out rather than
 * imported so this migration keeps meaning what it meant when it shipped. The overexposure limit
 * came down: washed-out light cards read from 190 on generated sets while no clean specimen reads
 * above 120, so the old 200 let them through.
 */
const OLD_SHIPPED = { maxLumaP5: 200 } as const;
const NEW_SHIPPED = { maxLumaP5: 155 } as const;

export const migration0028: Migration = {
  version: 28,
  name: 'capture_quality_limits',
  up(db) {
    // When the current policy still holds a shipped limit, a new version takes the new one (systemPolicyVersion.ts).
    const latest = latestPolicy(db);
    if (!latest || !isPolicyObject(latest.body.quality)) return;
    const quality: PolicyJson = { ...latest.body.quality };
    const changed = (Object.keys(OLD_SHIPPED) as (keyof typeof OLD_SHIPPED)[]).filter((k) => quality[k] === OLD_SHIPPED[k]);
    if (changed.length === 0) return;
    for (const k of changed) quality[k] = NEW_SHIPPED[k];
    appendSystemPolicy(db, latest.version, { ...latest.body, quality }, `capture-quality limits of this release (${changed.join(', ')}): washed-out light cards were accepted`);
  },
};
