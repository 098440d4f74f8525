import type { Migration } from './Migration';

/**
 * USER.0003 for companies: an email is registered to one company, as to one person (KillB refuses a
 * second user of the same type with it). Checked by the service on every write
 * (profiles/profileRules.ts); this index makes the check a lookup. Not UNIQUE like the persons'
 * index: a store may already hold two companies with one email, accepted before the rule, and the
 * migration must not fail on them (KillB refuses the second at push, a dead letter that says so).
 */
export const migration0039: Migration = {
  version: 39,
  name: 'company_email_index',
  up(db) {
    db.exec("CREATE INDEX profiles_company_email ON profiles(email) WHERE type = 'COMPANY'");
  },
};
