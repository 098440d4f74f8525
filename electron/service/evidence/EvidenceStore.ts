import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataKeys } from '../crypto/DataKeys';
import { writeFileDurably } from '../core/writeFileDurably';
import { isSealedEvidence, openEvidence, sealedKeyId, sealEvidence } from './evidenceCipher';

/**
 * Content-addressed file store: a file lives at evidence/ab/cd/<sha256 of its plaintext>. The
 * same bytes are stored once however many cases reference them, and a file's name proves its
 * content. Every file is sealed with the folder's current data key (evidenceCipher): a copied
 * data folder gives away no document or face.
 */
export class EvidenceStore {
  constructor(
    private readonly root: string,
    private readonly keys: DataKeys,
  ) {
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
    // A crash never leaves a partial file under the final name (a `.tmp` leftover is swept at
    // the next start, see sweepEvidenceStore).
    writeFileDurably(this.pathOf(sha256), this.seal(sha256, bytes));
    return { sha256, created: true };
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** The plaintext; throws when the file was altered, renamed or is not sealed. */
  get(sha256: string): Buffer {
    const sealed = readFileSync(this.pathOf(sha256));
    if (!isSealedEvidence(sealed)) throw new Error(`evidence ${sha256.slice(0, 12)}… is not sealed`);
    return openEvidence(this.keys.evidenceKey(sealedKeyId(sealed)), sha256, sealed);
  }

  /**
   * Seals a stored file with the current key, whether it is plaintext (a store being
   * encrypted) or sealed with a key being retired. Durable and idempotent, so a pass cut
   * short by a crash is simply run again. Returns whether the file changed.
   */
  reseal(sha256: string): boolean {
    const path = this.pathOf(sha256);
    const bytes = readFileSync(path);
    let plain: Buffer;
    if (isSealedEvidence(bytes)) {
      const id = sealedKeyId(bytes);
      if (id === this.keys.current) return false;
      plain = openEvidence(this.keys.evidenceKey(id), sha256, bytes);
    } else {
      // A plaintext file must be what its name says before it is sealed under that name.
      if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error(`evidence ${sha256.slice(0, 12)}… does not match its name`);
      plain = bytes;
    }
    writeFileDurably(path, this.seal(sha256, plain));
    return true;
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

  private seal(sha256: string, plain: Uint8Array): Buffer {
    const id = this.keys.current;
    return sealEvidence(id, this.keys.evidenceKey(id), sha256, plain);
  }
}
