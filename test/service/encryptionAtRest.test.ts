import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { KycService, DATABASE_FILE } from '../../electron/service/KycService';
import { LOCK_FILE } from '../../electron/service/core/DataDirLock';
import { DataKeys, KEYRING_FILE } from '../../electron/service/crypto/DataKeys';
import { keyFileWrapper, passphraseWrapper, type KeyWrapper } from '../../electron/service/crypto/keyWrappers';
import { rotateDataKey } from '../../electron/service/crypto/rotateDataKey';
import { desktopKeyWrapper, resolveKeyWrapper } from '../../electron/service/crypto/resolveKeyWrapper';
import { applyKey, isPlaintextDatabase } from '../../electron/service/db/openDatabase';
import { isSealedEvidence, sealedKeyId } from '../../electron/service/evidence/evidenceCipher';
import { ErrorCode } from '../../shared/errorCodes';
import { caseAt } from '../helpers/caseSetup';
import { makeTempDir, openTempService, TEST_PASSWORD } from '../helpers/tempService';
import { TEST_KEY_FILE, testKeys } from '../helpers/testKeys';
import { createOperator } from '../../electron/service/bootstrap/createOperator';
import { refusal } from '../helpers/refusal';

const root = join(import.meta.dirname, '../..');
const PASSPHRASE = 'branch-laptop-passphrase-2026';


/** Every file under a folder, recursively (the store, its WAL, evidence, the key ring). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** A store with a case in review and its evidence, closed; returns what to look for. */
async function storeWithCase(dataDir: string, keys: KeyWrapper): Promise<{ caseId: string; sha256: string; image: Buffer; name: string }> {
  const service = KycService.open({ dataDir, keys });
  const t = {
    service,
    dataDir,
    async signInAs(role: 'branch_staff' | 'officer') {
      const email = `${role}@enc.test`;
      await createOperator(service.deps, { email, displayName: role, role, password: TEST_PASSWORD });
      const r = await service.call('auth.signIn', { email, password: TEST_PASSWORD }, null);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.token;
    },
    cleanup() {},
  };
  const staff = await t.signInAs('branch_staff');
  const officer = await t.signInAs('officer');
  const { caseId } = await caseAt(t, staff, officer, 'IN_REVIEW');
  const ev = service.deps.evidenceRows.forCase(caseId)[0]!;
  const image = service.deps.evidenceFiles.get(ev.sha256);
  const profile = service.deps.profiles.byId(service.deps.cases.byId(caseId)!.profileId)!;
  service.close();
  return { caseId, sha256: ev.sha256, image, name: profile.displayName };
}

