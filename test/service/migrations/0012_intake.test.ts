import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0012 intake', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds onboarding tables and the first versions of the legal texts, leaving existing data alone', () => {
    h = dbAtVersion(11);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    expect(migrate(h.db, 12)).toBe(12);
    for (const table of ['intake_texts', 'intake_applications', 'intake_acceptances', 'intake_documents', 'intake_drafts']) expect(isStrict(h.db, table)).toBe(true);
    const texts = h.db.prepare('SELECT id, version, kind FROM intake_texts ORDER BY id').all();
    expect(texts).toEqual([
      { id: 'kyc_consent', version: 1, kind: 'consent' },
      { id: 'privacy_notice', version: 1, kind: 'disclosure' },
      { id: 'risk_disclosure', version: 1, kind: 'disclosure' },
      { id: 'terms_of_service', version: 1, kind: 'agreement' },
    ]);
    // Texts of record are never rewritten or deleted.
    expect(() => h.db.prepare("UPDATE intake_texts SET body = 'x' WHERE id = 'kyc_consent'").run()).toThrow(/immutable/);
    expect(() => h.db.prepare("DELETE FROM intake_texts WHERE id = 'kyc_consent'").run()).toThrow(/kept/);
    h.db.prepare("INSERT INTO intake_applications VALUES ('p-1', 'PERSON', 'op-1', ?, ?)").run(T0, T0);
    h.db.prepare("INSERT INTO intake_acceptances VALUES ('a1', 'p-1', 'kyc_consent', 1, 'op-1', ?)").run(T0);
    expect(() => h.db.prepare("INSERT INTO intake_acceptances VALUES ('a2', 'p-1', 'kyc_consent', 7, 'op-1', ?)").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("INSERT INTO intake_acceptances VALUES ('a3', 'p-404', 'kyc_consent', 1, 'op-1', ?)").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare(`INSERT INTO intake_documents VALUES ('d1', 'p-1', 'LIVENESS_CLIP', ?, 'video/webm', 10, 'x.webm', ?, 'op-1', NULL)`).run('a'.repeat(64), T0)).toThrow(/CHECK/);
    expect(() => h.db.prepare("INSERT INTO intake_drafts VALUES ('p-1', 'consent', 'not json', ?, 'op-1')").run(T0)).toThrow(/CHECK/);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    expect(h.db.prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 1 });
  });
});
