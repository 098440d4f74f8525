import { generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ErrorCode } from '../../../shared/errorCodes';
import { ServiceFailure } from '../core/ServiceFailure';
import { writeFileDurably } from '../core/writeFileDurably';
import { WrappedKeySchema, type KeyWrapper, type WrapKind } from './keyWrappers';
import { auditSigner, type AuditSigner } from '../audit/auditSigner';

/** The key ring of a data folder: its data keys, each sealed, and which one does what. */
export const KEYRING_FILE = 'kyc.keys';

const KeyIdSchema = z.string().regex(/^[0-9a-f]{16}$/);
const KeyringSchema = z.object({
  format: z.literal(1),
  keys: z.array(z.object({ id: KeyIdSchema, createdAt: z.string(), wrapped: WrappedKeySchema })).min(1),
  /** The key new evidence files are sealed with. */
  current: KeyIdSchema,
  /** The key the SQLite file is encrypted with (it differs from `current` only inside a rotation). */
  database: KeyIdSchema,
  /**
   * Work a crash may have cut short, finished at the next open: `encrypt` (a plaintext store
   * being encrypted), `rotate` (evidence still sealed with a retired key).
   */
  pending: z.enum(['encrypt', 'rotate']).nullable(),
  /** The key file's path when the keys are sealed with one, so a later tool finds it. */
  keyFile: z.string().nullable(),
  /**
   * The folder's Ed25519 key that signs audit checkpoints: its public key in the clear (reports
   * print it; audit:verify checks anchors against it without unlocking anything), its private
   * key sealed like the data keys. Made on first use.
   */
  signing: z.object({ publicKey: z.string(), wrapped: WrappedKeySchema }).nullable().default(null),
});
type Keyring = z.infer<typeof KeyringSchema>;

export const DATA_KEY_BYTES = 32;
const KEY_ID_BYTES = 8;

/** One data key, two uses: HKDF gives each its own key so neither can be turned against the other. */
const derive = (dataKey: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `kyc-workstation ${purpose} v1`, 32));

/**
 * A data folder's keys, unsealed in memory. One random data key per folder (more only during
 * a rotation); the SQLite key and the evidence key are derived from it. The key ring file
 * holds the data keys sealed by a KeyWrapper, never in the clear, and is rewritten durably
 * on every change, so a crash leaves the old ring or the new one.
 */
export class DataKeys {
  private constructor(
    private readonly path: string,
    private ring: Keyring,
    private readonly plain: Map<string, Buffer>,
    private wrapper: KeyWrapper,
  ) {}

  /** Derived keys, computed once per key and purpose (every evidence read needs one). */
  private readonly derived = new Map<string, Buffer>();
  private signerCache: AuditSigner | null = null;

  static exists(dataDir: string): boolean {
    return existsSync(join(dataDir, KEYRING_FILE));
  }

  /** The wrapping the folder's key ring uses, without unsealing anything (to pick or ask for the right secret). */
  static describe(dataDir: string): { kind: WrapKind; keyFile: string | null } | null {
    if (!DataKeys.exists(dataDir)) return null;
    const ring = readRing(join(dataDir, KEYRING_FILE));
    return { kind: ring.keys[0]!.wrapped.kind, keyFile: ring.keyFile };
  }

  /** A new key ring with one fresh data key; `pending` marks a plaintext store about to be encrypted. */
  static create(dataDir: string, wrapper: KeyWrapper, now: Date, pending: 'encrypt' | null): DataKeys {
    const path = join(dataDir, KEYRING_FILE);
    if (existsSync(path)) throw new Error(`${KEYRING_FILE} already exists`);
    const id = randomBytes(KEY_ID_BYTES).toString('hex');
    const key = randomBytes(DATA_KEY_BYTES);
    const ring: Keyring = {
      format: 1,
      keys: [{ id, createdAt: now.toISOString(), wrapped: wrapper.wrap(key) }],
      current: id,
      database: id,
      pending,
      keyFile: wrapper.keyFile ?? null,
      signing: null,
    };
    const keys = new DataKeys(path, ring, new Map([[id, key]]), wrapper);
    keys.save();
    return keys;
  }

  /** The public half of the folder's audit signing key, read without unlocking the ring (null before its first use). */
  static signingPublicKey(dataDir: string): string | null {
    if (!DataKeys.exists(dataDir)) return null;
    return readRing(join(dataDir, KEYRING_FILE)).signing?.publicKey ?? null;
  }

