import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KycService } from '../electron/service/KycService';
import { createOperator } from '../electron/service/bootstrap/createOperator';
import { newId } from '../electron/service/core/newId';
import type { AnalysisResult } from '../shared/schemas/analysis';
import { BENCH_PASSWORD, buildLargeStore } from './buildLargeStore';
import { round, sampleAsync, seededRandom, summarize } from './stats';
import type { BenchContext, BenchGroup, Metric } from './types';
import { testKeys } from '../test/helpers/testKeys';

/**
 * The `pdf` group: audit reports on a realistic store (buildLargeStore: specimen images as
 * evidence, full status histories, decisions and audit chains), with an engine result added
 * to every submitted case so each report carries its fields, checks and MRZ tables.
 * - pdf_case_ms_p50: `reports.casePdf` through service.call with an auditor's session (load,
 *   verify the audit chain, sign a checkpoint, render, write PDF + sidecar, audit the export).
 * - pdf_batch_1000_s: a batch export of 1,000 cases to a zip, from `reports.startExport`
 *   until the job has succeeded.
 * - pdf_chain_verify_ms: a case report's verification of the audit chain (from its last
 *   signed checkpoint) once the chain holds a million events.
 */
const CASES = 1000;
const WARMUP = 5;
const ITERATIONS = 40;
/** The chain length pdf_chain_verify_ms is measured at (issue 14: a million events). */
const CHAIN_EVENTS = 1_000_000;

function syntheticResult(r: () => number, policyVersion: number, completedAt: string): AnalysisResult {
  const sim = 0.35 + r() * 0.5;
  const nameOk = r() > 0.15;
  return {
    policyVersion,
    recommendation: nameOk && sim > 0.5 ? 'AUTO_APPROVE' : nameOk ? 'MANUAL_REVIEW' : 'DECLINE',
    submitResult: 2,
    reasons: nameOk ? [] : [{ code: 'NAME_MISMATCH', message: 'The name on the document differs from the profile' }],
    checks: [
      { check: 'quality', outcome: 'PASS', reasons: [], ms: 40 },
      { check: 'mrz', outcome: 'PASS', reasons: [], ms: 800 },
      { check: 'crossChecks', outcome: nameOk ? 'PASS' : 'FAIL', reasons: [], ms: 1 },
      { check: 'faceMatch', outcome: sim > 0.5 ? 'PASS' : 'FAIL', reasons: [], ms: 300 },
      { check: 'presentationAttack', outcome: 'PASS', reasons: [], ms: 20 },
    ],
    quality: {
      DOCUMENT_FRONT: {
        width: 1200,
        height: 850,
        acceptable: true,
        reasons: [],
        measures: [
          { name: 'sharpness', value: 0.5 + r() * 0.4, threshold: 0.35, passWhen: '>=', pass: true, reason: null },
          { name: 'glare', value: r() * 0.05, threshold: 0.08, passWhen: '<=', pass: true, reason: null },
        ],
      },
    },
    mrz: null,
    crossChecks: [
      { code: 'NAME_MISMATCH', outcome: nameOk ? 'PASS' : 'FAIL', detail: 'Name similarity against the MRZ', expected: 'ENTERED NAME', found: 'MRZ NAME' },
      { code: 'BIRTH_DATE_MISMATCH', outcome: 'PASS', detail: 'Date of birth on the document against the profile', expected: '1990-04-12', found: '1990-04-12' },
      { code: 'DOCUMENT_EXPIRED', outcome: 'PASS', detail: 'Valid until 2031-01-01', expected: null, found: '2031-01-01' },
    ],
    faceMatch: { outcome: sim > 0.5 ? 'MATCH' : 'NO_MATCH', similarity: sim, threshold: 0.5 },
    presentationAttack: { score: r() * 0.3, threshold: 0.5, attack: false, signals: [] },
    timings: { total: 1200 },
    completedAt,
  };
}

