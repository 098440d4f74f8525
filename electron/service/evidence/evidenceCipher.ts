import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * An evidence file at rest: `KYCE`, a format byte, the 8-byte id of the data key, a random
 * 12-byte nonce, the 16-byte GCM tag, then the AES-256-GCM ciphertext. The file's name stays
 * the SHA-256 of the plaintext (dedup and the audit chain are unchanged), and that name is
 * the associated data, so a sealed file moved under another name does not open.
 */
const MAGIC = Buffer.from('KYCE');
const FORMAT = 1;
const KEY_ID = 8;
const NONCE = 12;
const TAG = 16;
const HEADER = MAGIC.length + 1 + KEY_ID;
export const SEALED_OVERHEAD = HEADER + NONCE + TAG;

export function isSealedEvidence(bytes: Uint8Array): boolean {
  return bytes.length >= SEALED_OVERHEAD && MAGIC.equals(bytes.subarray(0, MAGIC.length)) && bytes[MAGIC.length] === FORMAT;
}

/** The id of the data key a sealed file was sealed with. */
export function sealedKeyId(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(MAGIC.length + 1, HEADER)).toString('hex');
}

export function sealEvidence(keyId: string, key: Buffer, sha256: string, plaintext: Uint8Array): Buffer {
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT]), Buffer.from(keyId, 'hex')]);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'hex')]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, nonce, cipher.getAuthTag(), body]);
}

/** Throws when the file was changed, renamed, or sealed with another key. */
export function openEvidence(key: Buffer, sha256: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(HEADER, HEADER + NONCE));
  decipher.setAAD(Buffer.concat([bytes.subarray(0, HEADER), Buffer.from(sha256, 'hex')]));
  decipher.setAuthTag(bytes.subarray(HEADER + NONCE, SEALED_OVERHEAD));
  return Buffer.concat([decipher.update(bytes.subarray(SEALED_OVERHEAD)), decipher.final()]);
}

/**
 * Seals a file as it streams by (a restore writes evidence without holding it whole): write
 * `prefix`, then every `update`, then `final`'s bytes, then the tag at `tagOffset`, where the
 * prefix left room for it.
 */
export function evidenceSealer(keyId: string, key: Buffer, sha256: string): { prefix: Buffer; update(chunk: Buffer): Buffer; final(): { rest: Buffer; tag: Buffer; tagOffset: number } } {
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT]), Buffer.from(keyId, 'hex')]);
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.concat([header, Buffer.from(sha256, 'hex')]));
  return {
    prefix: Buffer.concat([header, nonce, Buffer.alloc(TAG)]),
    update: (chunk) => cipher.update(chunk),
    final() {
      const rest = cipher.final();
      return { rest, tag: cipher.getAuthTag(), tagOffset: HEADER + NONCE };
    },
  };
}
