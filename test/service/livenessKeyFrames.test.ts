import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errorCodes';
import { extractKeyFrames, KEY_FRAMES_PER_CLIP, spreadIndexes } from '../../electron/service/liveness/extractKeyFrames';
import { makeTempDir, openTempService, type TempService } from '../helpers/tempService';
import { caseAt } from '../helpers/caseSetup';

const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/** A real H.264 clip made by ffmpeg's test source: moving colour bars, no face. */
function testClip(seconds: number): Buffer {
  const out = join(makeTempDir('kyc-keyframe-clip-'), 'clip.mp4');
  execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', `testsrc=s=320x240:d=${seconds}:r=15`, '-pix_fmt', 'yuv420p', out]);
  return readFileSync(out);
}

describe('liveness key frames', () => {
  it('spreads the picks over the clip, one per share', () => {
    expect(spreadIndexes(3, 4)).toEqual([0, 1, 2]);
    expect(spreadIndexes(16, 4)).toEqual([2, 6, 10, 14]);
  });

  it('takes small JPEG thumbnails from a clip, and refuses a file that is not a video', async () => {
    const frames = await extractKeyFrames(testClip(2));
    expect(frames).toHaveLength(KEY_FRAMES_PER_CLIP);
    for (const f of frames) {
      const meta = await sharp(f).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width).toBe(160);
      expect(f.length).toBeLessThan(20_000);
    }
    // Spread over time: the test source's frames differ, so the thumbnails do too.
    expect(new Set(frames.map((f) => f.toString('base64'))).size).toBe(frames.length);
    await expect(extractKeyFrames(Buffer.from('not a video at all'))).rejects.toThrow(/no key frames/);
  }, 60_000);
});

describe('liveness sessions keep key frames for review', () => {
  let t: TempService;
  let staff: string;
  let auditor: string;
  beforeAll(async () => {
    t = openTempService();
    staff = await t.signInAs('branch_staff');
    auditor = await t.signInAs('auditor');
    await t.service.startAnalysis({ warmUp: true });
  }, 120_000);
  afterAll(async () => {
    await t.service.shutdown();
    rmSync(t.dataDir, { recursive: true, force: true });
  });

  it('verify stores key frames per action; a case lists its sessions; frames are served only for their session', async () => {
    const officer = await t.signInAs('officer');
    const { caseId } = await caseAt(t, staff, officer, 'IN_PROGRESS');
    const s = await t.service.call('liveness.start', { caseId }, staff);
    if (!s.ok) throw new Error(s.error.message);
    const clip = testClip(2).toString('base64');
    const r = await t.service.call('liveness.verify', { sessionId: s.value.id, clips: s.value.actions.map((action) => ({ action, mimeType: 'video/mp4' as const, dataBase64: clip })) }, staff);
    if (!r.ok) throw new Error(r.error.message);
    const actions = r.value.result!.actions;
    expect(actions).toHaveLength(3);
    for (const a of actions) expect(a.keyFrames).toHaveLength(KEY_FRAMES_PER_CLIP);
    const sha = actions[0]!.keyFrames![0]!;

    const listed = await t.service.call('liveness.forCase', { caseId }, auditor);
    expect(listed.ok && listed.value.map((x) => x.id)).toEqual([s.value.id]);
    expect(listed.ok && listed.value[0]!.result?.actions[0]?.keyFrames).toEqual(actions[0]!.keyFrames);

    const frame = await t.service.call('liveness.frame', { sessionId: s.value.id, sha256: sha }, auditor);
    if (!frame.ok) throw new Error(frame.error.message);
    expect(frame.value.mimeType).toBe('image/jpeg');
    expect(Buffer.from(frame.value.dataBase64, 'base64').equals(t.service.deps.evidenceFiles.get(sha))).toBe(true);

    // The clip itself is in the store too, but it is not a key frame of the session.
    const clipSha = t.service.deps.evidenceRows.forCase(caseId).find((e) => e.kind === 'LIVENESS_CLIP')!.sha256;
    const other = await t.service.call('liveness.frame', { sessionId: s.value.id, sha256: clipSha }, auditor);
    expect(other.ok ? null : other.error).toMatchObject({ code: ErrorCode.NOT_FOUND, field: 'sha256' });
    const nope = await t.service.call('liveness.frame', { sessionId: 'no-such-session', sha256: sha }, auditor);
    expect(nope.ok ? null : nope.error.code).toBe(ErrorCode.LIVENESS_SESSION);
    const noCase = await t.service.call('liveness.forCase', { caseId: 'no-such-case' }, auditor);
    expect(noCase.ok).toBe(false);
  }, 120_000);
});
