import type { Migration } from './Migration';

/**
 * A flag's detail as words for the UI's language (shared/schemas/engineText.ts), JSON beside the
 * English `detail`. Flags raised before keep NULL and show their English detail.
 */
export const migration0037: Migration = {
  version: 37,
  name: 'flag_detail_text',
  up(db) {
    db.exec('ALTER TABLE case_flags ADD COLUMN detail_text TEXT');
  },
};
