import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';

/** One kind of row a purge removes: read first (for the digest), then deleted, in this order. */
interface PurgedTable {
  /** Name in the counts and the digest. */
  key: string;
  table: string;
  select: string;
  delete: string;
  /** Which id the statements take. */
  by: 'case' | 'profile';
  /** Tables of areas whose migration may not be applied in every store. */
  optional?: true;
}

const byCase = (key: string, table: string, cols = '*'): PurgedTable => ({
  key,
  table,
  by: 'case',
  select: `SELECT ${cols} FROM ${table} WHERE case_id = ? ORDER BY rowid`,
  delete: `DELETE FROM ${table} WHERE case_id = ?`,
});
const byProfile = (key: string, table: string, column: string, optional?: true): PurgedTable => ({
  key,
  table,
  by: 'profile',
  select: `SELECT * FROM ${table} WHERE ${column} = ? ORDER BY rowid`,
  delete: `DELETE FROM ${table} WHERE ${column} = ?`,
  ...(optional ? { optional } : {}),
});

/**
 * Children before parents, so every delete passes the foreign keys. Blobs are read as hex so
 * the digest is over plain JSON.
 */
const TABLES: readonly PurgedTable[] = [
  {
    key: 'livenessCallbacks',
    table: 'api_liveness_callbacks',
    by: 'case',
    optional: true,
    select: 'SELECT * FROM api_liveness_callbacks WHERE session_id IN (SELECT id FROM liveness_sessions WHERE case_id = ?) ORDER BY rowid',
    delete: 'DELETE FROM api_liveness_callbacks WHERE session_id IN (SELECT id FROM liveness_sessions WHERE case_id = ?)',
  },
  byCase('screeningFlags', 'case_flags'),
  // Sanctions screening (migration 0026): the case's hits, and the clearances remembered for the person.
  { ...byCase('sanctionHits', 'screening_hits'), optional: true },
  byProfile('sanctionClearances', 'screening_clearances', 'profile_id', true),
  {
    key: 'blocklistEntries',
    table: 'blocklist',
    by: 'case',
    select: `SELECT id, kind, document_type, document_number, document_country, hex(descriptor) AS descriptor, hex(mobile_face) AS mobile_face, face_version, source_case_id, reason,
      created_by, created_at, removed_at, removed_by FROM blocklist WHERE source_case_id = ? ORDER BY rowid`,
    delete: 'DELETE FROM blocklist WHERE source_case_id = ?',
  },
  byCase('faceDescriptors', 'face_descriptors', 'case_id, hex(descriptor) AS descriptor, hex(mobile_face) AS mobile_face, face_version, created_at'),
  // Remote providers' liveness results (migration 0019) carry the person's liveness outcome.
  { ...byCase('remoteLivenessResults', 'liveness_remote_results'), optional: true },
  // Didit's OCR, scores and warnings imported into the case (migration 0023).
  { ...byCase('diditResults', 'didit_results'), optional: true },
  // Remote sync (migration 0022): the case's queued or sent effects and what it is called remotely.
  { key: 'syncOutbox', table: 'sync_outbox', by: 'case', optional: true, select: 'SELECT * FROM sync_outbox WHERE case_id = ? ORDER BY seq', delete: 'DELETE FROM sync_outbox WHERE case_id = ?' },
  {
    key: 'syncCaseLinks',
    table: 'sync_links',
    by: 'case',
    optional: true,
    select: "SELECT * FROM sync_links WHERE local_kind = 'case' AND local_id = ? ORDER BY rowid",
    delete: "DELETE FROM sync_links WHERE local_kind = 'case' AND local_id = ?",
  },
  {
    key: 'syncProfileLinks',
    table: 'sync_links',
    by: 'profile',
    optional: true,
    select: "SELECT * FROM sync_links WHERE local_kind = 'profile' AND local_id = ? ORDER BY rowid",
    delete: "DELETE FROM sync_links WHERE local_kind = 'profile' AND local_id = ?",
  },
  byCase('livenessSessions', 'liveness_sessions'),
  byCase('analysisResults', 'analysis_results'),
  byCase('jobs', 'jobs'),
  byProfile('intakeDocuments', 'intake_documents', 'profile_id', true),
  byCase('evidenceRecords', 'evidence'),
  byCase('decisions', 'decisions'),
  byProfile('intakeDrafts', 'intake_drafts', 'profile_id', true),
  // Uploads filed with the customer (migration 0021); unfiled ones belong to nobody's case.
  byProfile('uploads', 'uploads', 'attached_profile_id', true),
  byProfile('intakeAcceptances', 'intake_acceptances', 'profile_id', true),
  byProfile('intakeApplications', 'intake_applications', 'profile_id', true),
  byProfile('companyOwnerLinks', 'company_owners', 'company_id'),
  { key: 'case', table: 'cases', by: 'case', select: 'SELECT * FROM cases WHERE id = ?', delete: 'DELETE FROM cases WHERE id = ?' },
  { key: 'profile', table: 'profiles', by: 'profile', select: 'SELECT * FROM profiles WHERE id = ?', delete: 'DELETE FROM profiles WHERE id = ?' },
];

