import { existsSync, writeFileSync } from 'node:fs';
import { openStoreFile } from '../helpers/openStoreFile';
import { describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { EvidenceReferenceRepository } from '../../electron/service/repositories/EvidenceReferenceRepository';
import { caseAt, TINY_PNG } from '../helpers/caseSetup';
import { openTempService } from '../helpers/tempService';
import { testKeys } from '../helpers/testKeys';

describe('evidence store sweep at start-up', () => {
  it('removes a write cut short and a file whose row never committed; keeps every referenced file, key frames included', async () => {
    const t = openTempService();
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const files = t.service.deps.evidenceFiles;
    const kept = t.service.deps.evidenceRows.forCase(caseId)[0]!.sha256;
    // A key frame, referenced only from inside a liveness result.
    const frame = files.put(Buffer.concat([TINY_PNG, Buffer.from('key frame')])).sha256;
    const s = (await t.service.call('liveness.start', { caseId }, staff)) as { ok: true; value: { id: string } };
    t.service.deps.db.prepare('UPDATE liveness_sessions SET result = ? WHERE id = ?').run(JSON.stringify({ actions: [{ action: 'blink', keyFrames: [frame] }] }), s.value.id);
    // What a crash mid-upload leaves: a complete file with no row, and a partial one.
    const orphan = files.put(Buffer.concat([TINY_PNG, Buffer.from('never recorded')])).sha256;
    const partial = `${files.pathOf(orphan)}.abcdef.tmp`;
    writeFileSync(partial, 'half');
    t.service.close();

    const reopened = KycService.open({ dataDir: t.dataDir, keys: testKeys(t.dataDir) });
    try {
      expect(existsSync(partial)).toBe(false);
      expect(reopened.deps.evidenceFiles.has(orphan)).toBe(false);
      expect(reopened.deps.evidenceFiles.has(kept)).toBe(true);
      expect(reopened.deps.evidenceFiles.has(frame)).toBe(true);
    } finally {
      reopened.close();
      t.cleanup();
    }
  });

  it('knows every sha256 column of the schema (a new one must be added to the references, or the sweep would delete its files)', async () => {
    const t = openTempService();
    try {
      const db = await openStoreFile(t.dataDir, { readonly: true });
      const columns: string[] = [];
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
        for (const c of db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]) if (c.name.includes('sha256')) columns.push(`${name}.${c.name}`);
      }
      db.close();
      // Exports are written outside the evidence store; everything else must be a reference.
      expect(columns.filter((c) => c !== 'export_jobs.output_sha256').sort()).toEqual(['evidence.sha256', 'intake_documents.sha256', 'uploads.sha256']);
      expect(new EvidenceReferenceRepository(t.service.deps.db).referenced().size).toBe(0);
    } finally {
      t.cleanup();
    }
  });
});