describe('encryption at rest', () => {
  it('leaves no personal data, image bytes or key in the clear anywhere in the data folder', async () => {
    const dataDir = makeTempDir('kyc-enc-');
    const { sha256, image, name } = await storeWithCase(dataDir, testKeys(dataDir));
    expect(name.length).toBeGreaterThan(3);
    expect(isPlaintextDatabase(join(dataDir, DATABASE_FILE))).toBe(false);
    const keyBytes = readFileSync(join(dataDir, TEST_KEY_FILE));
    const needles = [Buffer.from(name), Buffer.from('SQLite format 3'), image.length > 80 ? image.subarray(16, 80) : image];
    expect(image.length).toBeGreaterThan(16);
    for (const f of filesUnder(dataDir)) {
      if (f.endsWith(TEST_KEY_FILE)) continue;
      const bytes = readFileSync(f);
      // The folder's lock is an empty SQLite file in the clear (it holds an OS lock, no data).
      if (f.endsWith(LOCK_FILE)) {
        expect(bytes.includes(needles[0]!) || bytes.includes(needles[2]!)).toBe(false);
        continue;
      }
      for (const n of needles) expect(bytes.includes(n), `${f} holds ${n.subarray(0, 16).toString('hex')}`).toBe(false);
      expect(bytes.includes(keyBytes), `${f} holds the key file's bytes`).toBe(false);
    }
    const sealed = readFileSync(join(dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256));
    expect(isSealedEvidence(sealed)).toBe(true);
    // Without the key the file is not a database; the cipher settings and the key open it.
    const bare = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(() => bare.prepare('SELECT count(*) FROM cases').get()).toThrow(/not a database/);
    bare.close();
    const keys = DataKeys.open(dataDir, testKeys(dataDir));
    const keyed = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    applyKey(keyed, keys.databaseKeyHex());
    expect((keyed.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
    keyed.close();
    // Authenticated: one flipped bit in a page of a copy, and reading that page fails.
    const copy = join(dataDir, 'copy.sqlite');
    const bytes = readFileSync(join(dataDir, DATABASE_FILE));
    bytes[4096 + 200]! ^= 1;
    writeFileSync(copy, bytes);
    const tampered = new Database(copy, { readonly: true });
    applyKey(tampered, keys.databaseKeyHex());
    const check = () => {
      try {
        return tampered.pragma('integrity_check', { simple: true });
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(check()).not.toBe('ok');
    tampered.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('a passphrase locks the folder: the wrong one, a key file, or none is refused with a code and changes nothing', async () => {
    const dataDir = makeTempDir('kyc-enc-pass-');
    const { caseId } = await storeWithCase(dataDir, passphraseWrapper(PASSPHRASE));
    const before = readFileSync(join(dataDir, KEYRING_FILE), 'utf8');
    expect(before).not.toContain(PASSPHRASE);
    expect(refusal(() => KycService.open({ dataDir, keys: passphraseWrapper('not-the-passphrase') })).code).toBe(ErrorCode.KEY_UNAVAILABLE);
    const other = keyFileWrapper(join(makeTempDir('kyc-enc-kf-'), 'k.key'), { create: true });
    expect(refusal(() => KycService.open({ dataDir, keys: other })).message).toContain('protected by a passphrase');
    expect(readFileSync(join(dataDir, KEYRING_FILE), 'utf8')).toBe(before);
    // The folder's lock was released by each refusal: the right passphrase opens it.
    const s = KycService.open({ dataDir, keys: passphraseWrapper(PASSPHRASE) });
    expect(s.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
    s.close();
    expect(refusal(() => passphraseWrapper('short').wrap(Buffer.alloc(32))).code).toBe(ErrorCode.INVALID_INPUT);
  }, 120_000);

  it('refuses a key file other users can read, and a store whose key ring is missing', async () => {
    const dataDir = makeTempDir('kyc-enc-perm-');
    await storeWithCase(dataDir, testKeys(dataDir));
    chmodSync(join(dataDir, TEST_KEY_FILE), 0o644);
    expect(refusal(() => KycService.open({ dataDir, keys: testKeys(dataDir) })).code).toBe(ErrorCode.KEY_FILE_UNSAFE);
    chmodSync(join(dataDir, TEST_KEY_FILE), 0o600);
    rmSync(join(dataDir, KEYRING_FILE));
    expect(refusal(() => KycService.open({ dataDir, keys: testKeys(dataDir) })).code).toBe(ErrorCode.KEY_MISMATCH);
  }, 120_000);

  it('encrypts a plaintext store from before in place, store and evidence, and finishes a migration a crash cut short', async () => {
    // A store as the previous release left it: made here, then decrypted back to plaintext.
    const dataDir = makeTempDir('kyc-enc-legacy-');
    const { caseId, sha256, image } = await storeWithCase(dataDir, testKeys(dataDir));
    const keys = DataKeys.open(dataDir, testKeys(dataDir));
    const evidenceFile = join(dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    writeFileSync(evidenceFile, image);
    const db = new Database(join(dataDir, DATABASE_FILE));
    applyKey(db, keys.databaseKeyHex());
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ''`);
    db.close();
    rmSync(join(dataDir, KEYRING_FILE));
    rmSync(join(dataDir, TEST_KEY_FILE));
    expect(isPlaintextDatabase(join(dataDir, DATABASE_FILE))).toBe(true);

    const s = KycService.open({ dataDir, keys: testKeys(dataDir) });
    try {
      expect(isPlaintextDatabase(join(dataDir, DATABASE_FILE))).toBe(false);
      expect(isSealedEvidence(readFileSync(evidenceFile))).toBe(true);
      expect(s.deps.evidenceFiles.get(sha256).equals(image)).toBe(true);
      expect(s.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
      expect(s.deps.keys.pending).toBeNull();
      const events = s.deps.db.prepare("SELECT p.body AS payload FROM audit_events e JOIN audit_payloads p ON p.seq = e.seq WHERE e.type = 'store.encrypted'").all() as { payload: string }[];
      expect(events.map((e) => JSON.parse(e.payload) as unknown)).toEqual([{ keyId: s.deps.keys.current, evidenceFiles: 1 }]);
      expect(s.deps.audit.verify().valid).toBe(true);
    } finally {
      s.close();
    }

    // Cut short: the store is encrypted but the ring still says `encrypt` and a file is plaintext.
    const ring = JSON.parse(readFileSync(join(dataDir, KEYRING_FILE), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dataDir, KEYRING_FILE), JSON.stringify({ ...ring, pending: 'encrypt' }));
    writeFileSync(evidenceFile, image);
    const again = KycService.open({ dataDir, keys: testKeys(dataDir) });
    try {
      expect(isSealedEvidence(readFileSync(evidenceFile))).toBe(true);
      expect(again.deps.evidenceFiles.get(sha256).equals(image)).toBe(true);
      expect(again.deps.keys.pending).toBeNull();
    } finally {
      again.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('rotates the data key: store and evidence move to the new key, the old one is forgotten, audited; a rotation cut short finishes', async () => {
    const dataDir = makeTempDir('kyc-enc-rotate-');
    const { caseId, sha256, image } = await storeWithCase(dataDir, testKeys(dataDir));
    const s = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const old = s.deps.keys.current;
    const oldHex = s.deps.keys.databaseKeyHex();
    const r = rotateDataKey(s.deps, { id: null, name: 'test' });
    expect(r).toMatchObject({ from: old, evidenceFiles: 1 });
    expect(s.deps.keys.ids()).toEqual([r.to]);
    expect(s.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
    s.close();
    const evidenceFile = join(dataDir, 'evidence', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(sealedKeyId(readFileSync(evidenceFile))).toBe(r.to);
    const withOld = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    applyKey(withOld, oldHex);
    expect(() => withOld.prepare('SELECT count(*) FROM cases').get()).toThrow(/not a database/);
    withOld.close();

    // Killed after the store was re-keyed, before the ring recorded it: the next open finds the key.
    const t = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const before = t.deps.keys.current;
    const next = t.deps.keys.addKey(new Date());
    t.deps.keys.update({ pending: 'rotate' });
    t.deps.db.pragma('wal_checkpoint(TRUNCATE)');
    t.deps.db.pragma('journal_mode = DELETE');
    t.deps.db.pragma(`rekey = "x'${t.deps.keys.databaseKeyHex(next)}'"`);
    t.close();
    const u = KycService.open({ dataDir, keys: testKeys(dataDir) });
    try {
      expect(u.deps.keys.database).toBe(next);
      expect(u.deps.keys.current).toBe(next);
      expect(u.deps.keys.ids()).toEqual([next]);
      expect(u.deps.keys.pending).toBeNull();
      expect(sealedKeyId(readFileSync(evidenceFile))).toBe(next);
      expect(u.deps.evidenceFiles.get(sha256).equals(image)).toBe(true);
      expect(before).not.toBe(next);
      const rotated = u.deps.db.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'store.key_rotated'").get() as { n: number };
      expect(rotated.n).toBe(1);
    } finally {
      u.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('npm run keys: status, rotate and rewrap to a passphrase as a signed-in admin; refused without the password', async () => {
    const t = openTempService();
    await t.signInAs('admin', 'admin@keys.test');
    t.service.close();
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync('npx', ['tsx', 'electron/service/cli/keys.ts', ...args, '--data', t.dataDir, '--as', 'admin@keys.test'], { cwd: root, encoding: 'utf8', env: { ...process.env, KYC_OPERATOR_PASSWORD: TEST_PASSWORD, ...env } });
    const status = run(['status']);
    expect(status.stderr).toBe('');
    expect(status.stdout).toContain(`protected by a key file at ${join(t.dataDir, TEST_KEY_FILE)}`);
    expect(status.stdout).toMatch(/key [0-9a-f]{16} {2}created .* {2}current/);
    expect(run(['rotate'], { KYC_OPERATOR_PASSWORD: 'wrong-password-here' }).status).toBe(1);
    const rotate = run(['rotate']);
    expect(rotate.status).toBe(0);
    expect(rotate.stdout).toMatch(/data key rotated: [0-9a-f]{16} -> [0-9a-f]{16}/);
    const rewrap = run(['rewrap', '--to', 'passphrase'], { KYC_NEW_DATA_PASSPHRASE: PASSPHRASE });
    expect(rewrap.stdout).toContain('now protected by a passphrase');
    expect(rewrap.status).toBe(0);
    // The key file no longer opens it; the passphrase does, for tools too.
    expect(refusal(() => KycService.open({ dataDir: t.dataDir, keys: testKeys(t.dataDir) })).code).toBe(ErrorCode.KEY_UNAVAILABLE);
    const verify = spawnSync('npx', ['tsx', 'electron/service/cli/auditVerify.ts', '--data', t.dataDir], { cwd: root, encoding: 'utf8', env: { ...process.env, KYC_DATA_PASSPHRASE: PASSPHRASE } });
    expect(verify.stdout).toContain('audit chain intact');
    const s = KycService.open({ dataDir: t.dataDir, keys: passphraseWrapper(PASSPHRASE) });
    const types = (s.deps.db.prepare("SELECT type, actor_name FROM audit_events WHERE type LIKE 'store.%' ORDER BY seq").all() as { type: string; actor_name: string }[]).map((e) => `${e.type} ${e.actor_name}`);
    s.close();
    expect(types).toEqual(['store.key_rotated admin 1 (command line keys)', 'store.keys_rewrapped admin 1 (command line keys)']);
    expect(statSync(join(t.dataDir, KEYRING_FILE)).mode & 0o077).toBe(0);
    expect(existsSync(join(t.dataDir, DATABASE_FILE))).toBe(true);
    rmSync(t.dataDir, { recursive: true, force: true });
  }, 180_000);
});

describe('the desktop key wrapper (Electron safeStorage, lent to the service)', () => {
  /** What safeStorage does, keyed per user: another user's keychain cannot open the blob. */
  const keychain = (secret: string, available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: (plain: string) => Buffer.from(`${secret}:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed: Buffer) => {
      const [who, body] = sealed.toString().split(':');
      if (who !== secret) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(body!, 'base64').toString();
    },
  });

  it('locks a new folder with the OS keychain, reopens with it, and refuses another user or no keychain with KEY.0001', async () => {
    const dataDir = makeTempDir('kyc-enc-desktop-');
    const { caseId } = await storeWithCase(dataDir, desktopKeyWrapper(dataDir, keychain('alice')));
    expect(DataKeys.describe(dataDir)).toEqual({ kind: 'os-keychain', keyFile: null });
    const s = KycService.open({ dataDir, keys: desktopKeyWrapper(dataDir, keychain('alice')) });
    expect(s.deps.cases.byId(caseId)?.status).toBe('IN_REVIEW');
    s.close();
    expect(refusal(() => KycService.open({ dataDir, keys: desktopKeyWrapper(dataDir, keychain('mallory')) })).code).toBe(ErrorCode.KEY_UNAVAILABLE);
    expect(refusal(() => KycService.open({ dataDir, keys: desktopKeyWrapper(dataDir, keychain('alice', false)) })).message).toContain('OS keychain is not available');
    // serve and the tools cannot open a folder the desktop's keychain locks, and say so.
    await expect(resolveKeyWrapper(dataDir, { env: {} })).rejects.toMatchObject({ code: ErrorCode.KEY_UNAVAILABLE, message: expect.stringContaining('open it with the desktop app') as string });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps using the key file of a folder serve set up', async () => {
    const dataDir = makeTempDir('kyc-enc-desktop-kf-');
    await storeWithCase(dataDir, testKeys(dataDir));
    expect(desktopKeyWrapper(dataDir, keychain('alice')).kind).toBe('key-file');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});
