import type { ServiceDeps } from '../core/ServiceDeps';
import { ExportJobRepository } from '../repositories/ExportJobRepository';
import { ReportRepository } from '../repositories/ReportRepository';
import { EvidenceThumbnails } from './evidenceThumbnails';

export interface ReportStores {
  reports: ReportRepository;
  exportJobs: ExportJobRepository;
  thumbnails: EvidenceThumbnails;
}

const stores = new WeakMap<ServiceDeps, ReportStores>();

/**
 * The report area's repositories and caches, one set per open service. Kept beside ServiceDeps
 * rather than in it so this area plugs in without widening what every handler receives.
 */
export function reportStoresFor(deps: ServiceDeps): ReportStores {
  let s = stores.get(deps);
  if (!s) {
    s = { reports: new ReportRepository(deps.db), exportJobs: new ExportJobRepository(deps.db), thumbnails: new EvidenceThumbnails(deps.evidenceFiles) };
    stores.set(deps, s);
  }
  return s;
}
