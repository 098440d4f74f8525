import { rmSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempService, type TempService } from '../helpers/tempService';
import { demoImage } from '../helpers/analysisSetup';
import { prefillFromMrz } from '../../electron/service/intake/prefillFromMrz';
import { personInputSchema } from '../../shared/schemas/profile';
import { ErrorCode } from '../../shared/errorCodes';
import type { MrzResult } from '../../shared/schemas/analysis';

const field = (value: string, confidence = 0.9) => ({ value, source: 'MRZ' as const, confidence, checkDigitValid: true });

function mrz(fields: Partial<Record<keyof MrzResult['fields'], string>>): MrzResult {
  const base = { documentCode: 'P<', issuingState: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA<MARIA', documentNumber: 'L898902C3', nationality: 'UTO', birthDate: '740812', sex: 'F', expiryDate: '120415' };
  const all = { ...base, ...fields };
  return {
    format: 'TD3',
    lines: [],
    fields: { ...(Object.fromEntries(Object.entries(all).map(([k, v]) => [k, field(v)])) as unknown as MrzResult['fields']), personalNumber: null },
    checkDigits: [],
    valid: true,
    corrections: 0,
    confidence: 0.9,
  };
}

describe('intake pre-fill: MRZ fields onto the personal-information form', () => {
  const today = new Date('2026-06-01T00:00:00Z');

  it('splits given names, title-cases names and maps the document', () => {
    const { fields, confidence } = prefillFromMrz(mrz({ issuingState: 'FIN', nationality: 'FIN', surname: 'VIRTANEN', givenNames: 'MARIA<OLIVIA', documentNumber: 'XP8271602', birthDate: '711221' }), today);
    expect(fields).toEqual({
      firstName: 'Maria',
      middleName: 'Olivia',
      lastName: 'Virtanen',
      dateOfBirth: '1971-12-21',
      nationality: 'FI',
      'document.type': 'PASSPORT',
      'document.number': 'XP8271602',
      'document.issuedCountryCode': 'FI',
      'document.expiryDate': '2012-04-15',
    });
    expect(confidence.firstName).toBe(0.9);
  });

  it('puts two-digit birth years in the right century, and leaves out what does not parse', () => {
    expect(prefillFromMrz(mrz({ birthDate: '050301' }), today).fields.dateOfBirth).toBe('2005-03-01');
    expect(prefillFromMrz(mrz({ birthDate: '300301' }), today).fields.dateOfBirth).toBe('1930-03-01');
    const odd = prefillFromMrz(mrz({ birthDate: '741332', nationality: 'UTO', documentCode: 'V<' }), today).fields;
    // Utopia is ICAO's specimen state, not a country; a 13th month is not a date; a visa is no identity document.
    expect(odd.dateOfBirth).toBeUndefined();
    expect(odd.nationality).toBeUndefined();
    expect(odd['document.type']).toBeUndefined();
    // Expiry years run up to twenty years ahead; an impossible date is left out.
    expect(prefillFromMrz(mrz({ expiryDate: '400101' }), today).fields['document.expiryDate']).toBe('2040-01-01');
    expect(prefillFromMrz(mrz({ expiryDate: '990101' }), today).fields['document.expiryDate']).toBe('1999-01-01');
    expect(prefillFromMrz(mrz({ expiryDate: '310230' }), today).fields['document.expiryDate']).toBeUndefined();
    expect(prefillFromMrz(mrz({ documentCode: 'ID', issuingState: 'D<<', surname: "O'BRIEN-SMITH" }), today).fields).toMatchObject({ 'document.type': 'NATIONAL_ID', 'document.issuedCountryCode': 'DE', lastName: "O'Brien-Smith" });
  });
});

describe('intake with the running engine: pre-fill and the selfie check', () => {
  let t: TempService;
  let staff: string;

  beforeAll(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    await t.service.startAnalysis({ warmUp: true });
  }, 180_000);
  afterAll(async () => {
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('reads the specimen passport held with the application and offers values the person schema accepts', async () => {
    const begun = await t.service.call('intake.begin', { type: 'PERSON' }, staff);
    if (!begun.ok) throw new Error(begun.error.message);
    const profileId = begun.value.profileId;
    const passport = demoImage('pe_100_pass-fin.png');
    const added = await t.service.call('intake.addDocument', { profileId, kind: 'DOCUMENT_FRONT', fileName: 'passport.png', mimeType: 'image/png', dataBase64: passport.toString('base64') }, staff);
    expect(added.ok).toBe(true);
    const r = await t.service.call('intake.prefill', { profileId }, staff);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.read).toEqual(['DOCUMENT_FRONT']);
    expect(r.value.mrzFound).toBe(true);
    expect(r.value.fields).toMatchObject({ firstName: 'Maria', lastName: 'Virtanen', dateOfBirth: '1971-12-21', 'document.type': 'PASSPORT', 'document.number': 'XP8271602', 'document.issuedCountryCode': 'FI', 'document.expiryDate': '2011-08-21' });
    // The offered values pass the same schema the personal-information step saves with.
    const f = r.value.fields;
    const parsed = personInputSchema().safeParse({
      externalId: 'fin-1',
      firstName: f.firstName,
      middleName: f.middleName,
      lastName: f.lastName,
      email: 'maria@example.fi',
      phone: '+358401234567',
      dateOfBirth: f.dateOfBirth,
      nationality: f.nationality,
      address: { street1: 'Mannerheimintie 1', city: 'Helsinki', state: 'Uusimaa', zipCode: '00100', countryCode: 'FI' },
      document: { type: f['document.type'], number: f['document.number'], issuedCountryCode: f['document.issuedCountryCode'], expiryDate: f['document.expiryDate'] },
    });
    expect(parsed.success).toBe(true);
  }, 180_000);

  it('refuses a selfie with no face in it, keeping nothing, and keeps one with a face', async () => {
    const begun = await t.service.call('intake.begin', { type: 'PERSON' }, staff);
    if (!begun.ok) throw new Error(begun.error.message);
    const profileId = begun.value.profileId;
    // A well-lit, sharp photo of a wall: what the camera's live check alone would let through.
    const wall = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c9b9a0' } }).jpeg().toBuffer();
    const refused = await t.service.call('intake.addDocument', { profileId, kind: 'SELFIE', fileName: 'selfie.jpg', mimeType: 'image/jpeg', dataBase64: wall.toString('base64') }, staff);
    expect(refused.ok ? 'kept' : refused.error).toMatchObject({ code: ErrorCode.SELFIE_NO_FACE, field: 'SELFIE' });
    const after = await t.service.call('intake.status', { profileId }, staff);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.documents.filter((d) => d.kind === 'SELFIE')).toEqual([]);
    // The same wall is a document's business, not a selfie's: only selfies are looked at for a face.
    const back = await t.service.call('intake.addDocument', { profileId, kind: 'DOCUMENT_BACK', fileName: 'back.jpg', mimeType: 'image/jpeg', dataBase64: wall.toString('base64') }, staff);
    expect(back.ok).toBe(true);
    const kept = await t.service.call('intake.addDocument', { profileId, kind: 'SELFIE', fileName: 'selfie.png', mimeType: 'image/png', dataBase64: demoImage('set1_selfie.png').toString('base64') }, staff);
    expect(kept.ok && kept.value.kind).toBe('SELFIE');
  }, 120_000);

  it('explains a PDF-only document instead of reading it', async () => {
    const begun = await t.service.call('intake.begin', { type: 'PERSON' }, staff);
    if (!begun.ok) throw new Error(begun.error.message);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await t.service.call('intake.addDocument', { profileId: begun.value.profileId, kind: 'DOCUMENT_FRONT', fileName: 'scan.pdf', mimeType: 'application/pdf', dataBase64: pdf.toString('base64') }, staff);
    const r = await t.service.call('intake.prefill', { profileId: begun.value.profileId }, staff);
    expect(r.ok ? 'ok' : r.error.code).toBe(ErrorCode.INVALID_EVIDENCE);
  });
});
