import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { Evidence } from '../../../shared/schemas/evidence';

interface EvidenceRow {
  id: string;
  case_id: string;
  kind: Evidence['kind'];
  sha256: string;
  mime_type: Evidence['mimeType'];
  byte_size: number;
  file_name: string;
  created_at: string;
  created_by: string;
}

function toEvidence(r: EvidenceRow): Evidence {
  return {
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    sha256: r.sha256,
    mimeType: r.mime_type,
    byteSize: r.byte_size,
    fileName: r.file_name,
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export class EvidenceRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(e: Evidence): void {
    this.sql(
        `INSERT INTO evidence (id, case_id, kind, sha256, mime_type, byte_size, file_name, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.id, e.caseId, e.kind, e.sha256, e.mimeType, e.byteSize, e.fileName, e.createdAt, e.createdBy);
  }

  forCase(caseId: string): Evidence[] {
    return (this.sql('SELECT * FROM evidence WHERE case_id = ? ORDER BY created_at, rowid').all(caseId) as EvidenceRow[]).map(
      toEvidence,
    );
  }

  /** The file's mime type if `sha256` is evidence of this case (access is checked per case). */
  mimeTypeInCase(caseId: string, sha256: string): string | undefined {
    const r = this.sql('SELECT mime_type FROM evidence WHERE case_id = ? AND sha256 = ? LIMIT 1').get(caseId, sha256) as
      | { mime_type: string }
      | undefined;
    return r?.mime_type;
  }
}
