import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { listEntrySchema, type ListEntry, type ListFormat, type SanctionList, type ScreeningHitRecord } from '../../../shared/schemas/sanctions';

interface ListRow {
  id: string;
  source: string;
  format: ListFormat;
  file_name: string;
  file_hash: string;
  published_at: string | null;
  entry_count: number;
  imported_at: string;
  imported_by: string | null;
  active: number;
}

interface HitRow {
  id: string;
  case_id: string;
  source: string;
  entry_id: string;
  list_id: string;
  matched_name: string;
  score: number;
  why: string;
  found_at: string;
  disposition: 'TRUE_POSITIVE' | 'FALSE_POSITIVE' | null;
  disposition_reason: string | null;
  disposed_by: string | null;
  disposed_at: string | null;
}

const toList = (r: ListRow): SanctionList => ({
  id: r.id,
  source: r.source,
  format: r.format,
  fileName: r.file_name,
  fileSha256: r.file_hash,
  publishedAt: r.published_at,
  entryCount: r.entry_count,
  importedAt: r.imported_at,
  importedBy: r.imported_by,
  active: r.active === 1,
});

const toHit = (r: HitRow): ScreeningHitRecord => ({
  id: r.id,
  caseId: r.case_id,
  source: r.source,
  entryId: r.entry_id,
  listId: r.list_id,
  matchedName: r.matched_name,
  score: r.score,
  why: JSON.parse(r.why) as string[],
  foundAt: r.found_at,
  disposition: r.disposition,
  dispositionReason: r.disposition_reason,
  disposedBy: r.disposed_by,
  disposedAt: r.disposed_at,
});

/** Sanctions and watch list snapshots, their entries, the hits screening records and the clearances officers give. */
export class SanctionsRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Writes a snapshot and its entries and makes it its source's active one. Call inside a transaction. */
  insertActive(l: Omit<SanctionList, 'active' | 'entryCount'>, entries: readonly ListEntry[]): SanctionList | null {
    const previous = this.active().find((x) => x.source === l.source) ?? null;
    this.sql('UPDATE sanction_lists SET active = 0 WHERE source = ? AND active = 1').run(l.source);
    this.sql(
      `INSERT INTO sanction_lists (id, source, format, file_name, file_hash, published_at, entry_count, imported_at, imported_by, active)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    ).run(l.id, l.source, l.format, l.fileName, l.fileSha256, l.publishedAt, entries.length, l.importedAt, l.importedBy);
    const insert = this.sql('INSERT INTO sanction_entries (list_id, entry_id, body) VALUES (?, ?, ?)');
    for (const e of entries) insert.run(l.id, e.entryId, JSON.stringify({ ...e, list: l.source }));
    return previous;
  }

  active(): SanctionList[] {
    return (this.sql('SELECT * FROM sanction_lists WHERE active = 1 ORDER BY source').all() as ListRow[]).map(toList);
  }

  all(): SanctionList[] {
    return (this.sql('SELECT * FROM sanction_lists ORDER BY imported_at DESC, source').all() as ListRow[]).map(toList);
  }

  /** Every entry of the active snapshots. */
  activeEntries(): ListEntry[] {
    const rows = this.sql('SELECT e.body FROM sanction_entries e JOIN sanction_lists l ON l.id = e.list_id WHERE l.active = 1 ORDER BY l.source, e.rowid').all() as { body: string }[];
    return rows.map((r) => listEntrySchema.parse(JSON.parse(r.body)));
  }

  entry(listId: string, entryId: string): ListEntry | null {
    const r = this.sql('SELECT body FROM sanction_entries WHERE list_id = ? AND entry_id = ?').get(listId, entryId) as { body: string } | undefined;
    return r ? listEntrySchema.parse(JSON.parse(r.body)) : null;
  }

  hitsFor(caseId: string): ScreeningHitRecord[] {
    return (this.sql('SELECT * FROM screening_hits WHERE case_id = ? ORDER BY score DESC, source, entry_id').all(caseId) as HitRow[]).map(toHit);
  }

  hit(id: string): ScreeningHitRecord | null {
    const r = this.sql('SELECT * FROM screening_hits WHERE id = ?').get(id) as HitRow | undefined;
    return r ? toHit(r) : null;
  }

  /** Records a hit once per case and entry; a later screening refreshes its score and list, never its disposition. Returns whether it is new. */
  upsertHit(h: Omit<ScreeningHitRecord, 'dispositionReason' | 'disposedBy' | 'disposedAt' | 'disposition'> & { profileId: string; cleared: { reason: string; by: string | null; at: string } | null }): boolean {
    const existing = this.sql('SELECT id FROM screening_hits WHERE case_id = ? AND source = ? AND entry_id = ?').get(h.caseId, h.source, h.entryId) as { id: string } | undefined;
    if (existing) {
      this.sql('UPDATE screening_hits SET score = ?, why = ?, list_id = ?, matched_name = ? WHERE id = ?').run(h.score, JSON.stringify(h.why), h.listId, h.matchedName, existing.id);
      return false;
    }
    this.sql(
      `INSERT INTO screening_hits (id, case_id, profile_id, source, entry_id, list_id, matched_name, score, why, found_at, disposition, disposition_reason, disposed_by, disposed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(h.id, h.caseId, h.profileId, h.source, h.entryId, h.listId, h.matchedName, h.score, JSON.stringify(h.why), h.foundAt, h.cleared ? 'FALSE_POSITIVE' : null, h.cleared?.reason ?? null, h.cleared?.by ?? null, h.cleared?.at ?? null);
    return true;
  }

  dispose(id: string, d: { disposition: 'TRUE_POSITIVE' | 'FALSE_POSITIVE'; reason: string; by: string; at: string }): void {
    this.sql('UPDATE screening_hits SET disposition = ?, disposition_reason = ?, disposed_by = ?, disposed_at = ? WHERE id = ?').run(d.disposition, d.reason, d.by, d.at, id);
  }

  clearance(profileId: string, source: string, entryId: string): { reason: string; by: string | null; at: string } | null {
    const r = this.sql('SELECT reason, cleared_by, cleared_at FROM screening_clearances WHERE profile_id = ? AND source = ? AND entry_id = ?').get(profileId, source, entryId) as
      | { reason: string; cleared_by: string | null; cleared_at: string }
      | undefined;
    return r ? { reason: r.reason, by: r.cleared_by, at: r.cleared_at } : null;
  }

  remember(profileId: string, source: string, entryId: string, reason: string, by: string, at: string): void {
    this.sql('INSERT OR REPLACE INTO screening_clearances (profile_id, source, entry_id, reason, cleared_by, cleared_at) VALUES (?, ?, ?, ?, ?, ?)').run(profileId, source, entryId, reason, by, at);
  }

  forget(profileId: string, source: string, entryId: string): void {
    this.sql('DELETE FROM screening_clearances WHERE profile_id = ? AND source = ? AND entry_id = ?').run(profileId, source, entryId);
  }

  /** Cases to screen again when a list changes: open ones and approved ones. */
  casesToRescreen(): string[] {
    return (this.sql("SELECT id FROM cases WHERE status IN ('SUBMITTED', 'IN_REVIEW', 'APPROVED') ORDER BY created_at").all() as { id: string }[]).map((r) => r.id);
  }
}
