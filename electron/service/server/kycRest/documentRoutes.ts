import { toKycServiceAdminStatus, toKycServiceSubmitResult, toLeapCat } from '../../../../shared/statusMappings';
import type { AnalysisResult, QualityResult } from '../../../../shared/schemas/analysis';
import { sniffMimeType } from '../../evidence/sniffMimeType';
import { readJsonBody, readMultipart, type UploadedFile } from './restBody';
import { RestCode, restFail, restOk } from './restEnvelope';
import { RestAbort, type RestContext, type RestRoute } from './restContext';
import { waitForAnalysis } from './waitForAnalysis';
import { statusObject } from './statusObject';

const BASE = '/api/web/kycService';
const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
type DocumentMime = (typeof DOCUMENT_TYPES)[number];

async function jsonBody(ctx: RestContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx.req);
  if (!body.ok) throw new RestAbort(body.reply);
  return body.value;
}

/** Checks a document image before anything is stored: empty, or not really a JPG/PNG/PDF. */
function documentFile(f: UploadedFile): { mimeType: DocumentMime; dataBase64: string; fileName: string } {
  if (f.data.length === 0) throw new RestAbort(restFail(400, RestCode.INVALID_FILE, `${f.field} is empty`, { field: f.field, errorCode: 'EVIDENCE.0001' }));
  const sniffed = sniffMimeType(f.data);
  if (!DOCUMENT_TYPES.includes(sniffed as DocumentMime)) {
    throw new RestAbort(restFail(400, RestCode.INVALID_FILE, `${f.field} is not a JPG, PNG or PDF file`, { field: f.field, errorCode: 'EVIDENCE.0001' }));
  }
  return { mimeType: sniffed as DocumentMime, dataBase64: f.data.toString('base64'), fileName: f.fileName };
}

/** The OCR fields kycService clients show for confirmation: what the MRZ read. */
function ocrFields(a: AnalysisResult | null): Record<string, string> | null {
  if (!a?.mrz) return null;
  const f = a.mrz.fields;
  return {
    documentType: f.documentCode.value,
    issuingState: f.issuingState.value,
    lastName: f.surname.value,
    firstName: f.givenNames.value,
    documentNumber: f.documentNumber.value,
    nationality: f.nationality.value,
    dateOfBirth: f.birthDate.value,
    sex: f.sex.value,
    expiryDate: f.expiryDate.value,
  };
}

function qualityScores(q: QualityResult | undefined) {
  if (!q) return null;
  return { acceptable: q.acceptable, width: q.width, height: q.height, scores: Object.fromEntries(q.measures.map((m) => [m.name, m.value])), reasons: q.reasons };
}

