import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import { CHALLENGE_ACTIONS } from '../../shared/schemas/liveness';
import { drawActions } from '../../electron/service/handlers/livenessHandlers';
import { ANALYSIS_JOB } from '../../electron/service/jobs/enqueueAnalysis';
import { makeTempDir, openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

const fixtures = join(import.meta.dirname, '../../../shared/fixtures/liveness/videos');
const haveClips = existsSync(fixtures);
if (!haveClips) process.stderr.write(`Skipping liveness clip checks: no fixtures at ${fixtures}\n`);
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const b64 = (b: Buffer) => b.toString('base64');

describe('liveness sessions (kycService contract)', () => {
  let t: TempService;
  let staff: string;
  let now = new Date('2026-11-22T10:00:00Z');
  beforeAll(async () => {
    t = openTempService({ clock: () => new Date(now) });
    staff = await t.signInAs('branch_staff');
    await t.service.startAnalysis({ warmUp: true });
  }, 120_000);
  afterAll(async () => {
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const s = await t.service.call('liveness.start', { caseId }, staff);
    if (!s.ok) throw new Error(s.error.message);
    return s.value;
  };

  it('draws three distinct actions and expires after five minutes', async () => {
    const s = await start();
    expect(s.actions).toHaveLength(3);
    expect(new Set(s.actions).size).toBe(3);
    for (const a of s.actions) expect(CHALLENGE_ACTIONS).toContain(a);
    expect(Date.parse(s.expiresAt) - Date.parse(s.createdAt)).toBe(5 * 60_000);
    now = new Date(now.getTime() + 6 * 60_000);
    const later = await t.service.call('liveness.get', { sessionId: s.id }, staff);
    expect(later.ok && later.value.status).toBe('EXPIRED');
    const late = await t.service.call('liveness.verify', { sessionId: s.id, clips: s.actions.map((action) => ({ action, mimeType: 'video/mp4', dataBase64: 'AAAA' })) }, staff);
    expect(late.ok ? null : late.error.code).toBe(ErrorCode.LIVENESS_SESSION);
    const missing = await t.service.call('liveness.get', { sessionId: 'nope' }, staff);
    expect(missing.ok ? null : missing.error.code).toBe(ErrorCode.LIVENESS_SESSION);
  });

  it('never draws an action no labelled clip evaluates (nod, open mouth)', () => {
    const drawn = new Set(Array.from({ length: 200 }, () => drawActions(CHALLENGE_ACTIONS.length)).flat());
    expect([...drawn].sort()).toEqual([...CHALLENGE_ACTIONS].sort());
    // A policy asking for more actions than are drawable gets each drawable one once.
    expect(drawActions(6)).toHaveLength(CHALLENGE_ACTIONS.length);
  });

  it('refuses clips that do not answer the challenge, and undecodable clips, leaving the session open', async () => {
    const s = await start();
    const wrong = await t.service.call('liveness.verify', { sessionId: s.id, clips: [{ action: s.actions[0]!, mimeType: 'video/mp4', dataBase64: 'AAAA' }] }, staff);
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: ErrorCode.LIVENESS_CLIPS, field: 'clips' });
    const junk = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom'), Buffer.alloc(200, 7)]);
    const bad = await t.service.call('liveness.verify', { sessionId: s.id, clips: s.actions.map((action) => ({ action, mimeType: 'video/mp4', dataBase64: b64(junk) })) }, staff);
    expect(bad.ok ? null : bad.error.code).toBe(ErrorCode.LIVENESS_CLIPS);
    const after = await t.service.call('liveness.get', { sessionId: s.id }, staff);
    expect(after.ok && after.value.status).toBe('PENDING');
  }, 60_000);

  it('a clip without a face passes nothing, and says so', async () => {
    const s = await start();
    const out = join(makeTempDir('kyc-clip-'), 'gray.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=320x240:d=1:r=10', '-pix_fmt', 'yuv420p', out]);
    const clip = readFileSync(out);
    const r = await t.service.call('liveness.verify', { sessionId: s.id, clips: s.actions.map((action) => ({ action, mimeType: 'video/mp4', dataBase64: b64(clip) })) }, staff);
    expect(r.ok && r.value.status).toBe('FAILED');
    expect(r.ok && r.value.result?.actions.every((a) => !a.detected && a.facesFound === 0)).toBe(true);
    expect(r.ok && r.value.result?.actions[0]?.evidence).toMatch(/face was found in 0/);
  }, 60_000);

  it.skipIf(!haveClips)('verifies real clips action by action, storing them as evidence', async () => {
    const s = await start();
    // Pin the challenge so the clips can answer it.
    t.service.deps.db.prepare('UPDATE liveness_sessions SET actions = ? WHERE id = ?').run(JSON.stringify(['smile', 'nod', 'open_mouth']), s.id);
    const clip = (f: string) => b64(readFileSync(join(fixtures, f)));
    const r = await t.service.call(
      'liveness.verify',
      {
        sessionId: s.id,
        clips: [
          { action: 'smile', mimeType: 'video/mp4', dataBase64: clip('smile_liveportrait_d0.mp4') },
          { action: 'nod', mimeType: 'video/mp4', dataBase64: clip('smile_liveportrait_d0.mp4') },
          { action: 'open_mouth', mimeType: 'video/mp4', dataBase64: clip('turn_liveportrait_d12.mp4') },
        ],
      },
      staff,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const byAction = Object.fromEntries(r.value.result!.actions.map((a) => [a.action, a.detected]));
    expect(byAction).toEqual({ smile: true, nod: false, open_mouth: true });
    expect(r.value).toMatchObject({ status: 'FAILED', result: { passedActions: 2, requiredActions: 3 } });
    expect(t.service.deps.evidenceRows.forCase(s.caseId).filter((e) => e.kind === 'LIVENESS_CLIP')).toHaveLength(3);
    const again = await t.service.call('liveness.verify', { sessionId: s.id, clips: [] }, staff);
    expect(again.ok).toBe(false);
  }, 120_000);

  const faces = join(import.meta.dirname, '../../../shared/fixtures/faces/images');
  const withSelfie = async (selfie: Buffer) => {
    const s = await start();
    const added = await t.service.call('evidence.add', { caseId: s.caseId, kind: 'SELFIE', fileName: 'selfie.jpg', mimeType: 'image/jpeg', dataBase64: b64(selfie) }, staff);
    if (!added.ok) throw new Error(added.error.message);
    t.service.deps.db.prepare('UPDATE liveness_sessions SET actions = ? WHERE id = ?').run(JSON.stringify(['smile']), s.id);
    return s;
  };
  const smileClip = () => readFileSync(join(fixtures, 'smile_liveportrait_d0.mp4'));

  it.skipIf(!haveClips || !existsSync(faces))('fails a session performed by someone other than the person in the selfie', async () => {
    const s = await withSelfie(readFileSync(join(faces, 'p01_01.jpg')));
    const r = await t.service.call('liveness.verify', { sessionId: s.id, clips: [{ action: 'smile', mimeType: 'video/mp4', dataBase64: b64(smileClip()) }] }, staff);
    if (!r.ok) throw new Error(r.error.message);
    const m = r.value.result?.faceMatch;
    expect(m).toMatchObject({ reference: 'selfie', threshold: DEFAULT_POLICY.faceMatch.matchThreshold, detail: null });
    expect(m?.similarity).toBeLessThan(DEFAULT_POLICY.faceMatch.matchThreshold);
    // The smile itself was seen: only the face comparison fails the session.
    expect(r.value).toMatchObject({ status: 'FAILED', result: { passedActions: 1 } });
  }, 120_000);

  it.skipIf(!haveClips)('passes a session whose clips show the person in the selfie', async () => {
    const dir = makeTempDir('kyc-selfie-');
    // A frame of the clip itself stands in for the same person's selfie.
    execFileSync(ffmpeg, ['-v', 'error', '-i', join(fixtures, 'smile_liveportrait_d0.mp4'), '-frames:v', '1', join(dir, 'selfie.jpg')]);
    const s = await withSelfie(readFileSync(join(dir, 'selfie.jpg')));
    const r = await t.service.call('liveness.verify', { sessionId: s.id, clips: [{ action: 'smile', mimeType: 'video/mp4', dataBase64: b64(smileClip()) }] }, staff);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.result?.faceMatch?.similarity).toBeGreaterThanOrEqual(DEFAULT_POLICY.faceMatch.matchThreshold);
    expect(r.value.status).toBe('PASSED');
  }, 120_000);

  it('analyses a submitted case again when its liveness session completes', async () => {
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'SUBMITTED');
    const s = await t.service.call('liveness.start', { caseId }, staff);
    if (!s.ok) throw new Error(s.error.message);
    const jobs = () => t.service.deps.db.prepare('SELECT COUNT(*) AS n FROM jobs WHERE case_id = ? AND type = ?').get(caseId, ANALYSIS_JOB) as { n: number };
    const before = jobs().n;
    const out = join(makeTempDir('kyc-clip-'), 'gray.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=320x240:d=1:r=10', '-pix_fmt', 'yuv420p', out]);
    const clip = b64(readFileSync(out));
    const r = await t.service.call('liveness.verify', { sessionId: s.value.id, clips: s.value.actions.map((action) => ({ action, mimeType: 'video/mp4', dataBase64: clip })) }, staff);
    expect(r.ok && r.value.status).toBe('FAILED');
    expect(jobs().n).toBe(before + 1);
  }, 60_000);
});
