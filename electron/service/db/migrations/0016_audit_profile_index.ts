import type { Migration } from './Migration';

export const migration0016: Migration = {
  version: 16,
  name: 'audit_profile_index',
  up(db) {
    db.exec(`
      -- A purge finds every event about a case or its profile (onboarding events carry only the
      -- profile). With this index both halves of that OR are index lookups, not a scan of the log.
      CREATE INDEX audit_profile ON audit_events(profile_id, seq) WHERE profile_id IS NOT NULL;
    `);
  },
};
