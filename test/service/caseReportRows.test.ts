import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../shared/schemas/analysis';
import { openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';
import { pdfText } from '../helpers/pdfText';
import { moveCase } from '../../electron/service/cases/caseWorkflow';
import { SYSTEM_ENGINE_ACTOR } from '../../electron/service/analysis/runCaseAnalysis';

const artifacts = join(import.meta.dirname, '../../test-artifacts');

/**
 * What the case PDF's rows say: a four-eyes proposal sent the case to a second review and is not
 * in effect; each decision with the engine's recommendation when it was taken, and checks done
 * after it marked so; the liveness check with its numbers; the header's status whole.
 */
describe('case PDF: the decision and check rows', () => {
  let t: TempService;
  beforeEach(() => {
    t = openTempService();
  });
  afterEach(() => t.cleanup());

  /** Branch staff to make a case, an officer to decide it, an auditor to export its report. */
  const people = async () => ({ staff: await t.signInAs('branch_staff'), officer: await t.signInAs('officer'), auditor: await t.signInAs('auditor') });

  /** Stores an engine result completed at `at`, as the engine would. */
  function engineSays(caseId: string, recommendation: 'DECLINE' | 'AUTO_APPROVE', at: string): void {
    const result: AnalysisResult = { policyVersion: 1, recommendation, submitResult: recommendation === 'AUTO_APPROVE' ? 1 : 2, reasons: [], checks: recommendation === 'DECLINE' ? [{ check: 'faceMatch', outcome: 'FAIL', reasons: [], ms: null }] : [], quality: {}, mrz: null, crossChecks: [], faceMatch: null, presentationAttack: null, timings: {}, completedAt: at };
    t.service.deps.analyses.insert({ id: `r-${caseId}-${at}`, caseId, jobId: null, result, now: at });
  }

  it('prints the proposal as not in effect, the case awaiting a second review, and the status uncut', async () => {
    const { staff, officer, auditor } = await people();
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    // The engine declines: approving against it needs a second reviewer.
    engineSays(caseId, 'DECLINE', new Date().toISOString());
    const v = t.service.deps.cases.byId(caseId)!.version;
    const d = await t.service.call('cases.decide', { caseId, action: 'approve', internalComment: 'known customer', expectedVersion: v }, officer);
    expect(d.ok && d.value.state).toBe('proposed');

    const r = await t.service.call('reports.casePdf', { caseId }, auditor);
    if (!r.ok) throw new Error(r.error.message);
    const pdf = Buffer.from(r.value.dataBase64, 'base64');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'case-report-proposed.pdf'), pdf);
    const cells = pdfText(pdf, []);
    const history = cells.slice(cells.indexOf('Decision history')).replace(/\s+/g, ' ');
    expect(history).toContain('Approve (proposed) In review → Awaiting second review');
    expect(history).not.toContain('In review → Approved');
    // What the engine said when it was proposed; nothing is in effect, so no later-check notice.
    expect(history).toContain('Engine then');
    expect(history).toMatch(/→ Awaiting second review.*Decline/);
    expect(cells.replace(/\s+/g, ' ')).not.toContain('completed after the decision in effect');
    // The header's status whole, apart from the KYC level beside it.
    expect(pdfText(pdf, ['-layout'])).toMatch(/AWAITING SECOND REVIEW\s{2,}L\d/);
  });

  it('says when the checks shown completed after the decision in effect, and what the engine said when it was taken', async () => {
    const { staff, officer, auditor } = await people();
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    engineSays(caseId, 'AUTO_APPROVE', new Date(Date.now() - 3_600_000).toISOString());
    const v = t.service.deps.cases.byId(caseId)!.version;
    const d = await t.service.call('cases.decide', { caseId, action: 'approve', expectedVersion: v }, officer);
    expect(d.ok && d.value.state).toBe('final');
    // Run again later (a re-analysis, a liveness verified after): the engine now declines.
    engineSays(caseId, 'DECLINE', new Date(Date.now() + 60_000).toISOString());

    const r = await t.service.call('reports.casePdf', { caseId }, auditor);
    if (!r.ok) throw new Error(r.error.message);
    const text = pdfText(Buffer.from(r.value.dataBase64, 'base64'), []).replace(/\s+/g, ' ');
    expect(text).toContain("These checks completed after the decision in effect (Approve by officer");
    expect(text).toContain("which was taken when the engine's recommendation was: Auto approve.");
    expect(text.slice(text.indexOf('Decision history'))).toMatch(/In review → Approved.*Auto approve/);
  });

  it('gives the liveness check its numbers in the checks table: actions passed and face score, against what is required', async () => {
    const { staff, officer, auditor } = await people();
    const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
    const now = new Date().toISOString();
    const deps = t.service.deps;
    const started = await t.service.call('liveness.start', { caseId }, staff);
    if (!started.ok) throw new Error(started.error.message);
    const session = started.value;
    const action = (a: (typeof session.actions)[number], detected: boolean) => ({ action: a, detected, confidence: detected ? 0.8 : 0.3, evidence: 'measured', frames: 45, facesFound: 45 });
    deps.liveness.complete(
      session.id,
      'FAILED',
      {
        actions: session.actions.map((a, i) => action(a, i < 2)),
        passedActions: 2,
        requiredActions: 3,
        confidence: 0.64,
        faceMatch: { reference: 'selfie', threshold: 0.51, similarity: 0.274, detail: null },
      },
      now,
    );
    const result: AnalysisResult = { policyVersion: 1, recommendation: 'MANUAL_REVIEW', submitResult: 2, reasons: [], checks: [{ check: 'liveness', outcome: 'FAIL', reasons: [], ms: null }], quality: {}, mrz: null, crossChecks: [], faceMatch: null, presentationAttack: null, timings: {}, completedAt: now };
    deps.analyses.insert({ id: `r-${caseId}`, caseId, jobId: null, result, now });

    const r = await t.service.call('reports.casePdf', { caseId }, auditor);
    if (!r.ok) throw new Error(r.error.message);
    const checks = pdfText(Buffer.from(r.value.dataBase64, 'base64'), []).replace(/\s+/g, ' ');
    const table = checks.slice(checks.indexOf('Verification checks'), checks.indexOf('5. Liveness'));
    expect(table).toContain('2/3 actions, confidence 0.64; face 0.274');
    expect(table).toContain('3/3 actions; face ≥ 0.510');
  });

  it('names the engine as what closed a case it approved itself, not an earlier decision', async () => {
    const { staff, officer, auditor } = await people();
    const { caseId } = await caseAt(t, staff, officer, 'SUBMITTED');
    engineSays(caseId, 'AUTO_APPROVE', new Date().toISOString());
    // As runCaseAnalysis approves a clean submission (kycService result 1).
    const deps = t.service.deps;
    deps.db.transaction(() => moveCase(deps, deps.cases.byId(caseId)!, 'APPROVED', { actor: SYSTEM_ENGINE_ACTOR, now: new Date(), payload: { automatic: true, policyVersion: 1 } }))();
    const r = await t.service.call('reports.casePdf', { caseId }, auditor);
    if (!r.ok) throw new Error(r.error.message);
    const text = pdfText(Buffer.from(r.value.dataBase64, 'base64')).replace(/\s+/g, ' ');
    expect(text.slice(text.indexOf('DECISION IN EFFECT'), text.indexOf('FIELDS CORRECTED'))).toMatch(/Approved automatically by the engine on \d{4}-\d{2}-\d{2} \(no officer decided\)/);
    expect(text).toContain("The case was closed without an officer's decision: Approved automatically by the engine");
  });
});
