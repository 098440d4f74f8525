import type { AnalysisResult } from '../../../../shared/schemas/analysis';
import type { RestContext } from './restContext';

const POLL_MS = 200;

/**
 * Waits for the case's newest analysis job to end (through `analysis.status`, as any client
 * would). Null when the engine is off or the wait runs out: the job keeps its place in the queue.
 */
export async function waitForAnalysis(ctx: RestContext, caseId: string, jobId: string): Promise<{ result: AnalysisResult | null; jobStatus: string }> {
  if (!ctx.service.deps.engine) return { result: null, jobStatus: 'queued' };
  const deadline = Date.now() + ctx.options.analysisWaitMs;
  for (;;) {
    const s = await ctx.call('analysis.status', { caseId });
    const job = s.jobs.find((j) => j.id === jobId);
    if (!job || job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled') {
      return { result: job?.status === 'succeeded' ? s.result : null, jobStatus: job?.status ?? 'unknown' };
    }
    if (Date.now() > deadline) return { result: null, jobStatus: job.status };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
