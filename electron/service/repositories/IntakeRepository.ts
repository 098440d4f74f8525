import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { ProfileType } from '../../../shared/schemas/profile';
import type { IntakeDocument, IntakeDraft, LegalText, TextKind, WizardStep } from '../../../shared/schemas/intake';

interface TextRow {
  id: string;
  version: number;
  kind: TextKind;
  title: string;
  body: string;
  title_zh: string | null;
  body_zh: string | null;
  published_at: string;
}

function toText(r: TextRow): LegalText {
  return {
    id: r.id,
    kind: r.kind,
    version: r.version,
    title: r.title,
    text: r.body,
    zhCN: r.title_zh !== null && r.body_zh !== null ? { title: r.title_zh, text: r.body_zh } : null,
    publishedAt: r.published_at,
  };
}

interface DocumentRow {
  id: string;
  kind: IntakeDocument['kind'];
  sha256: string;
  mime_type: string;
  byte_size: number;
  file_name: string;
  created_at: string;
  created_by: string;
  evidence_id: string | null;
}

export interface ApplicationRow {
  profile_id: string;
  type: ProfileType;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** JSON of the document declared with `kyc documents` (migration 0021); absent before it. */
  declared_document?: string | null;
}

export interface AcceptanceRow {
  text_id: string;
  text_version: number;
  operator_id: string;
  operator_name: string;
  at: string;
}

