import { toKycServiceAdminStatus, toKycServiceSubmitResult, toLeapCat } from '../../../../shared/statusMappings';
import type { AnalysisResult, QualityResult } from '../../../../shared/schemas/analysis';
import { sniffMimeType } from '../../evidence/sniffMimeType';
import { approvedBy } from '../../cases/approvedBy';
import { ocrReading } from '../../kycService/confirmedFields';
import { uploadKeyOf } from '../../../../shared/schemas/upload';
import { readJsonBody, readMultipart, stringField, type UploadedFile } from './restBody';
import { RestCode, restFail, restOk } from './restEnvelope';
import { RestAbort, type RestContext, type RestRoute } from './restContext';
import { waitForAnalysis } from './waitForAnalysis';
import { statusObject } from './statusObject';

const BASE = '/api/web/kycService';
const DOCUMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
type DocumentMime = (typeof DOCUMENT_TYPES)[number];
/** The seed's part names first; `front`/`back` are this API's earlier names, still taken. */
const FRONT_PARTS = ['frontImage', 'front'] as const;
const BACK_PARTS = ['backImage', 'back'] as const;

async function jsonBody(ctx: RestContext): Promise<Record<string, unknown>> {
  const body = await readJsonBody(ctx.req);
  if (!body.ok) throw new RestAbort(body.reply);
  return body.value;
}

/** Checks a document image before anything is stored: empty, or not really a JPG/PNG/PDF. */
async function documentFile(f: UploadedFile): Promise<{ mimeType: DocumentMime; dataBase64: string; fileName: string }> {
  if (f.data.length === 0) throw new RestAbort(restFail(400, RestCode.INVALID_FILE, `${f.field} is empty`, { field: f.field, errorCode: 'EVIDENCE.0001' }));
  const sniffed = await sniffMimeType(f.data);
  if (!DOCUMENT_TYPES.includes(sniffed as DocumentMime)) {
    throw new RestAbort(restFail(400, RestCode.INVALID_FILE, `${f.field} is not a JPG, PNG or PDF file`, { field: f.field, errorCode: 'EVIDENCE.0001' }));
  }
  return { mimeType: sniffed as DocumentMime, dataBase64: f.data.toString('base64'), fileName: f.fileName };
}

/** One side's file under either of its names; both names at once is ambiguous. */
function side(files: Record<string, UploadedFile>, names: readonly string[]): UploadedFile | undefined {
  const sent = names.filter((n) => files[n]);
  if (sent.length > 1) throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, `send one of ${names.join(' or ')}`, { field: sent[1]! }));
  return sent[0] ? files[sent[0]] : undefined;
}

/**
 * The extracted identity fields for the customer to confirm, in the names /document/confirm
 * takes back (name, idNumber, birthDate, expiryDate, nationality), with the MRZ's own parts beside.
 */
