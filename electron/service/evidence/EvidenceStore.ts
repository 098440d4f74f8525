import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
    // Write then rename: a crash never leaves a partial file under the final name.
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, bytes, { flag: 'wx' });
    renameSync(tmp, path);
    return { sha256, created: true };
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  get(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }
}
