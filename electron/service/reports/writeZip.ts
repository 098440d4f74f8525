import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * Streams files into a zip at `target` (via a temporary name), stored without compression:
 * PDFs are already compressed, and storing keeps a 1,000-case export fast and byte-exact.
 * Returns the zip's SHA-256 and size, or null when `cancelled` turned true on the way.
 */
export async function writeZip(target: string, files: readonly { name: string; path: string }[], cancelled: () => boolean): Promise<{ sha256: string; byteSize: number } | null> {
  const tmp = `${target}.partial`;
  const fd = openSync(tmp, 'w');
  const hash = createHash('sha256');
  let byteSize = 0;
  let failure: Error | null = null;
  let finished = false;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else {
      writeSync(fd, chunk);
      hash.update(chunk);
      byteSize += chunk.length;
    }
    if (final) finished = true;
  });
  try {
    for (const [i, f] of files.entries()) {
      if (cancelled()) return null;
      const entry = new ZipPassThrough(f.name);
      zip.add(entry);
      entry.push(readFileSync(f.path), true);
      if (failure) throw failure;
      // Let the event loop breathe (RPCs, cancellation) on long exports.
      if (i % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    zip.end();
    if (failure) throw failure;
    if (!finished) throw new Error('zip did not finish');
  } finally {
    closeSync(fd);
    if (!finished || failure) rmSync(tmp, { force: true });
  }
  renameSync(tmp, target);
  return { sha256: hash.digest('hex'), byteSize };
}