/** Onboarding applications, legal texts, acceptances, pending documents and drafts. */
export class IntakeRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** The newest version of every text. */
  currentTexts(): LegalText[] {
    return (
      this.sql(
        `SELECT t.* FROM intake_texts t
         JOIN (SELECT id, max(version) AS v FROM intake_texts GROUP BY id) m ON m.id = t.id AND m.v = t.version
         ORDER BY CASE t.kind WHEN 'consent' THEN 0 WHEN 'agreement' THEN 1 ELSE 2 END, t.published_at, t.id`,
      ).all() as TextRow[]
    ).map(toText);
  }

  text(id: string, version: number): LegalText | undefined {
    const r = this.sql('SELECT * FROM intake_texts WHERE id = ? AND version = ?').get(id, version) as TextRow | undefined;
    return r ? toText(r) : undefined;
  }

  latestVersionOf(id: string): { version: number; kind: TextKind } | undefined {
    return this.sql('SELECT version, kind FROM intake_texts WHERE id = ? ORDER BY version DESC LIMIT 1').get(id) as { version: number; kind: TextKind } | undefined;
  }

  insertText(t: { id: string; version: number; kind: TextKind; title: string; text: string; zhCN: { title: string; text: string } | null; at: string; by: string }): void {
    this.sql(
      `INSERT INTO intake_texts (id, version, kind, title, body, title_zh, body_zh, published_at, published_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(t.id, t.version, t.kind, t.title, t.text, t.zhCN?.title ?? null, t.zhCN?.text ?? null, t.at, t.by);
  }

  application(profileId: string): ApplicationRow | undefined {
    return this.sql('SELECT * FROM intake_applications WHERE profile_id = ?').get(profileId) as ApplicationRow | undefined;
  }

  insertApplication(a: { profileId: string; type: ProfileType; createdBy: string; at: string }): void {
    this.sql('INSERT INTO intake_applications (profile_id, type, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      a.profileId,
      a.type,
      a.createdBy,
      a.at,
      a.at,
    );
  }

  /** The document declared with `kyc documents`, as a JSON value; replaces an earlier declaration. */
  setDeclaredDocument(profileId: string, document: Record<string, unknown>, at: string): void {
    this.sql('UPDATE intake_applications SET declared_document = ?, updated_at = ? WHERE profile_id = ?').run(JSON.stringify(document), at, profileId);
  }

  touchApplication(profileId: string, at: string): void {
    this.sql('UPDATE intake_applications SET updated_at = ? WHERE profile_id = ?').run(at, profileId);
  }

  /** The stored files an application's own records name: its documents and the uploads filed with it. */
  applicationFileHashes(profileId: string): string[] {
    const rows = this.sql('SELECT sha256 FROM intake_documents WHERE profile_id = ? UNION SELECT sha256 FROM uploads WHERE attached_profile_id = ? ORDER BY 1').all(profileId, profileId) as { sha256: string }[];
    return rows.map((r) => r.sha256);
  }

  /** Deletes an application and every record filed under it, in the caller's transaction; counts by kind. */
  deleteApplication(profileId: string): { acceptances: number; documents: number; uploads: number; drafts: number } {
    const remove = (sql: string) => this.sql(sql).run(profileId).changes;
    const removed = {
      documents: remove('DELETE FROM intake_documents WHERE profile_id = ?'),
      uploads: remove('DELETE FROM uploads WHERE attached_profile_id = ?'),
      drafts: remove('DELETE FROM intake_drafts WHERE profile_id = ?'),
      acceptances: remove('DELETE FROM intake_acceptances WHERE profile_id = ?'),
    };
    remove('DELETE FROM intake_applications WHERE profile_id = ?');
    return removed;
  }

  /** Applications that never got a profile and were last touched before `cutoff`, the longest idle first. */
  idleWithoutProfile(cutoff: string, limit: number): { profileId: string; updatedAt: string }[] {
    return this.sql(
      `SELECT a.profile_id AS profileId, a.updated_at AS updatedAt FROM intake_applications a
       WHERE a.updated_at < ? AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = a.profile_id)
       ORDER BY a.updated_at LIMIT ?`,
    ).all(cutoff, limit) as { profileId: string; updatedAt: string }[];
  }

  /** Applications whose profile does not exist yet, newest first (they have no name to search on). */
  applicationsWithoutProfile(type: ProfileType | undefined, limit: number): ApplicationRow[] {
    return this.sql(
      `SELECT a.* FROM intake_applications a
       WHERE NOT EXISTS (SELECT 1 FROM profiles p WHERE p.id = a.profile_id) AND (? IS NULL OR a.type = ?)
       ORDER BY a.updated_at DESC LIMIT ?`,
    ).all(type ?? null, type ?? null, limit) as ApplicationRow[];
  }

  /** Profiles matching a search (name, externalId, email, document number), most recently changed first. */
  searchProfiles(search: string | undefined, type: ProfileType | undefined, limit: number): { id: string; type: ProfileType; display_name: string; external_id: string; updated: string; status: string | null }[] {
    const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.sql(
      `SELECT p.id, p.type, p.display_name, p.external_id, max(p.updated_at, coalesce(c.updated_at, ''), coalesce(a.updated_at, '')) AS updated, c.status
       FROM profiles p
       LEFT JOIN cases c ON c.profile_id = p.id
       LEFT JOIN intake_applications a ON a.profile_id = p.id
       WHERE (? IS NULL OR p.type = ?)
         AND (? IS NULL OR p.display_name LIKE ? ESCAPE '\\' OR p.external_id LIKE ? ESCAPE '\\' OR p.email LIKE ? ESCAPE '\\' OR p.document_number LIKE ? ESCAPE '\\')
       ORDER BY updated DESC LIMIT ?`,
    ).all(type ?? null, type ?? null, like, like, like, like, like, limit) as { id: string; type: ProfileType; display_name: string; external_id: string; updated: string; status: string | null }[];
  }

  insertAcceptance(a: { id: string; profileId: string; textId: string; version: number; operatorId: string; at: string }): void {
    this.sql('INSERT INTO intake_acceptances (id, profile_id, text_id, text_version, operator_id, at) VALUES (?, ?, ?, ?, ?, ?)').run(
      a.id,
      a.profileId,
      a.textId,
      a.version,
      a.operatorId,
      a.at,
    );
  }

  /** The latest acceptance of each text for this customer. */
  latestAcceptances(profileId: string): AcceptanceRow[] {
    return this.sql(
      `SELECT x.text_id, x.text_version, x.operator_id, o.display_name AS operator_name, x.at
       FROM intake_acceptances x JOIN operators o ON o.id = x.operator_id
       WHERE x.profile_id = ? AND x.rowid = (SELECT y.rowid FROM intake_acceptances y WHERE y.profile_id = x.profile_id AND y.text_id = x.text_id ORDER BY y.at DESC, y.rowid DESC LIMIT 1)
       ORDER BY x.at`,
    ).all(profileId) as AcceptanceRow[];
  }

  insertDocument(d: { id: string; profileId: string; kind: IntakeDocument['kind']; sha256: string; mimeType: string; byteSize: number; fileName: string; at: string; by: string }): void {
    this.sql(
      `INSERT INTO intake_documents (id, profile_id, kind, sha256, mime_type, byte_size, file_name, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(d.id, d.profileId, d.kind, d.sha256, d.mimeType, d.byteSize, d.fileName, d.at, d.by);
  }

  /** Documents not yet moved onto a case, oldest first. */
  pendingDocuments(profileId: string): (IntakeDocument & { createdBy: string })[] {
    return (this.sql('SELECT * FROM intake_documents WHERE profile_id = ? AND evidence_id IS NULL ORDER BY created_at, rowid').all(profileId) as DocumentRow[]).map((r) => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      mimeType: r.mime_type,
      byteSize: r.byte_size,
      sha256: r.sha256,
      createdAt: r.created_at,
      createdBy: r.created_by,
      pending: true,
    }));
  }

  markMoved(documentId: string, evidenceId: string): void {
    this.sql('UPDATE intake_documents SET evidence_id = ? WHERE id = ?').run(evidenceId, documentId);
  }

  /** The case's newest liveness session (the status shows its outcome). */
  latestLivenessSessionId(caseId: string): string | undefined {
    const r = this.sql('SELECT id FROM liveness_sessions WHERE case_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1').get(caseId) as { id: string } | undefined;
    return r?.id;
  }

  draft(profileId: string): IntakeDraft | undefined {
    const r = this.sql('SELECT * FROM intake_drafts WHERE profile_id = ?').get(profileId) as
      | { profile_id: string; step: WizardStep; data: string; updated_at: string; updated_by: string }
      | undefined;
    return r ? { profileId: r.profile_id, step: r.step, data: JSON.parse(r.data) as Record<string, unknown>, updatedAt: r.updated_at, updatedBy: r.updated_by } : undefined;
  }

  saveDraft(d: { profileId: string; step: WizardStep; data: Record<string, unknown>; at: string; by: string }): void {
    this.sql(
      `INSERT INTO intake_drafts (profile_id, step, data, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(profile_id) DO UPDATE SET step = excluded.step, data = excluded.data, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run(d.profileId, d.step, JSON.stringify(d.data), d.at, d.by);
  }
}
