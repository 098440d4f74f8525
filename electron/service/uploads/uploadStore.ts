import type { Db } from '../db/openDatabase';
import type { ServiceDeps } from '../core/ServiceDeps';
import { UploadRepository } from '../repositories/UploadRepository';

// One repository per open database, made on first use (as the onboarding area does), so the
// upload area needs no change to the shared dependency bundle.
const repositories = new WeakMap<Db, UploadRepository>();

export function uploadRepo(deps: ServiceDeps): UploadRepository {
  let repo = repositories.get(deps.db);
  if (!repo) {
    repo = new UploadRepository(deps.db);
    repositories.set(deps.db, repo);
  }
  return repo;
}
