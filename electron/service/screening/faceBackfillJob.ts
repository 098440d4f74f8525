import { z } from 'zod';
import type { Evidence } from '../../../shared/schemas/evidence';
import type { ServiceDeps } from '../core/ServiceDeps';
import { newId } from '../core/newId';
import type { JobContext } from '../jobs/JobRunner';
import type { AnalysisPool } from '../analysis/pool/AnalysisPool';
import type { DescribeTaskResult } from '../analysis/worker/protocol';
import { descriptorSimilarity } from '../analysis/descriptorSimilarity';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import type { OlderFace, StoredFace } from '../repositories/ScreeningRepository';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

/** Queued by migrations 31 and 33 when the store holds faces to describe anew (the name is written out there). */
export const FACE_BACKFILL_JOB = 'screening.faceBackfill';

/**
 * face-api similarity at or above which the face found again in a selfie is the face the stored
 * descriptor came from: the same image read the same way gives the same descriptor, and an
 * engine update moves it by far less than the distance between two photos of one person (their
 * similarity rarely passes 0.8). Below it the selfie on file is not the one analysed.
 */
const SAME_FACE = 0.97;
/**
 * Stored faces looked at per job run (about 0.5 s each): the sweep then queues its continuation,
 * so other background work (a re-screening after a list import) runs between batches and a
 * closing app waits at most one face.
 */
const BATCH = 50;
/** Selfies of a case tried, newest first, for a blocklist entry whose face is no longer the latest selfie's. */
const SELFIES_PER_ENTRY = 3;

const countsSchema = z.object({
  faces: z.number(),
  entries: z.number(),
  described: z.number(),
  noSelfie: z.number(),
  unreadable: z.number(),
  otherFace: z.number(),
  /** Faces of a version the worker cannot read again (none today: every older face is version 1). */
  noReading: z.number().default(0),
});
type Counts = z.infer<typeof countsSchema>;
/** Where a run starts: the rowid cursors and what earlier runs of the same sweep counted. */
const payloadSchema = z.object({ faceAfter: z.number().default(0), entryAfter: z.number().default(0), counts: countsSchema.optional() });

const selfiesOf = (evidence: Evidence[]) => evidence.filter((e) => e.kind === 'SELFIE').reverse();

/**
 * Queues the sweep unless one waits already: migrations 31 and 33 queue it once, and a face that
 * becomes older later (a case analysed again while its blocklist entry keeps an older face, an
 * older face blocklisted after the sweep ended) queues it again.
 */
export function queueFaceSweep(deps: ServiceDeps, now: Date): void {
  if (deps.jobs.waiting(FACE_BACKFILL_JOB)) return;
  deps.jobs.insert({ id: newId(), type: FACE_BACKFILL_JOB, caseId: null, payload: {}, maxAttempts: 3, now: now.toISOString(), createdBy: null, lane: 'background' });
}

/**
 * Screening compares stored selfies by the fused score only when both were described under the
 * engine's face description version (analysis/face/faceDescriptionVersion.ts); an older face is
 * compared by one model alone, or not at all. This background sweep finds each older face again
 * in its case's selfie on file, in a face worker, and when the selfie's face read as the stored
 * version read it is the stored one, replaces it with the selfie's current description; then the
 * same for blocklist entries still older (their face may be an older selfie of the case). A
 * selfie that is gone (purged), unreadable or crashes a worker, or shows another face, leaves
 * that face as it was and the sweep goes on. It works in batches along rowid cursors, each run
 * queueing the next, and is audited once at its end with the counts.
 *
 * Every older face today is version 1, which the worker can read again (`version1Descriptor`);
 * the next version change adds its reading there.
 */