  /** Unseals every key of the ring; KEY_UNAVAILABLE when the wrapper's secret is not the ring's. */
  static open(dataDir: string, wrapper: KeyWrapper): DataKeys {
    const path = join(dataDir, KEYRING_FILE);
    const ring = readRing(path);
    const plain = new Map(ring.keys.map((k) => [k.id, wrapper.unwrap(k.wrapped)] as const));
    for (const [id, key] of plain) if (key.length !== DATA_KEY_BYTES) throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `data key ${id} has the wrong length`);
    return new DataKeys(path, ring, plain, wrapper);
  }

  get current(): string {
    return this.ring.current;
  }

  get database(): string {
    return this.ring.database;
  }

  get pending(): 'encrypt' | 'rotate' | null {
    return this.ring.pending;
  }

  get kind(): WrapKind {
    return this.wrapper.kind;
  }

  get keyFile(): string | null {
    return this.ring.keyFile;
  }

  ids(): string[] {
    return this.ring.keys.map((k) => k.id);
  }

  createdAt(id: string): string {
    return this.entry(id).createdAt;
  }

  /** The store's raw key (hex), so opening runs no passphrase derivation. */
  databaseKeyHex(id: string = this.ring.database): string {
    return this.derivedKey(id, 'sqlite').toString('hex');
  }

  evidenceKey(id: string): Buffer {
    return this.derivedKey(id, 'evidence');
  }

  private derivedKey(id: string, purpose: 'sqlite' | 'evidence'): Buffer {
    const cacheKey = `${id}:${purpose}`;
    let k = this.derived.get(cacheKey);
    if (!k) {
      k = derive(this.key(id), purpose);
      this.derived.set(cacheKey, k);
    }
    return k;
  }

  /** A fresh data key, saved sealed before it is used for anything. */
  addKey(now: Date): string {
    const id = randomBytes(KEY_ID_BYTES).toString('hex');
    const key = randomBytes(DATA_KEY_BYTES);
    this.plain.set(id, key);
    this.ring = { ...this.ring, keys: [...this.ring.keys, { id, createdAt: now.toISOString(), wrapped: this.wrapper.wrap(key) }] };
    this.save();
    return id;
  }

  update(change: Partial<Pick<Keyring, 'current' | 'database' | 'pending'>>): void {
    for (const id of [change.current, change.database]) if (id !== undefined) this.entry(id);
    this.ring = { ...this.ring, ...change };
    this.save();
  }

  /** Forgets keys nothing is sealed with any more. */
  retire(ids: string[]): void {
    const gone = new Set(ids.filter((id) => id !== this.ring.current && id !== this.ring.database));
    this.ring = { ...this.ring, keys: this.ring.keys.filter((k) => !gone.has(k.id)) };
    for (const id of gone) {
      this.plain.delete(id);
      this.derived.delete(`${id}:sqlite`);
      this.derived.delete(`${id}:evidence`);
    }
    this.save();
  }

  /** The folder's audit signer; its key pair is made and sealed into the ring on first use. */
  signer(): AuditSigner {
    if (this.signerCache) return this.signerCache;
    let der: Buffer;
    if (this.ring.signing) der = this.wrapper.unwrap(this.ring.signing.wrapped);
    else {
      const pair = generateKeyPairSync('ed25519');
      der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
      const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
      this.ring = { ...this.ring, signing: { publicKey, wrapped: this.wrapper.wrap(der) } };
      this.save();
    }
    this.signerCache = auditSigner(der);
    return this.signerCache;
  }

  /** Seals every key again under another wrapper (a new passphrase, a key file, the OS keychain). */
  rewrap(wrapper: KeyWrapper): void {
    const signing = this.ring.signing;
    this.ring = {
      ...this.ring,
      keys: this.ring.keys.map((k) => ({ ...k, wrapped: wrapper.wrap(this.key(k.id)) })),
      keyFile: wrapper.keyFile ?? null,
      signing: signing ? { publicKey: signing.publicKey, wrapped: wrapper.wrap(this.wrapper.unwrap(signing.wrapped)) } : null,
    };
    this.wrapper = wrapper;
    this.save();
  }

  private key(id: string): Buffer {
    const k = this.plain.get(id);
    if (!k) throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `data key ${id} is not in this folder's key ring`);
    return k;
  }

  private entry(id: string): Keyring['keys'][number] {
    const e = this.ring.keys.find((k) => k.id === id);
    if (!e) throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `data key ${id} is not in this folder's key ring`);
    return e;
  }

  private save(): void {
    writeFileDurably(this.path, `${JSON.stringify(this.ring, null, 2)}\n`);
  }
}

function readRing(path: string): Keyring {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `${KEYRING_FILE} is unreadable`);
  }
  const parsed = KeyringSchema.safeParse(raw);
  if (!parsed.success) throw new ServiceFailure(ErrorCode.KEY_MISMATCH, `${KEYRING_FILE} is not a key ring this workstation understands`);
  return parsed.data;
}
