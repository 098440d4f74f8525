import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { dbAtVersion, isStrict, seedOperator, seedProfileAndCase, T0 } from '../../helpers/migrationDb';

describe('migration 0021 uploads', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('adds the upload keys and the declared document, leaving existing applications alone', () => {
    h = dbAtVersion(20);
    seedOperator(h.db);
    seedProfileAndCase(h.db);
    h.db.prepare("INSERT INTO intake_applications (profile_id, type, created_by, created_at, updated_at) VALUES ('p-1', 'PERSON', 'op-1', ?, ?)").run(T0, T0);
    expect(migrate(h.db, 21)).toBe(21);
    expect(isStrict(h.db, 'uploads')).toBe(true);
    // The application is kept, with no declaration yet.
    expect(h.db.prepare("SELECT profile_id, declared_document FROM intake_applications WHERE profile_id = 'p-1'").get()).toEqual({ profile_id: 'p-1', declared_document: null });
    h.db.prepare(`UPDATE intake_applications SET declared_document = '{"type":"PASSPORT"}' WHERE profile_id = 'p-1'`).run();
    expect(() => h.db.prepare("UPDATE intake_applications SET declared_document = 'not json' WHERE profile_id = 'p-1'").run()).toThrow(/CHECK/);

    const sha = 'a'.repeat(64);
    const insert = (id: string, mime = 'image/jpeg', by = 'op-1') =>
      h.db.prepare('INSERT INTO uploads (id, sha256, mime_type, byte_size, file_name, created_at, created_by) VALUES (?, ?, ?, 10, ?, ?, ?)').run(id, sha, mime, 'id-front.jpg', T0, by);
    insert('u-1');
    // Only document files; only known operators.
    expect(() => insert('u-2', 'video/webm')).toThrow(/CHECK/);
    expect(() => insert('u-3', 'image/png', 'op-404')).toThrow(/FOREIGN KEY/);
    // Filing sets profile, kind and time together, onto an application that exists.
    expect(() => h.db.prepare("UPDATE uploads SET attached_profile_id = 'p-1' WHERE id = 'u-1'").run()).toThrow(/CHECK/);
    expect(() => h.db.prepare("UPDATE uploads SET attached_profile_id = 'p-404', attached_kind = 'DOCUMENT_FRONT', attached_at = ? WHERE id = 'u-1'").run(T0)).toThrow(/FOREIGN KEY/);
    expect(() => h.db.prepare("UPDATE uploads SET attached_profile_id = 'p-1', attached_kind = 'LIVENESS_CLIP', attached_at = ? WHERE id = 'u-1'").run(T0)).toThrow(/CHECK/);
    h.db.prepare("UPDATE uploads SET attached_profile_id = 'p-1', attached_kind = 'DOCUMENT_BACK', attached_at = ? WHERE id = 'u-1'").run(T0);
    expect(h.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
  });
});
