import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KycService } from '../../electron/service/KycService';
import { mulberry32 } from '../fakes/faults';
import { makeTempDir } from '../helpers/tempService';
import { personInput } from '../helpers/profileFixtures';
import { TINY_PNG } from '../helpers/caseSetup';
import { TEST_KEY_FILE, testKeys } from '../helpers/testKeys';

const root = join(import.meta.dirname, '../..');
const PASSWORD = 'crash-soak-password-77';

type Step = 'create' | 'start' | 'upload' | 'submit' | 'claim' | 'edit' | 'decide';
interface Ack {
  step: Step;
  caseId: string;
  /** The uploaded file's hash, or the edited value. */
  detail?: string;
}

export interface CrashSoakResult {
  writes: number;
  acknowledged: Record<Step, number>;
  kills: number;
  /** Requests left unanswered by a kill (in flight, or sent before the restart): landed whole or not at all. */
  cutOff: number;
  integrity: string;
  auditChainValid: boolean;
  auditEvents: number;
  /** Acknowledged writes not found afterwards. */
  lost: number;
  /** Files in the evidence store no row refers to, or whose content does not match its name. */
  orphanedFiles: number;
  halfWrittenFiles: number;
  /** Submitted cases without their analysis job. */
  jobsLost: number;
  seconds: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The real server (serveMain) on the data folder; resolves once it listens. */
function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'electron/service/server/serveMain.ts'), '--data', dataDir, '--key-file', join(dataDir, TEST_KEY_FILE), '--port', String(port), '--no-analysis', '--admin-email', 'admin@crash.local', '--admin-password', PASSWORD], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code} before listening: ${err.slice(-1500)}`)));
  });
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 14's crash soak: decisions, field edits and uploads over HTTP against the real server,
 * which is killed with SIGKILL at random points (mid-request) and restarted. Afterwards the
 * store must pass `PRAGMA integrity_check`, its audit chain must verify, every acknowledged
 * write must be there, no evidence file may be orphaned or half-written, and no submitted
 * case may have lost its analysis job.
 */
export async function runCrashSoak(o: { writes: number; kills: number; seed: number }): Promise<CrashSoakResult> {
  const started = performance.now();
  const rand = mulberry32(o.seed);
  const dataDir = makeTempDir('kyc-crash-soak-');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const acked: Ack[] = [];
  const open: { caseId: string }[] = [];
  let kills = 0;
  let cutOff = 0;
  let server = await startServer(dataDir, port);
  let tokens: { admin: string; staff: string; officer: string } | null = null;

  const rpc = async <T>(op: string, input: unknown, token: string | null): Promise<{ ok: true; value: T } | { ok: false; code: string } | null> => {
    try {
      const r = await fetch(`${base}/rpc/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(input) });
      const body = (await r.json()) as { ok: true; value: T } | { ok: false; error: { code: string } };
      return body.ok ? body : { ok: false, code: body.error.code };
    } catch {
      // The server died under this request: not acknowledged.
      return null;
    }
  };
  const signIn = async (email: string) => {
    const r = await rpc<{ token: string }>('auth.signIn', { email, password: PASSWORD }, null);
    if (!r?.ok) throw new Error(`sign-in failed for ${email}`);
    return r.value.token;
  };

  try {
    const admin = await signIn('admin@crash.local');
    for (const [email, role] of [['staff@crash.local', 'branch_staff'], ['officer@crash.local', 'officer']] as const) {
      const r = await rpc('operators.create', { email, displayName: role, role, password: PASSWORD }, admin);
      if (!r?.ok) throw new Error(`could not create ${role}`);
    }
    tokens = { admin, staff: await signIn('staff@crash.local'), officer: await signIn('officer@crash.local') };
    const t = tokens;
    const per = Math.ceil(o.writes / (o.kills + 1));
    let sinceStart = 0;
    let killAt = 1 + Math.floor(rand() * per);
    let writes = 0;
    let uploads = 0;
    while (writes < o.writes) {
      if (kills < o.kills && sinceStart >= killAt) {
        // SIGKILL while the next request is on the wire.
        const victim = server;
        setTimeout(() => victim.kill('SIGKILL'), Math.floor(rand() * 15));
      }
      // The next step of a random open case, or a new case.
      const pick = open.length < 8 || rand() < 0.1 ? null : open[Math.floor(rand() * open.length)]!;
      let step: Step;
      let res: { ok: true; value: unknown } | { ok: false; code: string } | null;
      let ack: Ack | null = null;
      if (!pick) {
        step = 'create';
        const input = personInput();
        res = await rpc<{ id: string }>('profiles.createPerson', input, t.staff);
        if (res?.ok) {
          const page = await rpc<{ rows: { id: string; profileId: string }[] }>('cases.list', { search: input.externalId }, t.admin);
          const row = page?.ok ? page.value.rows[0] : undefined;
          if (row) {
            open.push({ caseId: row.id });
            ack = { step, caseId: row.id };
          }
        }
      } else {
        const got = await rpc<{ case: { status: string; version: number }; evidence: unknown[]; profile: { data: { firstName: string } } }>('cases.get', { id: pick.caseId }, t.admin);
        if (!got) {
          res = null;
          step = 'start';
        } else if (!got.ok) throw new Error(`cases.get failed: ${got.code}`);
        else {
          const c = got.value.case;
          const edited = got.value.profile.data.firstName.startsWith('Edited');
          if (c.status === 'NOT_STARTED') {
            step = 'start';
            res = await rpc('cases.start', { id: pick.caseId }, t.staff);
          } else if (c.status === 'IN_PROGRESS' && got.value.evidence.length === 0) {
            step = 'upload';
            const bytes = Buffer.concat([TINY_PNG, Buffer.from(`crash soak upload ${o.seed} ${uploads++}`)]);
            res = await rpc('evidence.add', { caseId: pick.caseId, kind: 'DOCUMENT_FRONT', fileName: 'front.png', mimeType: 'image/png', dataBase64: bytes.toString('base64') }, t.staff);
            if (res?.ok) ack = { step, caseId: pick.caseId, detail: sha(bytes) };
          } else if (c.status === 'IN_PROGRESS') {
            step = 'submit';
            res = await rpc('cases.submit', { id: pick.caseId }, t.staff);
          } else if (c.status === 'SUBMITTED') {
            step = 'claim';
            res = await rpc('cases.claim', { id: pick.caseId }, t.officer);
          } else if (c.status === 'IN_REVIEW' && !edited) {
            step = 'edit';
            const value = `Edited${writes}`;
            res = await rpc('cases.editField', { caseId: pick.caseId, field: 'firstName', value, reason: 'crash soak', expectedVersion: c.version }, t.officer);
            if (res?.ok) ack = { step, caseId: pick.caseId, detail: value };
          } else {
            step = 'decide';
            res = await rpc('cases.decide', { caseId: pick.caseId, action: 'approve', expectedVersion: c.version }, t.officer);
            if (res?.ok) open.splice(open.indexOf(pick), 1);
          }
          if (res?.ok && !ack) ack = { step, caseId: pick.caseId };
        }
      }
      writes += 1;
      if (ack) {
        acked.push(ack);
        sinceStart += 1;
      } else if (res === null) {
        cutOff += 1;
      } else if (!res.ok && res.code !== 'CASE.0003') {
        // STALE_CASE (CASE.0003) is a fair refusal after a restart; anything else is a defect.
        throw new Error(`${step} refused: ${res.code}`);
      }
      if (server.exitCode !== null || server.signalCode !== null) {
        kills += 1;
        server = await startServer(dataDir, port);
        sinceStart = 0;
        killAt = 1 + Math.floor(rand() * per);
      }
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null || server.signalCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    });
  }
  try {
    return verify(dataDir, acked, { writes: o.writes, kills, cutOff, started });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function verify(dataDir: string, acked: Ack[], run: { writes: number; kills: number; cutOff: number; started: number }): CrashSoakResult {
  const s = KycService.open({ dataDir, keys: testKeys(dataDir), owner: 'crash soak check' });
  try {
    const d = s.deps;
    const integrity = d.db.pragma('integrity_check', { simple: true }) as string;
    const audit = d.audit.verify();
    const firstName = (profileId: string | undefined) => {
      const data = profileId ? d.profiles.byId(profileId)?.data : undefined;
      return data && 'firstName' in data ? data.firstName : undefined;
    };
    const rank = ['NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW', 'APPROVED'];
    const reached = (caseId: string, status: string) => rank.indexOf(d.cases.byId(caseId)?.status ?? '') >= rank.indexOf(status);
    let lost = 0;
    const counts = { create: 0, start: 0, upload: 0, submit: 0, claim: 0, edit: 0, decide: 0 } as Record<Step, number>;
    for (const a of acked) {
      counts[a.step] += 1;
      const c = d.cases.byId(a.caseId);
      const ok =
        a.step === 'create' ? c !== undefined
        : a.step === 'start' ? reached(a.caseId, 'IN_PROGRESS')
        : a.step === 'upload' ? d.evidenceRows.forCase(a.caseId).some((e) => e.sha256 === a.detail) && d.evidenceFiles.has(a.detail!)
        : a.step === 'submit' ? reached(a.caseId, 'SUBMITTED')
        : a.step === 'claim' ? reached(a.caseId, 'IN_REVIEW')
        : a.step === 'edit' ? firstName(c?.profileId) === a.detail
        : c?.status === 'APPROVED' && d.decisions.forCase(a.caseId).some((x) => x.action === 'approve');
      if (!ok) lost += 1;
    }
    const referenced = new Set((d.db.prepare('SELECT sha256 FROM evidence').pluck().all() as string[]));
    let orphanedFiles = 0;
    let halfWrittenFiles = 0;
    // A stored file must open under the folder's key (the seal is whole) to what its name says.
    const opensAs = (sha256: string): boolean => {
      try {
        return sha(d.evidenceFiles.get(sha256)) === sha256;
      } catch {
        return false;
      }
    };
    for (const e of d.evidenceFiles.entries()) {
      if (e.sha256 === null || !opensAs(e.sha256)) halfWrittenFiles += 1;
      else if (!referenced.has(e.sha256)) orphanedFiles += 1;
    }
    const submitted = d.db.prepare("SELECT id FROM cases WHERE status IN ('SUBMITTED','IN_REVIEW','APPROVED')").pluck().all() as string[];
    const jobsLost = submitted.filter((id) => d.jobs.forCase(id).length === 0).length;
    return {
      writes: run.writes,
      acknowledged: counts,
      kills: run.kills,
      cutOff: run.cutOff,
      integrity,
      auditChainValid: audit.valid,
      auditEvents: d.db.prepare('SELECT count(*) FROM audit_events').pluck().get() as number,
      lost,
      orphanedFiles,
      halfWrittenFiles,
      jobsLost,
      seconds: Math.round((performance.now() - run.started) / 100) / 10,
    };
  } finally {
    s.close();
  }
}
