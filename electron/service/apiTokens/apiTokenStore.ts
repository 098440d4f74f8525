import type { ServiceDeps } from '../core/ServiceDeps';
import { ApiTokenRepository } from '../repositories/ApiTokenRepository';

const stores = new WeakMap<ServiceDeps['db'], ApiTokenRepository>();

/**
 * One token repository per open database. Kept beside ServiceDeps (not in it) so this area
 * stays in its own files; the statement cache lives as long as the connection.
 */
export function apiTokenStore(deps: Pick<ServiceDeps, 'db'>): ApiTokenRepository {
  let repo = stores.get(deps.db);
  if (!repo) {
    repo = new ApiTokenRepository(deps.db);
    stores.set(deps.db, repo);
  }
  return repo;
}