async function runPdf(ctx: BenchContext): Promise<Metric[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kyc-bench-pdf-'));
  let service: KycService | undefined;
  try {
    ctx.log(`pdf: building ${CASES} cases in ${dataDir}`);
    const store = await buildLargeStore({ dataDir, cases: CASES, log: ctx.log });
    service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const deps = service.deps;
    const r = seededRandom(7);
    const policy = deps.policies.latest()!.version;
    deps.db.transaction(() => {
      for (const id of store.caseIds) {
        const c = deps.cases.byId(id)!;
        if (!c.submittedAt) continue;
        deps.analyses.insert({ id: newId(), caseId: id, jobId: null, result: syntheticResult(r, policy, c.submittedAt), now: c.submittedAt });
      }
    })();
    await createOperator(deps, { email: 'auditor@bench.kyc', displayName: 'Ada Auditor', role: 'auditor', password: BENCH_PASSWORD });
    const signIn = await service.call('auth.signIn', { email: 'auditor@bench.kyc', password: BENCH_PASSWORD }, null);
    if (!signIn.ok) throw new Error(`bench sign-in failed: ${signIn.error.message}`);
    const token = signIn.value.token;

    // Submitted cases carry the most: images, engine result, decisions.
    const rich = store.caseIds.filter((id) => deps.cases.byId(id)!.submittedAt !== null);
    let pages = 0;
    let bytes = 0;
    const samples = await sampleAsync(WARMUP, ITERATIONS, async (i) => {
      const res = await service!.call('reports.casePdf', { caseId: rich[(i + WARMUP) % rich.length]! }, token);
      if (!res.ok) throw new Error(`reports.casePdf failed: ${res.error.message}`);
      pages += res.value.pages;
      bytes += res.value.byteSize;
    });
    const one = summarize(samples);
    ctx.log(`pdf: one case p50 ${round(one.p50, 1)} ms, p95 ${round(one.p95, 1)} ms`);


    const started = performance.now();
    const job = await service.call('reports.startExport', { filters: { from: '2000-01-01', to: new Date().toISOString().slice(0, 10) }, format: 'zip' }, token);
    if (!job.ok) throw new Error(`reports.startExport failed: ${job.error.message}`);
    const runner = deps.exportRunner;
    const ticker = setInterval(() => {
      const j = deps.db.prepare('SELECT done_count, case_count FROM export_jobs WHERE id = ?').get(job.value.id) as { done_count: number; case_count: number | null };
      ctx.log(`  batch: ${j.done_count}/${j.case_count ?? '?'} cases (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }, 10_000);
    await runner.idle();
    clearInterval(ticker);
    const batchS = (performance.now() - started) / 1000;
    const done = await service.call('reports.getExport', { id: job.value.id }, token);
    if (!done.ok || done.value.status !== 'succeeded') throw new Error(`batch export did not succeed: ${done.ok ? `${done.value.status} ${done.value.errorMessage ?? ''}` : done.error.message}`);
    if (done.value.caseCount !== CASES) throw new Error(`batch exported ${done.value.caseCount} cases, expected ${CASES}`);

    // A case report verifies the chain from its last signed checkpoint: grow the chain to a
    // million events (with a checkpoint every CHECKPOINT_INTERVAL, as the service writes them),
    // then time that verification, a whole report, and, for comparison, the full walk.
    const grow0 = performance.now();
    const have = deps.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    for (let n = have; n < CHAIN_EVENTS; ) {
      const batch = Math.min(20_000, CHAIN_EVENTS - n);
      deps.db.transaction(() => {
        for (let i = 0; i < batch; i += 1) deps.audit.append({ at: new Date().toISOString(), actor: { id: null, name: 'bench' }, type: 'api.request', payload: { n: n + i } });
      })();
      n += batch;
    }
    const events = deps.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number;
    ctx.log(`pdf: chain grown to ${events.toLocaleString('en')} events in ${((performance.now() - grow0) / 1000).toFixed(1)} s`);
    const publicKey = deps.keys.signer().publicKey;
    const fast = summarize(await sampleAsync(3, 20, () => {
      const v = deps.audit.verifyFromCheckpoint(publicKey);
      if (!v.valid) throw new Error(`chain broken at ${v.firstBroken?.seq}`);
      return Promise.resolve();
    }));
    let next = 0;
    const big = summarize(await sampleAsync(1, 5, async () => {
      next += 1;
      const res = await service!.call('reports.casePdf', { caseId: rich[next % rich.length]! }, token);
      if (!res.ok) throw new Error(`reports.casePdf failed: ${res.error.message}`);
    }));
    const f0 = performance.now();
    const full = deps.audit.verify(publicKey);
    const fullMs = performance.now() - f0;
    if (!full.valid) throw new Error('the full walk found the chain broken');
    ctx.log(`pdf: ${events} events: from checkpoint p50 ${round(fast.p50, 1)} ms, report p50 ${round(big.p50, 1)} ms, full walk ${round(fullMs / 1000, 1)} s`);
    return [
      { key: 'pdf_case_ms_p50', value: one.p50, unit: 'ms', target: { kind: 'max', value: 300 }, detail: `p95 ${round(one.p95, 1)} ms, n=${one.n}, ${round(pages / ITERATIONS, 1)} pages, ${Math.round(bytes / ITERATIONS / 1024)} KB avg` },
      { key: 'pdf_chain_verify_ms', value: fast.p50, unit: 'ms', target: { kind: 'max', value: 100 }, detail: `${events.toLocaleString('en')} events, from the last signed checkpoint (p95 ${round(fast.p95, 1)} ms); the full walk takes ${round(fullMs / 1000, 1)} s` },
      { key: 'pdf_case_1m_events_ms_p50', value: big.p50, unit: 'ms', tableOnly: true, detail: `one case report on that store, n=${big.n}` },
      { key: 'pdf_batch_1000_s', value: batchS, unit: 's', target: { kind: 'max', value: 60 }, detail: `${done.value.caseCount} cases, zip ${Math.round((done.value.byteSize ?? 0) / 1024 / 1024)} MB` },
    ];
  } finally {
    if (service) {
      await service.deps.exportRunner.stop();
      service.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const pdfGroup: BenchGroup = {
  name: 'pdf',
  description: 'PDF audit reports: one case, and a 1,000-case batch export',
  run: runPdf,
};
