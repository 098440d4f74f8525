import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { ProfileRepository } from '../../../electron/service/repositories/ProfileRepository';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0039 company_email_index', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('keeps two companies that share an email from before the rule, and makes the company email check a lookup', () => {
    h = dbAtVersion(38);
    const insert = h.db.prepare(
      "INSERT INTO profiles (id, type, external_id, email, display_name, country_code, document_type, document_number, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'CO', 'NIT', ?, '{}', ?, ?)",
    );
    insert.run('c1', 'COMPANY', 'ext-c1', 'shared@acme.example', 'Acme One', '900123456', T0, T0);
    insert.run('c2', 'COMPANY', 'ext-c2', 'shared@acme.example', 'Acme Two', '900123457', T0, T0);
    insert.run('p1', 'PERSON', 'ext-p1', 'shared@acme.example', 'Ana Gómez', '1020304050', T0, T0);
    expect(migrate(h.db, 39)).toBe(39);
    expect((h.db.prepare('SELECT COUNT(*) AS n FROM profiles').get() as { n: number }).n).toBe(3);
    const repo = new ProfileRepository(h.db);
    expect(repo.emailTaken('COMPANY', 'shared@acme.example', 'c1')).toBe(true);
    expect(repo.emailTaken('COMPANY', 'other@acme.example')).toBe(false);
    // A company's email does not count against a person's, nor the other way round.
    expect(repo.emailTaken('PERSON', 'shared@acme.example', 'p1')).toBe(false);
    const plan = (h.db.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM profiles WHERE type = 'COMPANY' AND email = ? AND id IS NOT ?").all('x', null) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toContain('profiles_company_email');
  });
});
