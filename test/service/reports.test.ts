import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { sha256Of } from '../../electron/service/reports/writeReportFile';
import { openTempService, type TempService } from '../helpers/tempService';
import { reportCase, type ReportSetup } from '../helpers/reportCase';
import { formatPercentRate } from '../../shared/errorRate';
import { CALIBRATED_FACE_THRESHOLD, shippedFaceOperatingPoint } from '../../shared/shippedFaceCalibration';
import { FACE_DESCRIPTION_VERSION } from '../../shared/faceDescriptionVersion';
import { pdfText } from '../helpers/pdfText';


describe('the per-case PDF audit report', () => {
  let t: TempService;
  let setup: ReportSetup;
  let pdf: Buffer;
  let result: { fileName: string; sha256: string; savedTo: string; pages: number };

  beforeAll(async () => {
    t = openTempService();
    setup = await reportCase(t);
    const r = await t.service.call('reports.casePdf', { caseId: setup.caseId }, setup.tokens.auditor);
    if (!r.ok) throw new Error(r.error.message);
    pdf = Buffer.from(r.value.dataBase64, 'base64');
    result = r.value;
  }, 60_000);
  afterAll(() => t.cleanup());

  it('holds the names (Chinese included), the fields with the mismatch marked, the checks and every audit hash', () => {
    const text = pdfText(pdf);
    // The display name is "伟 张"; pdftotext drops the space between CJK glyphs.
    expect(text).toMatch(/伟 ?张/);
    // (the comment wraps in its column)
    expect(text.replace(/\s+/g, ' ')).toContain('张伟 is ZHANG WEI');
    expect(text).toContain('WEI ZHANG');
    expect(text).toMatch(/Full name[\s\S]*MISMATCH/);
    expect(text).toContain('E12345678');
    // How the chain was checked, in words: hashed again, or vouched for up to a signed checkpoint.
    expect(text.replace(/\s+/g, ' ')).toMatch(/\d+(, each hashed again|: those up to event #\d+ vouched for by the signed checkpoint there, the rest hashed again)/);
    // Table cells wrap; phrases are looked for with the line breaks folded.
    const flat = text.replace(/\s+/g, ' ');
    // The fused face score with the two similarities it was fused from.
    // (pdftotext drops the hyphen of "face-api" where the cell wraps.)
    expect(flat).toMatch(/face score 0\.713 \(face-?api 0\.688, MobileFace 0\.541\)/);
    // Its threshold, and the decline band the analysis kept (the policy's 0-100 decline threshold on the score's 0-1 scale).
    expect(flat).toMatch(/≥ 0\.500; declined below 0\.30/);
    expect(flat).toContain('Pinyin name matches the');
    // Each quality measure with its value and limit as they are (three significant digits, whole numbers from 100).
    // Each named with its unit; a sharpness stored before blur was measured keeps its own name.
    expect(flat).toMatch(/Glare fade on the card \(share\) 0\.00528 <= 0\.036 PASS/);
    expect(flat).toMatch(/Document front Sharpness 0\.734 >= 0\.35 PASS/);
    expect(flat).toMatch(/Resolution: short side \(px\) 1200 >= 400 PASS/);
    // Sections are numbered in the order drawn (no sanctions list here, so no sanctions section).
    expect(flat).toMatch(/1\. Case and profile .* 2\. Evidence .* 3\. Entered data against the document .* 4\. Verification checks .* 5\. Liveness .* 6\. Decision history .* 7\. Audit events .* 8\. Verification /);
    // The liveness session says whether its clips show the selfie's person.
    expect(flat).toContain('The face in the clips matches the selfie: face score 0.734, threshold 0.51.');
    // The face score comes with the error rates measured at its threshold; this case's policy
    // threshold (0.5) is below the calibrated one, and the PDF says so.
    const op = shippedFaceOperatingPoint(0.5);
    expect(flat).toContain(`weighed against how alike strangers score on it) at threshold 0.5, measured on ${op.dataset.photos} labelled photos of ${op.dataset.persons} people (every pair): false match rate ${formatPercentRate(op.fmr)}`);
    expect(flat).toContain(`below the calibrated ${CALIBRATED_FACE_THRESHOLD}`);
    // This stored analysis predates face description version 2 (it records none): the rates are not its score's own.
    expect(flat).toContain(`This score was computed with face description version 1; the rates were measured with version ${FACE_DESCRIPTION_VERSION}, which scores faces otherwise.`);
    expect(flat).toContain('Confirmed against the passport page.');
    expect(flat).toMatch(/Confirmed \(approval against the engine's DECLINE\) by senior_officer \d+/);
    // Every event of the case up to the export, with its hash and payload hash, one per line.
    const events = t.service.deps.auditRows.forCase(setup.caseId).filter((e) => e.type !== 'report.exported');
    expect(events.length).toBeGreaterThan(8);
    const lines = new Set(text.split('\n').map((l) => l.trim()));
    for (const e of events) {
      expect(lines.has(e.hash), `hash of event #${e.seq}`).toBe(true);
      expect(lines.has(e.payloadHash), `payload hash of event #${e.seq}`).toBe(true);
    }
    expect(text).toContain('VERIFIED');
    expect(text).toMatch(/Exported by\s+auditor \d+ \(auditor\)/);
    expect(text).toMatch(new RegExp(`Page 1 of ${result.pages}`));
  });

  it('prints the document, the selfie and the liveness key frames as images', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const images = execFileSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      // Front and selfie, then two key frames for each of the three actions (each a JPEG XObject).
      expect(images.length).toBeGreaterThanOrEqual(2 + 3 * 2);
      for (const line of images) expect(line).toMatch(/\bimage\b.*\bjpeg\b/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('embeds its fonts (no reliance on the reader having them)', () => {
    const fonts = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) expect(f).toMatch(/NotoSansHans-\w+\s+CID Type 0C\s+Identity-H\s+yes/);
  });

  it('renders its first page to a real, non-blank image with the colour band', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kyc-pdf-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', join(dir, 'r.pdf'), join(dir, 'p')]);
      const png = join(dir, 'p-1.png');
      const stats = await sharp(png).stats();
      const [r, g, b] = stats.channels;
      // A blank page has no spread at all; this one has a dark band, images and text.
      expect(r!.stdev).toBeGreaterThan(30);
      expect(Math.min(r!.min, g!.min, b!.min)).toBeLessThan(60);
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      let ink = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 200) ink += 1;
      expect(ink / (info.width * info.height)).toBeGreaterThan(0.08);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the PDF with a sha256sum sidecar that verifies, and audits the export', () => {
    expect(readFileSync(result.savedTo).equals(pdf)).toBe(true);
    expect(result.sha256).toBe(sha256Of(pdf));
    const sidecar = readFileSync(`${result.savedTo}.sha256`, 'utf8');
    expect(sidecar).toBe(`${result.sha256}  ${basename(result.savedTo)}\n`);
    expect(execFileSync('sha256sum', ['-c', basename(`${result.savedTo}.sha256`)], { cwd: dirname(result.savedTo), encoding: 'utf8' })).toContain(': OK');
    const exported = t.service.deps.auditRows.forCase(setup.caseId).filter((e) => e.type === 'report.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]!.payload).toMatchObject({ sha256: result.sha256, fileName: result.fileName });
  });

  it('lets senior officers and admins export, and refuses branch staff and officers without writing anything', async () => {
    const staff = await t.service.call('reports.casePdf', { caseId: setup.caseId }, setup.tokens.staff);
    expect(staff).toEqual({ ok: false, error: { code: ErrorCode.FORBIDDEN, message: expect.stringContaining('branch_staff') } });
    const officer = await t.service.call('reports.casePdf', { caseId: setup.caseId }, setup.tokens.officer);
    expect(officer.ok ? null : officer.error.code).toBe(ErrorCode.FORBIDDEN);
    for (const token of [setup.tokens.senior, setup.tokens.admin]) expect((await t.service.call('reports.casePdf', { caseId: setup.caseId }, token)).ok).toBe(true);
    expect(t.service.deps.auditRows.forCase(setup.caseId).filter((e) => e.type === 'report.exported')).toHaveLength(3);
  }, 30_000);

  it('answers an unknown case with a coded error', async () => {
    const r = await t.service.call('reports.casePdf', { caseId: 'no-such-case' }, setup.tokens.auditor);
    expect(r).toEqual({ ok: false, error: { code: ErrorCode.NOT_FOUND, message: 'no such case', field: 'caseId' } });
  });

  it('states a broken audit chain and names the first tampered row', async () => {
    const victim = t.service.deps.auditRows.forCase(setup.caseId)[2]!;
    // Someone with the file drops the append-only trigger and rewrites a row; the hash chain tells.
    t.service.deps.db.exec('DROP TRIGGER audit_events_no_update');
    t.service.deps.db.prepare('UPDATE audit_events SET actor_name = ? WHERE seq = ?').run('someone else', victim.seq);
    const r = await t.service.call('reports.casePdf', { caseId: setup.caseId }, setup.tokens.auditor);
    if (!r.ok) throw new Error(r.error.message);
    const text = pdfText(Buffer.from(r.value.dataBase64, 'base64'));
    expect(text).toContain('BROKEN');
    expect(text.replace(/\s+/g, ' ')).toContain(`#${victim.seq}: row content does not match its hash`);
  }, 30_000);
});
