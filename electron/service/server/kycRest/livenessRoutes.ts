import { CHALLENGE_ACTIONS, type LivenessSession } from '../../../../shared/schemas/liveness';
import { sniffMimeType } from '../../evidence/sniffMimeType';
import { readJsonBody, readMultipart, stringField } from './restBody';
import { RestCode, restFail, restOk } from './restEnvelope';
import { RestAbort, type RestRoute } from './restContext';

const BASE = '/api/web/kycService';
/** video1..videoN: the seed's three parts by default, one per action a session can ask for. */
const VIDEO_PARTS = CHALLENGE_ACTIONS.map((_, i) => `video${i + 1}`);

function sessionView(s: LivenessSession, documentId: number | null) {
  return {
    sessionId: s.id,
    documentId,
    actions: s.actions,
    status: s.status,
    createdAt: s.createdAt,
    expiresAt: s.expiresAt,
    completedAt: s.completedAt,
    list: s.result?.actions.map((a) => ({ action: a.action, passed: a.detected, confidence: a.confidence, evidence: a.evidence })) ?? [],
  };
}

export const livenessRoutes: RestRoute[] = [
  {
    method: 'POST',
    pattern: `${BASE}/liveness/start`,
    // A session of the policy's length with its number of random actions (the seed's five minutes
    // and three by default), one video per action in that order.
    async handler(ctx) {
      const c = ctx.caseOfProfile(ctx.required('profileId', ctx.url.searchParams.get('profileId')));
      return restOk(sessionView(await ctx.call('liveness.start', { caseId: c.id }), c.documentId));
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/liveness/verify`,
    // multipart: sessionId, profileId, video1..videoN (video N answers the session's action N).
    async handler(ctx) {
      const body = await readMultipart(ctx.req, { files: VIDEO_PARTS, fields: ['sessionId', 'profileId'], maxFileBytes: ctx.options.maxUploadBytes });
      if (!body.ok) throw new RestAbort(body.reply);
      const { fields, files } = body.value;
      const sessionId = ctx.required('sessionId', fields.sessionId);
      const c = ctx.caseOfProfile(ctx.required('profileId', fields.profileId));
      const session = await ctx.call('liveness.get', { sessionId });
      if (session.caseId !== c.id) throw new RestAbort(restFail(400, RestCode.LIVENESS_SESSION, 'this liveness session belongs to another profile', { field: 'sessionId', errorCode: 'LIVENESS.0001' }));
      const clips: { action: (typeof session.actions)[number]; mimeType: 'video/mp4' | 'video/webm'; dataBase64: string }[] = [];
      for (const [i, action] of session.actions.entries()) {
        const part = VIDEO_PARTS[i]!;
        const f = files[part];
        if (!f) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, `${part} (the clip for "${action}") is required`, { field: part }));
        const mime = await sniffMimeType(f.data);
        if (mime !== 'video/mp4' && mime !== 'video/webm') throw new RestAbort(restFail(400, RestCode.INVALID_FILE, `${part} is not an MP4 or WebM video`, { field: part, errorCode: 'EVIDENCE.0001' }));
        clips.push({ action, mimeType: mime as 'video/mp4' | 'video/webm', dataBase64: f.data.toString('base64') });
      }
      const done = await ctx.call('liveness.verify', { sessionId, clips });
      const view = sessionView(done, c.documentId);
      if (done.status !== 'PASSED') {
        return restFail(200, RestCode.LIVENESS_FAILED, `liveness failed: ${done.result?.passedActions ?? 0} of ${done.result?.requiredActions ?? session.actions.length} actions passed`, view);
      }
      return restOk(view);
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/liveness/session/{sessionId}`,
    async handler(ctx) {
      const s = await ctx.call('liveness.get', { sessionId: ctx.params.sessionId! });
      const c = ctx.service.deps.cases.byId(s.caseId);
      if (c) Object.assign(ctx.auditIds, { caseId: c.id, profileId: c.profileId });
      const documentId = c?.documentId ?? null;
      if (s.status === 'EXPIRED') return restFail(400, RestCode.LIVENESS_SESSION, 'the liveness session expired; start a new one', { ...sessionView(s, documentId), errorCode: 'LIVENESS.0001', field: 'sessionId' });
      return restOk(sessionView(s, documentId));
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/callback/liveness`,
    // A remote liveness provider's result, kept as a signal beside our own sessions. A provider
    // retrying the same callback gets the stored record again (duplicate: true), not an error.
    async handler(ctx) {
      const body = await readJsonBody(ctx.req);
      if (!body.ok) throw new RestAbort(body.reply);
      const b = body.value;
      const profileId = ctx.required('profileId', typeof b.profileId === 'string' ? b.profileId : null);
      ctx.caseOfProfile(profileId);
      if (b.confidence !== undefined && b.confidence !== null && (typeof b.confidence !== 'number' || !(b.confidence >= 0 && b.confidence <= 100))) {
        throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'confidence must be a number from 0 to 100', { field: 'confidence' }));
      }
      const r = await ctx.call('kycApi.livenessCallback', {
        profileId,
        sessionId: stringField(b, 'sessionId'),
        confidence: (b.confidence as number | null | undefined) ?? undefined,
        result: stringField(b, 'result'),
        errorMessage: stringField(b, 'errorMessage'),
      });
      return restOk({ profileId, sessionId: r.sessionId, received: true, duplicate: r.duplicate, verdict: r.verdict, localStatus: r.localStatus, conflict: r.conflict, receivedAt: r.receivedAt });
    },
  },
];
