import type { Db } from '../db/openDatabase';
import type { ServiceDeps } from '../core/ServiceDeps';
import { IntakeRepository } from '../repositories/IntakeRepository';

// One repository per open database, made on first use, so the onboarding area needs no
// change to the shared dependency bundle.
const repositories = new WeakMap<Db, IntakeRepository>();

export function intakeRepo(deps: ServiceDeps): IntakeRepository {
  let repo = repositories.get(deps.db);
  if (!repo) {
    repo = new IntakeRepository(deps.db);
    repositories.set(deps.db, repo);
  }
  return repo;
}
