import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { Upload } from '../../../shared/schemas/upload';
import type { IntakeDocument } from '../../../shared/schemas/intake';

interface UploadRow {
  id: string;
  sha256: string;
  mime_type: Upload['mimeType'];
  byte_size: number;
  file_name: string;
  created_at: string;
  created_by: string;
  attached_profile_id: string | null;
  attached_kind: IntakeDocument['kind'] | null;
  attached_document_id: string | null;
  attached_at: string | null;
}

export type StoredUpload = Upload & { id: string; createdBy: string };

const KEY_PREFIX = 'uploads/';

function toUpload(r: UploadRow): StoredUpload {
  return {
    id: r.id,
    key: `${KEY_PREFIX}${r.id}`,
    fileName: r.file_name,
    mimeType: r.mime_type,
    byteSize: r.byte_size,
    sha256: r.sha256,
    createdAt: r.created_at,
    createdBy: r.created_by,
    attached:
      r.attached_profile_id !== null && r.attached_kind !== null && r.attached_at !== null
        ? { profileId: r.attached_profile_id, kind: r.attached_kind, documentId: r.attached_document_id, at: r.attached_at }
        : null,
  };
}

/** LeapCat-style uploads: the key of a stored file, and which customer it was later filed with. */
export class UploadRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(u: { id: string; sha256: string; mimeType: Upload['mimeType']; byteSize: number; fileName: string; at: string; by: string }): void {
    this.sql(
      `INSERT INTO uploads (id, sha256, mime_type, byte_size, file_name, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(u.id, u.sha256, u.mimeType, u.byteSize, u.fileName, u.at, u.by);
  }

  byKey(key: string): StoredUpload | undefined {
    if (!key.startsWith(KEY_PREFIX)) return undefined;
    const r = this.sql('SELECT * FROM uploads WHERE id = ?').get(key.slice(KEY_PREFIX.length)) as UploadRow | undefined;
    return r ? toUpload(r) : undefined;
  }

  /** Files the upload with a customer; only an upload not yet filed changes (returns false otherwise). */
  attach(id: string, a: { profileId: string; kind: IntakeDocument['kind']; documentId: string; at: string }): boolean {
    return (
      this.sql(
        `UPDATE uploads SET attached_profile_id = ?, attached_kind = ?, attached_document_id = ?, attached_at = ?
         WHERE id = ? AND attached_profile_id IS NULL`,
      ).run(a.profileId, a.kind, a.documentId, a.at, id).changes === 1
    );
  }
}
