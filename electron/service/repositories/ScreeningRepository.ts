import { engineTextSchema, type Worded } from '../../../shared/schemas/engineText';
import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { BlocklistEntry, CaseFlag, FlagKind } from '../../../shared/schemas/screening';

const toBlob = (d: Float32Array) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
const fromBlob = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/**
 * A selfie's face as screening stores it: face-api's descriptor, MobileFace's embedding (null on
 * rows from before migration 31) and the face description version they were made under
 * (shared/faceDescriptionVersion.ts; 1 on rows from before migration 33).
 */
export interface StoredFace {
  descriptor: Float32Array;
  mobileFace: Float32Array | null;
  version: number;
  /**
   * Never stored: the face of the case being screened read as version 1 described faces, while
   * version-1 faces remain to be compared with it (storedFaceScore.ts).
   */
  version1Descriptor?: Float32Array;
}
type FaceRow = { descriptor: Buffer; mobile_face: Buffer | null; face_version: number };
const toFace = (r: FaceRow): StoredFace => ({ descriptor: fromBlob(r.descriptor), mobileFace: r.mobile_face ? fromBlob(r.mobile_face) : null, version: r.face_version });
/** A stored face described under an older version than the engine's, for the sweep that describes it anew. */
export interface OlderFace {
  rowid: number;
  descriptor: Float32Array;
  version: number;
}
const faceBlob = (f: StoredFace | undefined) => (f?.mobileFace && f.mobileFace.length > 0 ? toBlob(f.mobileFace) : null);

interface EntryRow {
  id: string;
  kind: 'FACE' | 'DOCUMENT';
  document_type: string | null;
  document_number: string | null;
  document_country: string | null;
  source_case_id: string;
  source_case_name: string;
  reason: string;
  created_by: string;
  created_at: string;
}

const ENTRY_SELECT = `SELECT b.id, b.kind, b.document_type, b.document_number, b.document_country, b.source_case_id,
  p.display_name AS source_case_name, b.reason, o.display_name AS created_by, b.created_at
  FROM blocklist b JOIN cases c ON c.id = b.source_case_id JOIN profiles p ON p.id = c.profile_id JOIN operators o ON o.id = b.created_by`;