/** Removes everything a case holds about its person, across the tables of every area. */
export class CasePurgeRepository {
  private readonly sql: Prepare;
  private present: ReadonlySet<string> | null = null;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Every row the purge of this case will remove, by kind. */
  collect(caseId: string, profileId: string): Record<string, unknown[]> {
    const out: Record<string, unknown[]> = {};
    for (const t of this.tables()) out[t.key] = this.sql(t.select).all(t.by === 'case' ? caseId : profileId);
    return out;
  }

  /** The evidence files the case's rows point at (evidence and onboarding documents). */
  fileHashes(caseId: string, profileId: string): string[] {
    const has = (table: string) => this.tables().some((t) => t.table === table);
    const intake = has('intake_documents') ? ' UNION SELECT sha256 FROM intake_documents WHERE profile_id = ?' : '';
    const uploads = has('uploads') ? ' UNION SELECT sha256 FROM uploads WHERE attached_profile_id = ?' : '';
    const args = [caseId, ...(intake ? [profileId] : []), ...(uploads ? [profileId] : [])];
    const rows = this.sql(`SELECT DISTINCT sha256 FROM evidence WHERE case_id = ?${intake}${uploads} ORDER BY 1`).all(...args) as { sha256: string }[];
    return rows.map((r) => r.sha256);
  }

  /**
   * Deletes the case and everything under it. Other cases' screening flags that pointed at it
   * (or at its blocklist entries) lose the link but stay: they are that case's findings.
   */
  remove(caseId: string, profileId: string): Record<string, number> {
    this.sql('UPDATE case_flags SET other_case_id = NULL WHERE other_case_id = ? AND case_id != ?').run(caseId, caseId);
    this.sql('UPDATE case_flags SET blocklist_id = NULL WHERE blocklist_id IN (SELECT id FROM blocklist WHERE source_case_id = ?) AND case_id != ?').run(caseId, caseId);
    const counts: Record<string, number> = {};
    for (const t of this.tables()) counts[t.key] = this.sql(t.delete).run(t.by === 'case' ? caseId : profileId).changes;
    return counts;
  }

  /** True while any remaining record still points at the file, so its bytes must stay. */
  fileStillReferenced(sha256: string): boolean {
    if (this.sql('SELECT 1 FROM evidence WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined) return true;
    if (this.tables().some((t) => t.table === 'intake_documents') && this.sql('SELECT 1 FROM intake_documents WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined) return true;
    // The same bytes uploaded again (by anyone) and not yet filed: that upload's key must still work.
    return this.tables().some((t) => t.table === 'uploads') && this.sql('SELECT 1 FROM uploads WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined;
  }

  private tables(): readonly PurgedTable[] {
    if (!this.present) {
      const names = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
      this.present = new Set(names.map((n) => n.name));
    }
    const present = this.present;
    return TABLES.filter((t) => !t.optional || present.has(t.table));
  }
}
