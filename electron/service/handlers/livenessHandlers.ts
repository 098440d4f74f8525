import { randomInt } from 'node:crypto';
import { ErrorCode } from '../../../shared/errorCodes';
import { CHALLENGE_ACTIONS, type LivenessSession } from '../../../shared/schemas/liveness';
import type { Evidence } from '../../../shared/schemas/evidence';
import type { CaseStatus } from '../../../shared/caseStatus';
import { ServiceFailure } from '../core/ServiceFailure';
import { newId } from '../core/newId';
import { loadCase } from '../cases/caseWorkflow';
import { assertRetryAllowed } from '../cases/retryAttempts';
import { evidenceHandlers } from './evidenceHandlers';
import type { LivenessTaskResult } from '../analysis/worker/protocol';
import { keepKeyFrames } from '../liveness/keepKeyFrames';
import { enqueueAnalysis } from '../jobs/enqueueAnalysis';
import type { HandlerSlice } from './Handlers';

/**
 * Distinct actions drawn with a CSPRNG, so a replayed recording cannot know them in advance. Only
 * from CHALLENGE_ACTIONS (the evaluated ones): a policy asking for more gets all of them.
 */
export function drawActions(n: number): string[] {
  const pool: string[] = [...CHALLENGE_ACTIONS];
  const out: string[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(randomInt(pool.length), 1)[0]!);
  return out;
}

/** Case states whose recommendation is read or acted on: earlier ones are analysed when submitted. */
const REANALYSE_ON_LIVENESS: readonly CaseStatus[] = ['SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW'];