function ocrFields(a: AnalysisResult | null, today: Date) {
  if (!a?.mrz) return null;
  const f = a.mrz.fields;
  const seed = ocrReading(a.mrz, today);
  return {
    name: seed.name,
    idNumber: seed.idNumber,
    birthDate: seed.birthDate,
    expiryDate: seed.expiryDate,
    nationality: seed.nationality,
    documentType: f.documentCode.value,
    issuingState: f.issuingState.value,
    firstName: f.givenNames.value.replace(/</g, ' ').trim(),
    lastName: f.surname.value.replace(/</g, ' ').trim(),
    sex: f.sex.value,
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
    // Seed: `{userId, country}` creates the profile (an applicant, level L0) and starts its
    // application. A KillB body (`type`, `externalId`, `data` fields) creates a full profile instead.
    async handler(ctx) {
      const body = await jsonBody(ctx);
      if (body.userId !== undefined || body.externalId === undefined) {
        const userId = stringField(body, 'userId');
        const existing = userId ? ctx.service.deps.profiles.byExternalId(userId.trim()) : undefined;
        if (existing) {
          return restFail(409, RestCode.CONFLICT, 'a profile with this userId already exists', { errorCode: 'USER.0001', field: 'userId', profileId: existing.id });
        }
        // The seed marks both required: a missing one is said to be missing, not a malformed code.
        const r = await ctx.call('kycApi.submit', { userId: ctx.required('userId', userId), country: ctx.required('country', stringField(body, 'country')) });
        Object.assign(ctx.auditIds, { profileId: r.profile.id, caseId: r.case.id });
        return restOk({ profileId: r.profile.id, documentId: r.case.documentId, status: toLeapCat(r.case.status), kycLevel: r.case.kycLevel });
      }
      const { type = 'PERSON', ...fields } = body;
      if (type !== 'PERSON' && type !== 'COMPANY') throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'type must be PERSON or COMPANY', { field: 'type' }));
      // As for a userId: a second submit names the existing profile, so a client whose first
      // answer was lost (a branch forwarding its case) links that profile instead of guessing.
      const externalId = stringField(body, 'externalId');
      const known = externalId ? ctx.service.deps.profiles.byExternalId(externalId.trim()) : undefined;
      if (known) {
        return restFail(409, RestCode.CONFLICT, 'a profile with this externalId already exists', { errorCode: 'USER.0001', field: 'externalId', profileId: known.id });
      }
      const profile = type === 'PERSON' ? await ctx.call('profiles.createPerson', fields as never) : await ctx.call('profiles.createCompany', fields as never);
      const c = ctx.caseOfProfile(profile.id);
      const started = await ctx.call('cases.start', { id: c.id });
      return restOk({ profileId: profile.id, documentId: started.documentId, type: profile.type, status: toLeapCat(started.status), kycLevel: started.kycLevel });
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document`,
    // Document metadata. A URL or key from this workstation's own upload (`kyc upload`) files
    // that upload as the document side; any other URL is kept as a reference and shown to the
    // reviewer, never fetched (the workstation fetches nothing from outside).
    async handler(ctx) {
      const body = await jsonBody(ctx);
      const c = ctx.caseOfProfile(ctx.required('profileId', stringField(body, 'profileId')));
      const frontImageUrl = ctx.required('frontImageUrl', stringField(body, 'frontImageUrl'));
      const backImageUrl = stringField(body, 'backImageUrl');
      const ours = [
        { key: uploadKeyOf(frontImageUrl), kind: 'DOCUMENT_FRONT' as const },
        { key: backImageUrl ? uploadKeyOf(backImageUrl) : null, kind: 'DOCUMENT_BACK' as const },
      ].filter((f): f is { key: string; kind: 'DOCUMENT_FRONT' | 'DOCUMENT_BACK' } => f.key !== null);
      // Every named upload must exist before anything is written.
      for (const f of ours) await ctx.call('uploads.get', { key: f.key });
      const r = await ctx.call('kycApi.documentMetadata', {
        caseId: c.id,
        docType: stringField(body, 'docType') ?? '',
        docNumber: stringField(body, 'docNumber'),
        frontImageUrl,
        backImageUrl,
        expiryDate: stringField(body, 'expiryDate'),
        issueCountry: stringField(body, 'issueCountry'),
      });
      if (ours.length) await ctx.call('intake.attachUploads', { profileId: c.profileId, files: ours });
      const document = r.profile.type === 'PERSON' ? (r.profile.data.document ?? null) : null;
      return restOk({ documentId: r.case.documentId, profileId: c.profileId, document, filedUploads: ours.map((f) => ({ key: f.key, kind: f.kind })) });
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/upload`,
    // multipart: profileId, docType, country, frontImage (required), backImage. Stored as
    // evidence, then quality and OCR; the extracted fields come back for confirmation.
    async handler(ctx) {
      const body = await readMultipart(ctx.req, { files: [...FRONT_PARTS, ...BACK_PARTS], fields: ['profileId', 'documentId', 'docType', 'country'], maxFileBytes: ctx.options.maxUploadBytes });
      if (!body.ok) throw new RestAbort(body.reply);
      const { fields, files } = body.value;
      const c = fields.documentId ? ctx.caseOfDocument(fields.documentId) : ctx.caseOfProfile(ctx.required('profileId', fields.profileId));
      const front = side(files, FRONT_PARTS);
      const back = side(files, BACK_PARTS);
      if (!front) throw new RestAbort(restFail(400, RestCode.MISSING_PARAMETER, 'frontImage (the document image) is required', { field: 'frontImage' }));
      // Both sides are checked before either is stored: a bad back leaves no lone front behind.
      const sides = [{ kind: 'DOCUMENT_FRONT' as const, ...(await documentFile(front)) }, ...(back ? [{ kind: 'DOCUMENT_BACK' as const, ...(await documentFile(back)) }] : [])];
      // docType and country describe the document: kept on the profile (a refused value stores nothing).
      if (fields.docType || fields.country) {
        const profile = await ctx.call('profiles.get', { id: c.profileId });
        await ctx.call('kycApi.documentMetadata', { caseId: c.id, docType: fields.docType ?? profile.data.document?.type ?? '', issueCountry: fields.country });
      }
      const stored: Record<string, { evidenceId: string; sha256: string; byteSize: number }> = {};
      for (const s of sides) {
        const e = await ctx.call('evidence.add', { caseId: c.id, kind: s.kind, fileName: s.fileName, mimeType: s.mimeType, dataBase64: s.dataBase64 });
        stored[s.kind === 'DOCUMENT_FRONT' ? 'frontImage' : 'backImage'] = { evidenceId: e.id, sha256: e.sha256, byteSize: e.byteSize };
      }
      const job = await ctx.call('analysis.start', { caseId: c.id });
      const { result, jobStatus } = await waitForAnalysis(ctx, c.id, job.id);
      const quality = { front: qualityScores(result?.quality.front), back: back ? qualityScores(result?.quality.back) : null };
      const base = { documentId: c.documentId, profileId: c.profileId, files: stored, analysis: jobStatus, quality, ocr: ocrFields(result, ctx.service.deps.clock()), mrzValid: result?.mrz?.valid ?? null };
      if (result) {
        const unreadable = result.checks.find((k) => k.check === 'quality' && k.outcome === 'NOT_RUN');
        const errors = [
          ...Object.entries(quality).flatMap(([s, q]) => (q && !q.acceptable ? q.reasons.map((reason) => ({ side: s, reason })) : [])),
          ...(unreadable ? unreadable.reasons.map((r) => ({ side: 'front', reason: r.code, message: r.message })) : []),
        ];
        if (errors.length) {
          return restFail(200, RestCode.DOCUMENT_UPLOAD_FAILED, 'the document image is not good enough; capture it again', { ...base, errorCode: unreadable ? 'UNREADABLE' : 'QUALITY', errors });
        }
      }
      return restOk(base, 'Document uploaded successfully');
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/confirm`,
    // The customer confirms or corrects the OCR fields; a correction (or userModified) means manual review.
    async handler(ctx) {
      const c = ctx.caseOfDocument(ctx.required('documentId', ctx.url.searchParams.get('documentId')));
      const body = await jsonBody(ctx);
      if (body.userModified !== undefined && typeof body.userModified !== 'boolean') {
        throw new RestAbort(restFail(400, RestCode.INVALID_PARAMETER, 'userModified must be true or false', { field: 'userModified' }));
      }
      const r = await ctx.call('kycApi.confirmDocument', {
        caseId: c.id,
        name: stringField(body, 'name'),
        idNumber: stringField(body, 'idNumber'),
        birthDate: stringField(body, 'birthDate'),
        expiryDate: stringField(body, 'expiryDate'),
        issuer: stringField(body, 'issuer'),
        nationality: stringField(body, 'nationality'),
        userModified: body.userModified as boolean | undefined,
      });
      const manual = r.case.userModified;
      return restOk(
        { documentId: c.documentId, profileId: c.profileId, userModified: manual, changedFields: r.changedFields, expectedResult: manual ? 3 : null },
        manual ? 'Confirmed; the document was modified by the user and will enter manual review' : 'Confirmed',
      );
    },
  },
  {
    method: 'POST',
    pattern: `${BASE}/document/submit`,
    // Submits the application: status 1 auto-approved, 2 manual review, 3 manual review (user-modified).
    async handler(ctx) {
      const c = ctx.caseOfDocument(ctx.required('documentId', ctx.url.searchParams.get('documentId')));
      await ctx.call('cases.submit', { id: c.id });
      const job = (await ctx.call('analysis.status', { caseId: c.id })).jobs.find((j) => j.status === 'queued' || j.status === 'running');
      const { result, jobStatus } = job ? await waitForAnalysis(ctx, c.id, job.id) : { result: null, jobStatus: 'none' };
      const now = (await ctx.call('cases.get', { id: c.id })).case;
      return restOk({
        documentId: c.documentId,
        profileId: c.profileId,
        status: toKycServiceSubmitResult(now.status, now.userModified, approvedBy(ctx.service.deps, now)) ?? 2,
        reviewStatus: toKycServiceAdminStatus(now.status),
        kycStatus: toLeapCat(now.status),
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
      const c = ctx.caseOfProfile(ctx.params.profileId!);
      return restOk({ profileId: c.profileId, documentId: c.documentId, status: await statusObject(ctx, c) }, '查询成功');
    },
  },
];
