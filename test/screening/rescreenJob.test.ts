import { describe, expect, it } from 'vitest';
import { JobRunner } from '../../electron/service/jobs/JobRunner';
import { RESCREEN_JOB, runRescreen } from '../../electron/service/screening/rescreenJob';
import { caseAt } from '../helpers/caseSetup';
import { openTempService } from '../helpers/tempService';
import { must } from '../helpers/must';

const HEADER = 'entry_id,name,aliases,kind,birth_date,nationality,document_number';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('ongoing monitoring', () => {
  it('a new snapshot re-screens approved and open cases as a background job with progress; new hits raise a queue alert, a cleared one stays cleared', async () => {
    const t = openTempService();
    try {
      const admin = await t.signInAs('admin');
      const staff = await t.signInAs('branch_staff');
      const officer = await t.signInAs('officer');
      const approved = await caseAt(t, staff, officer, 'IN_REVIEW');
      must(await t.service.call('cases.decide', { caseId: approved.caseId, action: 'approve', expectedVersion: t.service.deps.cases.byId(approved.caseId)!.version }, officer));
      const open = await caseAt(t, staff, officer, 'IN_REVIEW');
      expect(t.service.deps.cases.byId(approved.caseId)!.status).toBe('APPROVED');
      const runJobs = async () => {
        const runner = new JobRunner({ jobs: t.service.deps.jobs, clock: t.service.deps.clock, log: t.service.deps.log }, { [RESCREEN_JOB]: (ctx) => runRescreen(t.service.deps, ctx) }, 1);
        runner.start();
        await runner.idle();
        await runner.stop();
      };
      const rescreens = () => t.service.deps.db.prepare('SELECT id, status, step, progress AS fraction FROM jobs WHERE type = ? ORDER BY created_at, id').all(RESCREEN_JOB) as { id: string; status: string; step: string; fraction: number }[];

      // A list that names nobody: the job runs and raises nothing.
      must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch.csv', dataBase64: b64(`${HEADER}\nW-2,Someone Else,,individual,,,\n`) }, admin));
      expect(rescreens()).toMatchObject([{ status: 'queued' }]);
      await runJobs();
      expect(rescreens()).toMatchObject([{ status: 'succeeded', step: 'screened 2 of 2 cases', fraction: 1 }]);
      const alerts = async () => must(await t.service.call('cases.list', { screeningAlert: true, statuses: ['APPROVED', 'IN_REVIEW'] }, officer)).rows.map((r) => r.id).sort();
      expect(await alerts()).toEqual([]);

      // The next snapshot names the customer of both cases: both get an open hit and an alert, the approved one included.
      must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch-v2.csv', dataBase64: b64(`${HEADER}\nW-1,"RESTREPO, Valentina",,individual,1990-04-12,CO,\nW-2,Someone Else,,individual,,,\n`) }, admin));
      await runJobs();
      expect(await alerts()).toEqual([approved.caseId, open.caseId].sort());
      const summary = must(await t.service.call('cases.list', { statuses: ['APPROVED'] }, officer)).rows.find((r) => r.id === approved.caseId);
      expect(summary?.screeningAlert).toBe(true);

      // The officer clears the approved customer's hit as a false positive; a third snapshot re-raises nothing for it.
      const hit = must(await t.service.call('sanctions.hits', { caseId: approved.caseId }, officer))[0]!;
      must(await t.service.call('sanctions.dispose', { hitId: hit.id, disposition: 'FALSE_POSITIVE', reason: 'different person: other birth place and document' }, officer));
      expect(await alerts()).toEqual([open.caseId]);
      must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch-v3.csv', dataBase64: b64(`${HEADER}\nW-1,"RESTREPO, Valentina",,individual,1990-04-12,CO,\nW-3,Other Person,,individual,,,\n`) }, admin));
      await runJobs();
      expect(await alerts()).toEqual([open.caseId]);
      expect(rescreens().map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);

      const audited = t.service.deps.db.prepare("SELECT p.body FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'screening.rescreened' ORDER BY e.seq").all() as { body: string }[];
      expect(audited.map((r) => JSON.parse(r.body) as { cases: number; newHits: number; casesAlerted: number })).toMatchObject([
        { cases: 2, newHits: 0, casesAlerted: 0 },
        { cases: 2, newHits: 2, casesAlerted: 2 },
        { cases: 2, newHits: 0, casesAlerted: 0 },
      ]);
      expect(t.service.deps.audit.verify().valid).toBe(true);

      // On demand, the policy's review threshold applies: a partial name (90) is below the shipped 92, above a policy's 85.
      must(await t.service.call('sanctions.import', { format: 'inhouse-csv', source: 'branch_watch', fileName: 'watch-v4.csv', dataBase64: b64(`${HEADER}\nW-4,"RESTREPO DIAZ, Valentina",,individual,,,\n`) }, admin));
      const other = await caseAt(t, staff, officer, 'IN_REVIEW');
      expect(must(await t.service.call('sanctions.screenCase', { caseId: other.caseId }, officer))).toEqual([]);
      const policy = must(await t.service.call('policy.get', {}, admin));
      must(await t.service.call('policy.update', { body: { ...policy.body, aml: { ...policy.body.aml, reviewThreshold: 85 } }, note: 'screening: review partial names too' }, admin));
      expect(must(await t.service.call('sanctions.screenCase', { caseId: other.caseId }, officer)).map((h) => [h.entryId, h.score])).toEqual([['W-4', 90]]);
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