export const livenessHandlers: HandlerSlice<'liveness.start' | 'liveness.get' | 'liveness.verify' | 'liveness.forCase' | 'liveness.frame'> = {
  'liveness.start'(input, { deps, now, tx, actor }) {
    return tx(() => {
      const c = loadCase(deps, input.caseId);
      // A new session right after a failed one is a retry, counted against max_retry_attempts.
      assertRetryAllowed(deps, c, 'liveness', now);
      const policy = deps.policies.latest()!.body.liveness;
      const id = newId();
      const expiresAt = new Date(now.getTime() + policy.sessionMinutes * 60_000).toISOString();
      deps.liveness.insert({ id, caseId: c.id, actions: drawActions(policy.actionsPerSession), now: now.toISOString(), expiresAt, createdBy: actor.id });
      deps.audit.append({ at: now.toISOString(), actor: { id: actor.id, name: actor.displayName }, type: 'liveness.started', caseId: c.id, profileId: c.profileId, payload: { sessionId: id, expiresAt } });
      return deps.liveness.byId(id, now)!;
    });
  },

  'liveness.get'(input, { deps, now }) {
    const s = deps.liveness.byId(input.sessionId, now);
    if (!s) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'no such liveness session', 'sessionId');
    return s;
  },

  async 'liveness.verify'(input, ctx) {
    const { deps, now, actor } = ctx;
    const s = deps.liveness.byId(input.sessionId, now);
    if (!s) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'no such liveness session', 'sessionId');
    if (s.status === 'EXPIRED') throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'the liveness session expired; start a new one', 'sessionId');
    if (s.status !== 'PENDING') throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'this liveness session was already verified', 'sessionId');
    const sent = input.clips.map((c) => c.action).sort();
    if (sent.join() !== [...s.actions].sort().join()) {
      throw new ServiceFailure(ErrorCode.LIVENESS_CLIPS, `send one clip for each action: ${s.actions.join(', ')}`, 'clips');
    }
    const engine = deps.engine;
    if (!engine) throw new ServiceFailure(ErrorCode.ENGINE_OFF, 'the verification engine is not running on this workstation');
    // Keep every clip as evidence first (checked, content-addressed), then analyse.
    for (const clip of input.clips) {
      await evidenceHandlers['evidence.add']({ caseId: s.caseId, kind: 'LIVENESS_CLIP', fileName: `liveness-${clip.action}.${clip.mimeType === 'video/mp4' ? 'mp4' : 'webm'}`, mimeType: clip.mimeType, dataBase64: clip.dataBase64 }, ctx);
    }
    const policy = deps.policies.latest()!.body;
    // The clips' face against the selfie, or the document portrait without one: whoever performs
    // the challenge must be the person the case is about.
    const evidence = deps.evidenceRows.forCase(s.caseId);
    const newest = (kind: Evidence['kind']) => evidence.filter((e) => e.kind === kind).at(-1);
    const photo = newest('SELFIE') ?? newest('DOCUMENT_FRONT');
    const reference = photo ? { kind: photo.kind === 'SELFIE' ? ('selfie' as const) : ('document' as const), image: new Uint8Array(deps.evidenceFiles.get(photo.sha256)), threshold: policy.faceMatch.matchThreshold } : null;
    let out: LivenessTaskResult;
    try {
      out = await engine.pool.run<LivenessTaskResult>('face', { kind: 'liveness', clips: input.clips.map((c) => ({ actions: [c.action], data: new Uint8Array(Buffer.from(c.dataBase64, 'base64')) })), reference });
    } catch (e) {
      throw new ServiceFailure(ErrorCode.LIVENESS_CLIPS, `the clips could not be analysed: ${e instanceof Error ? e.message : String(e)}`, 'clips');
    }
    // Thumbnails for the officer, kept in the evidence store before the result is written.
    const keyFrames = await keepKeyFrames(deps, input.clips);
    const actions = out.actions.map((a) => ({
      action: a.action as LivenessSession['actions'][number],
      detected: a.detected,
      confidence: a.confidence,
      evidence: a.evidence,
      frames: a.frames,
      facesFound: a.facesFound,
      keyFrames: keyFrames.get(a.action) ?? [],
    }));
    const required = Math.min(policy.liveness.minActionsPassed, s.actions.length);
    const passedActions = actions.filter((a) => a.detected).length;
    const faceMatch = out.faceMatch ?? null;
    const result = { actions, passedActions, requiredActions: required, confidence: Math.round((actions.reduce((x, a) => x + a.confidence, 0) / Math.max(1, actions.length)) * 100) / 100, faceMatch };
    // Another person in the clips fails the session whatever the actions showed; a comparison
    // that could not be made leaves the status to the actions and the recommendation asks an officer.
    const otherPerson = faceMatch !== null && faceMatch.similarity !== null && faceMatch.similarity < faceMatch.threshold;
    const status = passedActions >= required && !otherPerson ? 'PASSED' : 'FAILED';
    const at = deps.clock();
    deps.db.transaction(() => {
      if (!deps.liveness.complete(s.id, status, result, at.toISOString())) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'this liveness session was already verified', 'sessionId');
      deps.audit.append({
        at: at.toISOString(),
        actor: { id: actor.id, name: actor.displayName },
        type: 'liveness.verified',
        caseId: s.caseId,
        payload: { sessionId: s.id, status, passedActions, requiredActions: required, faceSimilarity: faceMatch?.similarity ?? null },
      });
      // The recommendation reads the newest session: a submitted case is analysed again so it
      // never stands on a liveness it no longer has (an automatic approval included).
      const c = loadCase(deps, s.caseId);
      if (REANALYSE_ON_LIVENESS.includes(c.status)) enqueueAnalysis(deps, c.id, actor, at);
    })();
    return deps.liveness.byId(s.id, at)!;
  },

  'liveness.forCase'(input, { deps, now }) {
    const c = loadCase(deps, input.caseId);
    return deps.liveness.byCase(c.id, now);
  },

  'liveness.frame'(input, { deps, now }) {
    const s = deps.liveness.byId(input.sessionId, now);
    if (!s) throw new ServiceFailure(ErrorCode.LIVENESS_SESSION, 'no such liveness session', 'sessionId');
    // Only the session's own frames: a hash alone never opens another file of the store.
    const listed = s.result?.actions.some((a) => a.keyFrames?.includes(input.sha256)) ?? false;
    if (!listed || !deps.evidenceFiles.has(input.sha256)) throw new ServiceFailure(ErrorCode.NOT_FOUND, 'no such key frame in this liveness session', 'sha256');
    return { mimeType: 'image/jpeg' as const, dataBase64: deps.evidenceFiles.get(input.sha256).toString('base64') };
  },
};
