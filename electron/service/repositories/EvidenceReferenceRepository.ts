import type { Db } from '../db/openDatabase';

/**
 * Every content hash the store refers to: evidence rows (Didit media included), onboarding
 * documents, LeapCat uploads, and the key frames kept inside liveness results. A file in the
 * evidence store that none of these names is an orphan (test/service/evidenceSweep.test.ts checks
 * that every sha256 column of the schema is listed here).
 */
export class EvidenceReferenceRepository {
  constructor(private readonly db: Db) {}

  referenced(): Set<string> {
    const rows = this.db
      .prepare(
        `SELECT sha256 FROM evidence
         UNION SELECT sha256 FROM intake_documents
         UNION SELECT sha256 FROM uploads
         UNION SELECT kf.value FROM liveness_sessions s, json_each(s.result, '$.actions') a, json_each(a.value, '$.keyFrames') kf
           WHERE s.result IS NOT NULL AND kf.type = 'text'`,
      )
      .pluck()
      .all() as string[];
    return new Set(rows);
  }
}
