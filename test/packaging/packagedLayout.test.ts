import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../../electron/service/runtime/resourcePaths';

// The packaged app, short of electron-builder itself (no Electron binary here): the tree
// scripts/packaged-layout.mjs builds from electron-builder.yml, with the bundle from `npm run build`.
const repo = join(import.meta.dirname, '../..');
const script = join(repo, 'scripts', 'packaged-layout.mjs');
const work = mkdtempSync(join(tmpdir(), 'kyc-packaged-'));
const tree = join(work, 'tree');
const asar = join(tree, 'resources', 'app.asar');
const document = join(repo, 'resources', 'demo', 'pe_100_pass-uto.jpg');

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  it('names only files that exist and unpacks every file opened by path', () => {
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('names the entry that matches nothing, and a file opened by path left in the archive', () => {
    const broken = join(work, 'broken.yml');
    const config = readFileSync(join(repo, 'electron-builder.yml'), 'utf8')
      .replace('  - node_modules/@ffmpeg-installer/**\n', '  - node_modules/no-such-package/**\n')
      .replace('icon: resources/icon.png', 'icon: resources/missing.png');
    writeFileSync(broken, config);
    const r = spawnSync(process.execPath, [script, '--check', '--config', broken], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('asarUnpack: "node_modules/no-such-package/**" matches no file');
    expect(r.stderr).toContain('asarUnpack: node_modules/@ffmpeg-installer/linux-x64/ffmpeg is opened by path');
    expect(r.stderr).toMatch(/linux\.icon: resources\/missing\.png does not exist/);
  });
});

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the packaged layout', () => {
  let result: { mrz: { mrz: { valid: boolean; fields: Record<string, { value: string }> } | null }; liveness: { actions: { frames: number; facesFound: number }[]; faceMatch: { similarity: number | null; threshold: number } } };
  let launches: [kind: string, target: string][];

  beforeAll(() => {
    if (!existsSync(join(repo, 'out', 'main', 'analysisWorker.js'))) throw new Error('out/main is not built: run npm run build first');
    const laid = spawnSync(process.execPath, [script, '--out', tree], { encoding: 'utf8' });
    expect(laid.status, laid.stderr).toBe(0);
    // A one-second clip of the document's face, made with the development ffmpeg.
    const clip = join(work, 'clip.mp4');
    const made = spawnSync(ffmpegPath(), ['-v', 'error', '-y', '-loop', '1', '-i', document, '-t', '1', '-r', '10', '-vf', 'scale=640:-2', '-pix_fmt', 'yuv420p', clip]);
    expect(made.status).toBe(0);
    const log = join(work, 'launches.log');
    writeFileSync(log, '');
    const run = spawnSync(process.execPath, ['--import', join(import.meta.dirname, 'recordLaunches.mjs'), join(import.meta.dirname, 'runPackagedAnalysis.mjs'), tree, document, clip], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, KYC_LAUNCH_LOG: log },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    result = JSON.parse(run.stdout) as typeof result;
    launches = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t') as [string, string]);
  }, 180_000);

  it('reads the passport MRZ', () => {
    expect(result.mrz.mrz?.valid).toBe(true);
    expect(result.mrz.mrz?.fields.documentNumber?.value).toBe('L898902C3');
    expect(result.mrz.mrz?.fields.surname?.value).toBe('ERIKSSON');
  });

  it('extracts the clip frames with ffmpeg and finds the face in them and in the document', () => {
    const [blink] = result.liveness.actions;
    expect(blink?.frames).toBeGreaterThanOrEqual(8);
    expect(blink?.facesFound).toBe(blink?.frames);
    expect(result.liveness.faceMatch.similarity).toBeGreaterThan(result.liveness.faceMatch.threshold);
  });

  it('starts nothing but the app bundle from inside app.asar', () => {
    const inArchive = (p: string) => p.startsWith(asar + sep);
    const bundle = join(asar, 'out', 'main', 'analysisWorker.js');
    expect(launches.filter(([, target]) => inArchive(target) && target !== bundle)).toEqual([]);
    expect(launches).toContainEqual(['exec', join(`${asar}.unpacked`, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg')]);
    expect(launches.filter(([kind, target]) => kind === 'worker' && target.includes('tesseract.js')).length).toBe(2);
    // The archive's copies of what is opened by path are stubs: taking one would have failed above.
    const stub = join(asar, 'node_modules', '@ffmpeg-installer', 'linux-x64', 'ffmpeg');
    expect(statSync(stub).mode & 0o111).toBe(0);
    expect(readFileSync(join(asar, 'resources', 'models', 'face-api', 'ssd_mobilenetv1_model-weights_manifest.json'), 'utf8')).toMatch(/^throw new Error\('read from inside app\.asar/);
    expect(readFileSync(join(asar, 'resources', 'models', 'human', 'mobileface.json'), 'utf8')).toMatch(/^throw new Error\('read from inside app\.asar/);
  });
});
