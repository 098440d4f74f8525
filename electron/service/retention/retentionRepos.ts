import type { Db } from '../db/openDatabase';
import { RetentionRepository } from '../repositories/RetentionRepository';
import { CasePurgeRepository } from '../repositories/CasePurgeRepository';

export interface RetentionRepos {
  retention: RetentionRepository;
  purge: CasePurgeRepository;
}

const byDb = new WeakMap<Db, RetentionRepos>();

/**
 * The retention repositories of a connection, made once so their prepared statements are
 * reused. Kept here rather than in ServiceDeps: nothing outside retention needs them.
 */
export function retentionRepos(db: Db): RetentionRepos {
  let r = byDb.get(db);
  if (!r) {
    r = { retention: new RetentionRepository(db), purge: new CasePurgeRepository(db) };
    byDb.set(db, r);
  }
  return r;
}
