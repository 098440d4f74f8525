import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { chainHash, payloadHash } from '../../electron/service/audit/hashChain';
import { checkAnchor, readAnchors } from '../../electron/service/audit/readAnchors';
import type { Db } from '../../electron/service/db/openDatabase';
import { exportCaseReport } from '../../electron/service/reports/exportCaseReport';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_INTERVAL } from '../../shared/schemas/audit';
import { caseAt } from '../helpers/caseSetup';
import { makeTempDir, openTempService, type TempService } from '../helpers/tempService';
import { testKeys } from '../helpers/testKeys';

const root = join(import.meta.dirname, '../..');

function appendMany(t: TempService, n: number): void {
  const { deps } = t.service;
  deps.db.transaction(() => {
    for (let i = 0; i < n; i += 1) deps.audit.append({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), actor: { id: null, name: 'load' }, type: 'api.request', payload: { i } });
  })();
}

/**
 * What someone holding the file does: drop the triggers, change rows, then recompute every
 * hash from the first changed row on, so that the chain alone verifies again.
 */
function rewriteChain(db: Db, change: (row: { seq: number; type: string; body: string | null }) => { type?: string; body?: string } | null): void {
  db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_payloads_no_update');
  const rows = db.prepare('SELECT e.*, p.body FROM audit_events e LEFT JOIN audit_payloads p ON p.seq = e.seq ORDER BY e.seq').all() as {
    seq: number; at: string; actor_id: string | null; actor_name: string; type: string; case_id: string | null; profile_id: string | null; payload_hash: string; prev_hash: string; hash: string; body: string | null;
  }[];
  let prev = '0'.repeat(64);
  db.transaction(() => {
    for (const r of rows) {
      const c = change(r);
      const type = c?.type ?? r.type;
      const body = c?.body ?? r.body;
      const pHash = c?.body !== undefined ? payloadHash(JSON.parse(c.body) as Record<string, unknown>) : r.payload_hash;
      const hash = chainHash(prev, { seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, type, caseId: r.case_id, profileId: r.profile_id, payloadHash: pHash });
      db.prepare('UPDATE audit_events SET type = ?, payload_hash = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(type, pHash, prev, hash, r.seq);
      if (c?.body !== undefined) db.prepare('UPDATE audit_payloads SET body = ? WHERE seq = ?').run(body, r.seq);
      prev = hash;
    }
  })();
}

describe('signed audit checkpoints and anchors', () => {
  it('signs a checkpoint after every CHECKPOINT_INTERVAL events; a report verifies from the last one', () => {
    const t = openTempService();
    try {
      appendMany(t, 2 * CHECKPOINT_INTERVAL + 500);
      const { deps } = t.service;
      const cps = deps.auditRows.latestOfType(CHECKPOINT_EVENT_TYPE, 10).map((r) => r.seq).reverse();
      // One at open (the policy event), then one after each further interval.
      expect(cps.length).toBe(3);
      for (let i = 1; i < cps.length; i += 1) expect(cps[i]! - cps[i - 1]!).toBe(CHECKPOINT_INTERVAL + 1);
      const pk = deps.keys.signer().publicKey;
      const full = deps.audit.verify(pk);
      expect(full).toMatchObject({ valid: true, firstBroken: null });
      expect(full.fromCheckpoint).toBeUndefined();
      const fast = deps.audit.verifyFromCheckpoint(pk);
      expect(fast).toMatchObject({ valid: true, checked: full.checked, headHash: full.headHash, fromCheckpoint: cps.at(-1)! - 1 });
    } finally {
      t.cleanup();
    }
  });

  it('a full rewrite of the chain verifies as a chain, but not against its checkpoints or the anchors handed out', async () => {
    const t = openTempService();
    const staff = await t.signInAs('branch_staff');
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    appendMany(t, CHECKPOINT_INTERVAL + 10);
    const out = makeTempDir('kyc-anchor-');
    const report = await exportCaseReport(t.service.deps, caseId, { id: 'auditor', displayName: 'Auditor', role: 'auditor' }, new Date());
    const pdf = join(out, 'report.pdf');
    copyFileSync(report.path, pdf);
    const [anchor] = readAnchors(pdf);
    const pk = t.service.deps.keys.signer().publicKey;
    expect(anchor).toMatchObject({ seq: expect.any(Number) as number, publicKey: pk });
    expect(checkAnchor(t.service.deps.auditRows, pk, anchor!)).toEqual({ ok: true });
    const manifest = join(out, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ format: 'kyc-export-manifest/1', auditAnchor: anchor }));
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(`Signed checkpoint (#${anchor!.seq})`);
    expect(text).toContain(`key id ${anchor!.keyId}`);
    const dataDir = t.dataDir;
    t.service.close();

    const verify = (...files: string[]) => spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', dataDir, ...(files.length ? ['--anchors', ...files] : [])], { cwd: root, encoding: 'utf8' });
    const intact = verify(pdf, manifest);
    expect(intact.stdout).toContain(`anchor holds: ${pdf} (event #${anchor!.seq})`);
    expect(intact.stdout).toContain(`checkpoints signed by Ed25519 key ${anchor!.keyId}`);
    expect(intact.status).toBe(0);

    // Someone with the file (and its key) changes who approved what, and recomputes every hash.
    const s = KycService.open({ dataDir, keys: testKeys(dataDir) });
    rewriteChain(s.deps.db, (r) => (r.seq === 3 ? { body: JSON.stringify({ rewritten: true }) } : null));
    // Every hash and link holds again (that is the attack), yet the checkpoints in it name heads
    // the chain no longer has, even to a verifier without the folder's key.
    expect(s.deps.audit.verify().firstBroken?.code).toBe('CHECKPOINT_MISMATCH');
    const full = s.deps.audit.verify(s.deps.keys.signer().publicKey);
    expect(full.firstBroken?.code).toBe('CHECKPOINT_MISMATCH');
    expect(s.deps.audit.verifyFromCheckpoint(s.deps.keys.signer().publicKey).firstBroken?.code).toBe('CHECKPOINT_MISMATCH');
    expect(checkAnchor(s.deps.auditRows, s.deps.keys.signer().publicKey, anchor!)).toEqual({ ok: false, problem: `event #${anchor!.seq} has another hash now: the chain was rewritten since` });
    s.close();
    const after = verify(pdf, manifest);
    expect(after.status).toBe(1);
    expect(after.stdout).toContain(`anchor BROKEN: ${pdf} (event #${anchor!.seq}): event #${anchor!.seq} has another hash now`);
    expect(after.stdout).toContain(`anchor BROKEN: ${manifest}`);
    expect(after.stdout).toContain('[CHECKPOINT_MISMATCH]');

    // Removing the checkpoints it cannot re-sign: a plain chain again, but the folder signs its chain.
    const u = KycService.open({ dataDir, keys: testKeys(dataDir) });
    rewriteChain(u.deps.db, (r) => (r.type === CHECKPOINT_EVENT_TYPE ? { type: 'test.event', body: JSON.stringify({ note: 'nothing here' }) } : null));
    expect(u.deps.audit.verify().valid).toBe(true);
    expect(u.deps.audit.verify(u.deps.keys.signer().publicKey).firstBroken?.code).toBe('CHECKPOINT_MISSING');
    u.close();
    // A file that carries no anchor is named, not passed.
    writeFileSync(join(out, 'other.json'), '{"hello": 1}');
    const none = verify(join(out, 'other.json'));
    expect(none.stdout).toContain('carries no audit anchor');
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 180_000);
});
