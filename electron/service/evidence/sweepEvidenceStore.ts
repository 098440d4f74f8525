import type { EvidenceStore } from './EvidenceStore';

/**
 * Run when a store opens, before any call can put a file: removes what a crash mid-upload left
 * in the evidence folder, a `.tmp` cut short before its rename, or a complete file whose row
 * never committed (nothing refers to it). Files are put before their row, so nothing else can
 * be unreferenced at this moment.
 */
export function sweepEvidenceStore(store: EvidenceStore, referenced: Set<string>): { partial: number; orphans: number } {
  let partial = 0;
  let orphans = 0;
  for (const e of store.entries()) {
    if (e.sha256 === null) {
      store.remove(e.path);
      partial += 1;
    } else if (!referenced.has(e.sha256)) {
      store.remove(e.path);
      orphans += 1;
    }
  }
  return { partial, orphans };
}