export const documentRoutes: RestRoute[] = [
  {
    method: 'POST',
    pattern: `${BASE}/submit`,
    // The profile (KillB fields; `type` PERSON or COMPANY) and its application, started.
    async handler(ctx) {
      const { type = 'PERSON', ...fields } = await jsonBody(ctx);
      if (type !== 'PERSON' && type !== 'COMPANY') throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'type must be PERSON or COMPANY', { field: 'type' }));
      const profile = type === 'PERSON' ? await ctx.call('profiles.createPerson', fields as never) : await ctx.call('profiles.createCompany', fields as never);
      const c = ctx.caseOfProfile(profile.id);
      await ctx.call('cases.start', { id: c.id });
      return restOk({ profileId: profile.id, documentId: c.id, type: profile.type, status: toLeapCat('IN_PROGRESS') });
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document`,
    // The identity document's details; the files follow with document/upload.
    async handler(ctx) {
      const body = await jsonBody(ctx);
      const profileId = ctx.required('profileId', typeof body.profileId === 'string' ? body.profileId : null);
      const c = ctx.caseOfProfile(profileId);
      const document: Record<string, unknown> = {};
      for (const k of ['type', 'number', 'issuedCountryCode', 'expeditionDate'] as const) if (body[k] !== undefined) document[k] = body[k];
      if (!document.type || !document.number) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, 'type and number are required', { field: document.type ? 'number' : 'type' }));
      const profile = await ctx.call('profiles.update', { id: profileId, patch: { document }, reason: 'document details sent through the kycService API' });
      return restOk({ documentId: c.id, profileId, document: 'document' in profile.data ? profile.data.document : null });
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/upload`,
    // Front (required) and back as multipart; stored as evidence, then quality and OCR.
    async handler(ctx) {
      const body = await readMultipart(ctx.req, { files: ['front', 'back'], fields: ['profileId', 'documentId'], maxFileBytes: ctx.options.maxUploadBytes });
      if (!body.ok) throw new RestAbort(body.reply);
      const { fields, files } = body.value;
      const c = fields.documentId ? ctx.caseOfDocument(fields.documentId) : ctx.caseOfProfile(ctx.required('profileId', fields.profileId));
      if (!files.front) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, 'the front part (the document image) is required', { field: 'front' }));
      // Both sides are checked before either is stored: a bad back leaves no lone front behind.
      const sides = [{ kind: 'DOCUMENT_FRONT' as const, ...documentFile(files.front) }, ...(files.back ? [{ kind: 'DOCUMENT_BACK' as const, ...documentFile(files.back) }] : [])];
      const stored: Record<string, { evidenceId: string; sha256: string; byteSize: number }> = {};
      for (const side of sides) {
        const e = await ctx.call('evidence.add', { caseId: c.id, kind: side.kind, fileName: side.fileName, mimeType: side.mimeType, dataBase64: side.dataBase64 });
        stored[side.kind === 'DOCUMENT_FRONT' ? 'front' : 'back'] = { evidenceId: e.id, sha256: e.sha256, byteSize: e.byteSize };
      }
      const job = await ctx.call('analysis.start', { caseId: c.id });
      const { result, jobStatus } = await waitForAnalysis(ctx, c.id, job.id);
      const quality = { front: qualityScores(result?.quality.front), back: files.back ? qualityScores(result?.quality.back) : null };
      const base = { documentId: c.id, profileId: c.profileId, files: stored, analysis: jobStatus, quality, ocr: ocrFields(result), mrzValid: result?.mrz?.valid ?? null };
      if (result) {
        const unreadable = result.checks.find((k) => k.check === 'quality' && k.outcome === 'NOT_RUN');
        const errors = [
          ...Object.entries(quality).flatMap(([side, q]) => (q && !q.acceptable ? q.reasons.map((reason) => ({ side, reason })) : [])),
          ...(unreadable ? unreadable.reasons.map((r) => ({ side: 'front', reason: r.code, message: r.message })) : []),
        ];
        if (errors.length) {
          return restFail(200, RestCode.DOCUMENT_UPLOAD_FAILED, 'the document image is not good enough; capture it again', { ...base, errorCode: unreadable ? 'UNREADABLE' : 'QUALITY', errors });
        }
      }
      return restOk(base);
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/confirm`,
    // The customer confirms the OCR fields; a correction (or userModified) means manual review.
    async handler(ctx) {
      const c = ctx.caseOfDocument(ctx.required('documentId', ctx.url.searchParams.get('documentId')));
      const body = await jsonBody(ctx);
      const r = await ctx.call('kycApi.confirmDocument', { caseId: c.id, userModified: body.userModified as boolean, fields: (body.fields ?? {}) as Record<string, string> });
      return restOk({ documentId: c.id, profileId: c.profileId, userModified: r.case.userModified, changedFields: r.changedFields, expectedResult: r.case.userModified ? 3 : null });
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/submit`,
    // Submits the application: 1 auto-approved, 2 manual review, 3 manual review (user-modified).
    async handler(ctx) {
      const c = ctx.caseOfDocument(ctx.required('documentId', ctx.url.searchParams.get('documentId')));
      await ctx.call('cases.submit', { id: c.id });
      const job = (await ctx.call('analysis.status', { caseId: c.id })).jobs.find((j) => j.status === 'queued' || j.status === 'running');
      const { result, jobStatus } = job ? await waitForAnalysis(ctx, c.id, job.id) : { result: null, jobStatus: 'none' };
      const now = (await ctx.call('cases.get', { id: c.id })).case;
      return restOk({
        documentId: c.id,
        profileId: c.profileId,
        result: toKycServiceSubmitResult(now.status, now.userModified) ?? 2,
        status: toKycServiceAdminStatus(now.status),
        caseStatus: now.status,
        analysis: jobStatus,
        recommendation: result?.recommendation ?? null,
        reasons: result?.reasons ?? [],
      });
    },
  },
  {
    method: 'GET',
    pattern: `${BASE}/status/{profileId}`,
    async handler(ctx) {
      return restOk(await statusObject(ctx, ctx.caseOfProfile(ctx.params.profileId!)));
    },
  },
];
