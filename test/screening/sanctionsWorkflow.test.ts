import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { DEFAULT_SCREENING_THRESHOLD } from '../../shared/schemas/sanctions';
import { exportCaseReport } from '../../electron/service/reports/exportCaseReport';
import { caseAt } from '../helpers/caseSetup';
import { makeTempDir, openTempService, TEST_PASSWORD } from '../helpers/tempService';
import { must } from '../helpers/must';

const root = join(import.meta.dirname, '../..');
const HEADER = 'entry_id,name,aliases,kind,birth_date,nationality,document_number';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('sanctions screening in the workstation', () => {
  it('an admin imports a list; a case hits; a false positive is remembered through a re-screen and a new snapshot; all audited', async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const staff = await t.signInAs('branch_staff');
      const officer = await t.signInAs('officer');
      const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
      const list = `${HEADER}\nW-1,"RESTREPO, Valentina",Valentina Restrepo Diaz,individual,1990-04-12,CO,\nW-2,Someone Else,,individual,,,\n`;
      const officerTry = await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch.csv', dataBase64: b64(list) }, officer);
      expect(officerTry).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
      const imported = must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch.csv', dataBase64: b64(list) }, admin));
      expect(imported).toMatchObject({ source: 'branch_watch', entryCount: 2, active: true, fileName: 'watch.csv' });

      const hits = must(await t.service.call('sanctions.screenCase', { caseId }, officer));
      expect(hits).toHaveLength(1);
      const [hit] = hits;
      expect(hit).toMatchObject({ source: 'branch_watch', entryId: 'W-1', disposition: null, entry: { names: ['RESTREPO, Valentina', 'Valentina Restrepo Diaz'], birthDates: ['1990-04-12'] } });
      expect(hit!.score).toBeGreaterThanOrEqual(92);
      expect(hit!.why).toEqual(expect.arrayContaining(['birth date 1990-04-12 matches']));

      expect(await t.service.call('sanctions.dispose', { hitId: hit!.id, disposition: 'FALSE_POSITIVE', reason: '' }, officer)).toMatchObject({ ok: false, error: { field: 'reason' } });
      const cleared = must(await t.service.call('sanctions.dispose', { hitId: hit!.id, disposition: 'FALSE_POSITIVE', reason: 'another Valentina Restrepo: different document and address' }, officer));
      expect(cleared).toMatchObject({ disposition: 'FALSE_POSITIVE', dispositionReason: 'another Valentina Restrepo: different document and address' });

      // A broken file changes nothing: the snapshot stays active.
      const broken = await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch2.csv', dataBase64: b64(`${HEADER}\nW-1,"RESTREPO,,individual\n`) }, admin);
      expect(broken).toMatchObject({ ok: false, error: { code: ErrorCode.LIST_INVALID } });
      expect(must(await t.service.call('sanctions.lists', {}, officer)).map((l) => [l.id, l.active])).toEqual([[imported.id, true]]);

      // A new snapshot of the list, and the case screened again: the hit stays cleared.
      const next = must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch-v2.csv', dataBase64: b64(`${list}W-3,Other Person,,individual,,,\n`) }, admin));
      const again = must(await t.service.call('sanctions.screenCase', { caseId }, officer));
      expect(again).toHaveLength(1);
      expect(again[0]).toMatchObject({ id: hit!.id, disposition: 'FALSE_POSITIVE', listId: next.id });
      const lists = must(await t.service.call('sanctions.lists', {}, officer));
      expect(lists.filter((l) => l.active).map((l) => l.id)).toEqual([next.id]);

      // The same person in a new case: the remembered clearance applies to it at once.
      const second = t.service.deps.db.prepare('SELECT profile_id AS p FROM cases WHERE id = ?').get(caseId) as { p: string };
      expect(t.service.deps.sanctions.clearance(second.p, 'branch_watch', 'W-1')?.reason).toContain('another Valentina');

      // The case PDF states the lists screened against, the hit and the officer's disposition.
      const report = await exportCaseReport(t.service.deps, caseId, { id: 'auditor', displayName: 'Ada Auditor', role: 'auditor' }, new Date());
      const text = spawnSync('pdftotext', ['-layout', report.path, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      // Numbered like every other section, between the checks and the decisions.
      expect(text).toMatch(/4\. Verification checks .* \d\. Sanctions and PEP screening .* \d\. Decision history/);
      expect(text).toContain('Active lists: branch_watch (3 entries');
      expect(text).toMatch(/branch_watch RESTREPO, Valentina 100 name "RESTREPO, Valentina" 100%/);
      mkdirSync(join(root, "test-artifacts"), { recursive: true });
      copyFileSync(report.path, join(root, "test-artifacts", "sanctions-case-report.pdf"));
      expect(text).toContain('False positive: another Valentina');
      expect(text).toContain('Restrepo: different document and');

      const types = (t.service.deps.db.prepare("SELECT type FROM audit_events WHERE type LIKE 'screening.%' ORDER BY seq").all() as { type: string }[]).map((r) => r.type);
      expect(types).toEqual(['screening.list_imported', 'screening.hit', 'screening.hit_disposed', 'screening.list_imported']);
      expect(t.service.deps.audit.verify().valid).toBe(true);
    } finally {
      t.cleanup();
    }
  }, 60_000);

  const lists = join(root, '../shared/fixtures/sanctions/lists');
  it.skipIf(!existsSync(lists))("an admin's OFAC CSV import in the browser sends alt.csv with sdn.csv, so a customer named by an alias is found", async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const file = (name: string) => readFileSync(join(lists, 'ofac_sdn', name)).toString('base64');
      // alt.csv goes only with the OFAC CSV format.
      const misplaced = await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'x', fileName: 'watch.csv', dataBase64: b64(`${HEADER}\n`), aliases: { fileName: 'alt.csv', dataBase64: file('alt.csv') } }, admin);
      expect(misplaced).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'aliases' } });
      must(await t.service.call('sanctions.import', { format: 'ofac-csv', fileName: 'sdn.csv', dataBase64: file('sdn.csv'), aliases: { fileName: 'alt.csv', dataBase64: file('alt.csv') } }, admin));
      // Both files are recorded with their hashes in the import's audit event.
      const imported = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'screening.list_imported'").get() as { body: string };
      expect(JSON.stringify(JSON.parse(imported.body))).toContain('alt.csv');
      // SDN 7313's a.k.a. from alt.csv, with its birth date: found; its primary name too.
      const index = t.service.deps.sanctionsIndex.index();
      const alias = index.screen({ name: 'Hector Fabio Carvajal Tafurt', birthDate: '1970-04-17' }, DEFAULT_SCREENING_THRESHOLD);
      expect(alias[0]).toMatchObject({ list: 'ofac_sdn', entryId: '7313' });
      const primary = index.screen({ name: 'Eugenio Montoya Sanchez', birthDate: '1970-04-17' }, DEFAULT_SCREENING_THRESHOLD);
      expect(primary[0]).toMatchObject({ list: 'ofac_sdn', entryId: '7313' });
    } finally {
      t.cleanup();
    }
  }, 120_000);

  it.skipIf(!existsSync(lists))('npm run lists:import reads the official OFAC files as an admin, and refuses a truncated one', async () => {
    const t = openTempService();
    await t.signInAs('admin', 'admin@lists.test');
    t.service.close();
    const run = (file: string, format: string) =>
      spawnSync('npx', ['tsx', 'electron/service/cli/listsImport.ts', '--data', t.dataDir, '--as', 'admin@lists.test', '--file', file, '--format', format], { cwd: root, encoding: 'utf8', env: { ...process.env, KYC_OPERATOR_PASSWORD: TEST_PASSWORD } });
    const ok = run(join(lists, 'ofac_sdn/sdn.csv'), 'ofac-csv');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^imported ofac_sdn: 8976 entries from sdn\.csv \+ alt\.csv \(sha256 [0-9a-f]{64} [0-9a-f]{64}\).*the first snapshot of this list/);
    expect(ok.status).toBe(0);
    const dir = makeTempDir('kyc-lists-cli-');
    writeFileSync(join(dir, 'un.xml'), '<?xml version="1.0"?><CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID>');
    const bad = run(join(dir, 'un.xml'), 'un-xml');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('LIST.0001');
  }, 120_000);
});