const toEntry = (r: EntryRow): BlocklistEntry => ({
  id: r.id,
  kind: r.kind,
  documentType: r.document_type,
  documentNumber: r.document_number,
  documentCountry: r.document_country,
  sourceCaseId: r.source_case_id,
  sourceCaseName: r.source_case_name,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Blocklist entries, stored face descriptors and the flags screening raises. */
export class ScreeningRepository {
  private readonly sql: Prepare;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  addEntry(e: { id: string; kind: 'FACE' | 'DOCUMENT'; documentType?: string; documentNumber?: string; documentCountry?: string; face?: StoredFace; sourceCaseId: string; reason: string; createdBy: string; now: string }): void {
    this.sql(
      `INSERT INTO blocklist (id, kind, document_type, document_number, document_country, descriptor, mobile_face, face_version, source_case_id, reason, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.id, e.kind, e.documentType ?? null, e.documentNumber ?? null, e.documentCountry ?? null, e.face ? toBlob(e.face.descriptor) : null, faceBlob(e.face), e.face?.version ?? 1, e.sourceCaseId, e.reason, e.createdBy, e.now);
  }

  removeEntry(id: string, by: string, now: string): boolean {
    return this.sql('UPDATE blocklist SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL').run(now, by, id).changes === 1;
  }

  /** The active entries made from one case (its face, its document). */
  activeEntriesFrom(caseId: string): BlocklistEntry[] {
    return (this.sql(`${ENTRY_SELECT} WHERE b.source_case_id = ? AND b.removed_at IS NULL ORDER BY b.created_at`).all(caseId) as EntryRow[]).map(toEntry);
  }

  activeEntries(): BlocklistEntry[] {
    return (this.sql(`${ENTRY_SELECT} WHERE b.removed_at IS NULL ORDER BY b.created_at DESC`).all() as EntryRow[]).map(toEntry);
  }

  documentEntries(documentNumber: string): { id: string; sourceCaseId: string; country: string | null }[] {
    return (this.sql("SELECT id, source_case_id, document_country FROM blocklist WHERE kind = 'DOCUMENT' AND document_number = ? AND removed_at IS NULL").all(documentNumber) as {
      id: string;
      source_case_id: string;
      document_country: string | null;
    }[]).map((r) => ({ id: r.id, sourceCaseId: r.source_case_id, country: r.document_country }));
  }

  faceEntries(): { id: string; sourceCaseId: string; face: StoredFace }[] {
    const rows = this.sql("SELECT id, source_case_id, descriptor, mobile_face, face_version FROM blocklist WHERE kind = 'FACE' AND removed_at IS NULL").all() as (FaceRow & { id: string; source_case_id: string })[];
    return rows.map((r) => ({ id: r.id, sourceCaseId: r.source_case_id, face: toFace(r) }));
  }

  /** Other cases whose profile carries the same document number (and country). */
  casesWithDocument(documentNumber: string, country: string, exceptCaseId: string): string[] {
    return (this.sql('SELECT c.id FROM cases c JOIN profiles p ON p.id = c.profile_id WHERE p.document_number = ? AND p.country_code = ? AND c.id != ?').all(
      documentNumber,
      country,
      exceptCaseId,
    ) as { id: string }[]).map((r) => r.id);
  }

  /** Stores the case's selfie face, replacing the one an earlier analysis stored. */
  saveFace(caseId: string, face: StoredFace, now: string): void {
    this.sql(
      `INSERT INTO face_descriptors (case_id, descriptor, mobile_face, face_version, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(case_id) DO UPDATE SET descriptor = excluded.descriptor, mobile_face = excluded.mobile_face, face_version = excluded.face_version, created_at = excluded.created_at`,
    ).run(caseId, toBlob(face.descriptor), faceBlob(face), face.version, now);
  }

  /** Whether a stored face or an active blocklisted face was described under a version before `version`. */
  hasFacesBefore(version: number): boolean {
    return (
      this.sql("SELECT 1 FROM face_descriptors WHERE face_version < ? UNION ALL SELECT 1 FROM blocklist WHERE kind = 'FACE' AND removed_at IS NULL AND face_version < ? LIMIT 1").get(version, version) !==
      undefined
    );
  }

  /** Whether the case has an active blocklisted face described under a version before `version`. */
  hasEntriesBefore(caseId: string, version: number): boolean {
    return this.sql("SELECT 1 FROM blocklist WHERE source_case_id = ? AND kind = 'FACE' AND removed_at IS NULL AND face_version < ? LIMIT 1").get(caseId, version) !== undefined;
  }

  /** Stored faces described under a version before `version`, after `afterRowid`, in rowid order: the sweep's cursor. */
  facesBefore(version: number, afterRowid: number, limit: number): (OlderFace & { caseId: string })[] {
    const rows = this.sql('SELECT rowid, case_id, descriptor, face_version FROM face_descriptors WHERE face_version < ? AND rowid > ? ORDER BY rowid LIMIT ?').all(version, afterRowid, limit) as {
      rowid: number;
      case_id: string;
      descriptor: Buffer;
      face_version: number;
    }[];
    return rows.map((r) => ({ rowid: r.rowid, caseId: r.case_id, descriptor: fromBlob(r.descriptor), version: r.face_version }));
  }

  /** Active blocklist face entries described under a version before `version`, after `afterRowid`, in rowid order. */
  entriesBefore(version: number, afterRowid: number, limit: number): (OlderFace & { id: string; sourceCaseId: string })[] {
    const rows = this.sql(
      "SELECT rowid, id, source_case_id, descriptor, face_version FROM blocklist WHERE kind = 'FACE' AND face_version < ? AND removed_at IS NULL AND rowid > ? ORDER BY rowid LIMIT ?",
    ).all(version, afterRowid, limit) as { rowid: number; id: string; source_case_id: string; descriptor: Buffer; face_version: number }[];
    return rows.map((r) => ({ rowid: r.rowid, id: r.id, sourceCaseId: r.source_case_id, descriptor: fromBlob(r.descriptor), version: r.face_version }));
  }

  /**
   * Replaces a case's older face with its new description, keeping its date, and the blocklist
   * entries made from that same face (same descriptor, same version), in one transaction. False
   * when the row changed meanwhile (`older` is what the caller recognised in the selfie): an
   * analysis stored a newer face.
   */
  redescribeFace(caseId: string, older: OlderFace, face: StoredFace): boolean {
    return this.db.transaction(() => {
      const done = this.replaceOlder('face_descriptors', 'case_id = ?', caseId, older, face);
      if (done) this.replaceOlder('blocklist', "source_case_id = ? AND kind = 'FACE'", caseId, older, face);
      return done;
    })();
  }

  /** Replaces one blocklist entry's older face with its new description (its face found again in one of its case's selfies). */
  redescribeEntry(entryId: string, older: OlderFace, face: StoredFace): boolean {
    return this.replaceOlder('blocklist', "id = ? AND kind = 'FACE'", entryId, older, face);
  }

  /** Rows of `table` matching `where` that still hold `older` (same version, same descriptor) take `face`; true when one did. */
  private replaceOlder(table: 'face_descriptors' | 'blocklist', where: string, key: string, older: OlderFace, face: StoredFace): boolean {
    return (
      this.sql(`UPDATE ${table} SET descriptor = ?, mobile_face = ?, face_version = ? WHERE ${where} AND face_version = ? AND descriptor = ?`).run(
        toBlob(face.descriptor),
        faceBlob(face),
        face.version,
        key,
        older.version,
        toBlob(older.descriptor),
      ).changes > 0
    );
  }

  faceOf(caseId: string): StoredFace | undefined {
    const r = this.sql('SELECT descriptor, mobile_face, face_version FROM face_descriptors WHERE case_id = ?').get(caseId) as FaceRow | undefined;
    return r && toFace(r);
  }

  /** Every other case's face, streamed: a linear scan, fine for 10^5 cases of 128 + 256 floats. */
  *otherFaces(exceptCaseId: string): Generator<{ caseId: string; face: StoredFace }> {
    for (const r of this.sql('SELECT case_id, descriptor, mobile_face, face_version FROM face_descriptors WHERE case_id != ?').iterate(exceptCaseId) as IterableIterator<FaceRow & { case_id: string }>) {
      yield { caseId: r.case_id, face: toFace(r) };
    }
  }

  /** Raises a flag once; false when the same flag exists (UNIQUE alone misses NULL links). */
  addFlag(f: { id: string; caseId: string; kind: FlagKind; otherCaseId: string | null; blocklistId: string | null; score: number | null; singleModel?: boolean; detail: Worded; now: string }): boolean {
    const exists = this.sql('SELECT 1 FROM case_flags WHERE case_id = ? AND kind = ? AND other_case_id IS ? AND blocklist_id IS ?').get(f.caseId, f.kind, f.otherCaseId, f.blocklistId);
    if (exists) return false;
    return (
      this.sql(
        `INSERT INTO case_flags (id, case_id, kind, other_case_id, blocklist_id, score, single_model, detail, detail_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ).run(f.id, f.caseId, f.kind, f.otherCaseId, f.blocklistId, f.score, f.singleModel ? 1 : 0, f.detail.message, JSON.stringify(f.detail.text), f.now).changes === 1
    );
  }

  flagsFor(caseId: string): CaseFlag[] {
    return (
      this.sql(
        `SELECT f.*, p.display_name AS other_case_name FROM case_flags f
         LEFT JOIN cases c ON c.id = f.other_case_id LEFT JOIN profiles p ON p.id = c.profile_id
         WHERE f.case_id = ? ORDER BY f.created_at, f.rowid`,
      ).all(caseId) as { id: string; kind: FlagKind; other_case_id: string | null; other_case_name: string | null; blocklist_id: string | null; score: number | null; single_model: number; detail: string; detail_text: string | null; created_at: string }[]
    ).map((r) => ({
      id: r.id,
      kind: r.kind,
      otherCaseId: r.other_case_id,
      otherCaseName: r.other_case_name,
      blocklistId: r.blocklist_id,
      score: r.score,
      singleModel: r.single_model === 1,
      detail: r.detail,
      // Words this build does not know (a later catalogue, then a downgrade) leave the English detail.
      detailText: r.detail_text ? (engineTextSchema.safeParse(JSON.parse(r.detail_text)).data ?? null) : null,
      createdAt: r.created_at,
    }));
  }
}
