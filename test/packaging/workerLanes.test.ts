import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The analysis worker as bundled by `npm run build`: each lane's chunk, with every chunk it
// imports, must leave the other lane's libraries out, so that a worker loads only its own
// (analysisWorker.ts imports its lane's module by lane).
const out = join(import.meta.dirname, '../../out/main');
const ENTRY = 'analysisWorker.js';

/** Every package a bundle file and the chunks it imports (statically, transitively) load. */
function packagesLoadedFrom(file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const code = readFileSync(join(out, file), 'utf8');
  for (const m of code.matchAll(/(?:^|\n)\s*(?:import|export)\s*(?:[^'"]*?\sfrom\s*)?["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) for (const p of packagesLoadedFrom(spec.slice(2), seen)) packages.add(p);
    else if (!spec.startsWith('node:')) packages.add(spec);
  }
  return packages;
}

function laneChunk(name: string): string {
  const found = readdirSync(out).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.js'));
  expect(found, `one ${name} chunk in out/main`).toHaveLength(1);
  return found[0]!;
}

const faceLibraries = (ps: Set<string>) => [...ps].filter((p) => /^@tensorflow\/|^@vladmandic\//.test(p));

describe('the bundled analysis worker loads only its lane’s libraries', () => {
  it('is built', () => {
    expect(existsSync(join(out, ENTRY)), 'out/main is not built: run npm run build first').toBe(true);
  });

  it('the entry loads neither tesseract nor the face libraries; the OCR lane loads tesseract and no face library; the face lane the reverse', () => {
    const entry = packagesLoadedFrom(ENTRY);
    expect(entry.has('tesseract.js')).toBe(false);
    expect(faceLibraries(entry)).toEqual([]);

    const ocr = packagesLoadedFrom(laneChunk('ocrLane'));
    expect(ocr.has('tesseract.js')).toBe(true);
    expect(faceLibraries(ocr)).toEqual([]);

    const face = packagesLoadedFrom(laneChunk('faceLane'));
    expect(face.has('tesseract.js')).toBe(false);
    expect(faceLibraries(face)).toEqual(expect.arrayContaining(['@tensorflow/tfjs', '@vladmandic/face-api/dist/face-api.node-wasm.js']));
  });
});