export async function runFaceBackfill(deps: ServiceDeps, pool: AnalysisPool, ctx: JobContext): Promise<{ timings: Record<string, number> }> {
  const started = performance.now();
  const start = payloadSchema.parse(ctx.job.payload);
  const counts: Counts = start.counts ?? { faces: 0, entries: 0, described: 0, noSelfie: 0, unreadable: 0, otherFace: 0, noReading: 0 };
  const cursor = { faceAfter: start.faceAfter, entryAfter: start.entryAfter };
  const stop = () => ctx.cancelled() || ctx.stopping();

  /** The face in a stored selfie, or why there is none usable; never throws (one bad file must not end the sweep). */
  const describe = async (e: Evidence): Promise<DescribeTaskResult['face'] | 'unreadable'> => {
    try {
      if (!deps.evidenceFiles.has(e.sha256)) return 'unreadable';
      const r = await pool.run<DescribeTaskResult>('face', { kind: 'describe', image: new Uint8Array(deps.evidenceFiles.get(e.sha256)), version1Descriptor: true }, undefined, true);
      return r.face;
    } catch {
      return 'unreadable';
    }
  };
  /** The current description of the first of `selfies` whose face is the stored one, with what stopped the others. */
  const find = async (selfies: Evidence[], older: OlderFace): Promise<StoredFace | 'noSelfie' | 'unreadable' | 'otherFace' | 'noReading'> => {
    // The worker reads a face again as version 1 did; a face of another older version is counted, not guessed at.
    if (older.version !== 1) return 'noReading';
    if (selfies.length === 0) return 'noSelfie';
    let why: 'unreadable' | 'otherFace' = 'otherFace';
    for (const e of selfies) {
      const face = await describe(e);
      if (face === 'unreadable') why = 'unreadable';
      else if (face?.version1Descriptor && face.mobileFace.length > 0 && descriptorSimilarity(older.descriptor, face.version1Descriptor) >= SAME_FACE) {
        return { descriptor: Float32Array.from(face.descriptor), mobileFace: Float32Array.from(face.mobileFace), version: FACE_DESCRIPTION_VERSION };
      }
    }
    return why;
  };

  let done = 0;
  for (const f of deps.screening.facesBefore(FACE_DESCRIPTION_VERSION, cursor.faceAfter, BATCH)) {
    if (stop()) break;
    const r = await find(selfiesOf(deps.evidenceRows.forCase(f.caseId)).slice(0, 1), f);
    if (typeof r === 'string') counts[r]++;
    else if (deps.screening.redescribeFace(f.caseId, f, r)) counts.described++;
    counts.faces++;
    cursor.faceAfter = f.rowid;
    done++;
  }
  // Entries once every stored face was looked at: most were described anew with their case's face.
  const facesLeft = done === BATCH || stop();
  if (!facesLeft) {
    for (const e of deps.screening.entriesBefore(FACE_DESCRIPTION_VERSION, cursor.entryAfter, BATCH - done)) {
      if (stop()) break;
      const r = await find(selfiesOf(deps.evidenceRows.forCase(e.sourceCaseId)).slice(0, SELFIES_PER_ENTRY), e);
      if (typeof r === 'string') counts[r]++;
      else if (deps.screening.redescribeEntry(e.id, e, r)) counts.described++;
      counts.entries++;
      cursor.entryAfter = e.rowid;
      done++;
    }
  }
  ctx.progress(`described ${counts.faces} stored faces and ${counts.entries} blocklist entries`, 1);

  const more = !ctx.cancelled() && (facesLeft || done === BATCH || ctx.stopping());
  if (more) {
    // The rest as a new job: other background work queued meanwhile runs first; a closing app resumes it at the next start.
    deps.jobs.insert({ id: newId(), type: FACE_BACKFILL_JOB, caseId: null, payload: { ...cursor, counts }, maxAttempts: 3, now: deps.clock().toISOString(), createdBy: null, lane: 'background' });
  } else {
    deps.audit.append({ at: deps.clock().toISOString(), actor: { id: null, name: SYSTEM_ACTOR_NAMES.screening }, type: 'screening.faces_described', payload: { jobId: ctx.job.id, ...counts, cancelled: ctx.cancelled() } });
    deps.log.info('screening.faces_described', counts);
  }
  return { timings: { describe: performance.now() - started } };
}
