import type { Evidence } from '../../../shared/schemas/evidence';
import type { ServiceDeps } from '../core/ServiceDeps';
import type { JobContext } from '../jobs/JobRunner';
import { TaskFailedError, type AnalysisPool } from '../analysis/pool/AnalysisPool';
import type { DescribeTaskResult } from '../analysis/worker/protocol';
import { descriptorSimilarity } from '../analysis/descriptorSimilarity';

/** Queued by migration 31 when the store holds faces without an embedding (the name is written out there). */
export const FACE_BACKFILL_JOB = 'screening.faceBackfill';

/**
 * face-api similarity at or above which the face found again in the selfie is the face the stored
 * descriptor came from: the same image through the same model gives the same descriptor, and an
 * engine update moves it by far less than the distance between two photos of one person (their
 * similarity rarely passes 0.8). Below it the selfie on file is not the one analysed; its next
 * analysis stores both descriptions.
 */
const SAME_FACE = 0.97;

const latestSelfie = (evidence: Evidence[]) => evidence.filter((e) => e.kind === 'SELFIE').at(-1);

/**
 * Screening compares stored selfies by the fused score; a face stored before migration 31 has
 * face-api's descriptor only, so each pair with it falls back to face-api alone. This background
 * job finds the face again in the case's selfie on file, in a face worker, and adds its MobileFace
 * embedding when it is the face the descriptor came from. A case whose selfie is gone (purged) or
 * unreadable, or where another face is found, keeps the fallback. Resumable: the work left is
 * exactly the rows still without an embedding. Audited once with the counts.
 */
export async function runFaceBackfill(deps: ServiceDeps, pool: AnalysisPool, ctx: JobContext): Promise<{ timings: Record<string, number> }> {
  const started = performance.now();
  const ids = deps.screening.casesWithoutEmbedding();
  const counts = { cases: ids.length, embedded: 0, noSelfie: 0, unreadable: 0, otherFace: 0 };
  for (const [n, caseId] of ids.entries()) {
    if (ctx.cancelled()) break;
    const stored = deps.screening.faceOf(caseId);
    const selfie = latestSelfie(deps.evidenceRows.forCase(caseId));
    const bytes = selfie && deps.evidenceFiles.has(selfie.sha256) ? deps.evidenceFiles.get(selfie.sha256) : null;
    if (!stored || stored.mobileFace) continue;
    if (!bytes) {
      counts.noSelfie++;
    } else {
      // An image the worker refuses is counted; a crashed worker fails the job, which is retried and resumes here.
      const found = await pool.run<DescribeTaskResult>('face', { kind: 'describe', image: new Uint8Array(bytes) }, undefined, true).catch((e: unknown) => {
        if (e instanceof TaskFailedError) return null;
        throw e;
      });
      const face = found?.face;
      if (!found) counts.unreadable++;
      else if (!face || face.mobileFace.length === 0 || descriptorSimilarity(stored.descriptor, face.descriptor) < SAME_FACE) counts.otherFace++;
      else if (deps.screening.addEmbedding(caseId, stored.descriptor, Float32Array.from(face.mobileFace))) counts.embedded++;
    }
    ctx.progress(`described ${n + 1} of ${ids.length} stored faces`, (n + 1) / ids.length);
  }
  const ms = performance.now() - started;
  deps.audit.append({ at: deps.clock().toISOString(), actor: { id: null, name: 'screening' }, type: 'screening.faces_described', payload: { jobId: ctx.job.id, ...counts, cancelled: ctx.cancelled() } });
  deps.log.info('screening.faces_described', { ...counts, ms: Math.round(ms) });
  return { timings: { describe: ms } };
}
