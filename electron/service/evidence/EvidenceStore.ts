import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Content-addressed file store: a file lives at evidence/ab/cd/<sha256>. The same bytes are
 * stored once however many cases reference them, and a file's name proves its content.
 */
export class EvidenceStore {
  constructor(private readonly root: string) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  put(bytes: Uint8Array): { sha256: string; created: boolean } {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (existsSync(path)) return { sha256, created: false };
    mkdirSync(join(this.root, sha256.slice(0, 2), sha256.slice(2, 4)), { recursive: true });
    // Write, flush to disk, then rename: a crash never leaves a partial file under the final
    // name (a `.tmp` leftover is swept at the next start, see sweepEvidenceStore).
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return { sha256, created: true };
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  get(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  /** Every file under the store: a stored file (named by its hash) or a write a crash cut short (`.tmp`). */
  *entries(): Generator<{ path: string; sha256: string | null }> {
    for (const a of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of readdirSync(join(this.root, a))) {
        for (const name of readdirSync(join(this.root, a, b))) {
          yield { path: join(this.root, a, b, name), sha256: /^[0-9a-f]{64}$/.test(name) ? name : null };
        }
      }
    }
  }

  remove(path: string): void {
    rmSync(path, { force: true });
  }
}
