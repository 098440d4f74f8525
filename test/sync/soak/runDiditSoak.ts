import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { KycService } from '../../../electron/service/KycService';
import { DIDIT_WEBHOOK_PATH } from '../../../shared/schemas/sync';
import { makeTempDir } from '../../helpers/tempService';
import { FaultPlan, mulberry32 } from '../../fakes/faults';
import { startFakeDidit, type DiditSessionStatus, type FakeDidit, type SendWebhookOptions } from '../../fakes/fakeDidit';
import { life } from './soakLife';
import { testKeys } from '../../helpers/testKeys';

const API_KEY = 'didit-soak-api-key-7c1e';
const WEBHOOK_SECRET = 'didit-soak-webhook-secret-52ab';

/** What Didit does with a session once the customer is through: decide itself, or ask for a human. */
type Fate = 'In Review' | 'Approved' | 'Declined';

export interface DiditSoakResult {
  runs: number;
  kills: number;
  /** Session requests the workstation acknowledged. */
  requested: number;
  /** Officer decisions acknowledged as final. */
  decided: number;
  cases: number;
  sessions: number;
  /** Didit's own outcomes, and the cases it sent to review. */
  fates: Record<Fate, number>;
  statusUpdates: number;
  /** Sessions missing, cases without their officer's update-status. */
  lost: { sessions: number; statusUpdates: number };
  /** Extra sessions for one case, extra update-status calls for one decision. */
  duplicated: { sessions: number; statusUpdates: number };
  /** Cases whose local status, or whose session's status at Didit, is not what it should be. */
  wrongState: number;
  webhooks: { sent: number; duplicateCopies: number; reordered: number; delivered: number; undelivered: number };
  inbox: Record<string, number>;
  deadLetters: number;
  faults: Record<string, number>;
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

/**
 * Didit's side of the soak, run in the parent while the workstation lives and dies: every new
 * session goes In Progress and then to its fate, and its whole history is sent as signed
 * webhooks, shuffled or reversed, with duplicate copies, sometimes all at once; every
 * update-status the workstation makes is echoed the same way. Webhooks sent while the worker is
 * dead fail after Didit's retries; the worker's polling has to catch up.
 */
class DiditSide {
  readonly fates = new Map<string, Fate>();
  readonly sends = { sent: 0, duplicateCopies: 0, reordered: 0 };
  private echoed = 0;
  private readonly inFlight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly didit: FakeDidit,
    private readonly rand: () => number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.step(), 25);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.inFlight]);
  }

  private step(): void {
    for (const s of this.didit.sessions) {
      if (this.fates.has(s.session_id)) continue;
      const r = this.rand();
      const fate: Fate = r < 0.7 ? 'In Review' : r < 0.85 ? 'Approved' : 'Declined';
      this.fates.set(s.session_id, fate);
      this.didit.setStatus(s.session_id, 'In Progress');
      this.didit.setDecision(s.session_id, { status: fate });
      this.send(s.session_id);
    }
    const updates = this.didit.statusUpdates;
    for (; this.echoed < updates.length; this.echoed++) this.send(updates[this.echoed]!.sessionId);
  }

  private send(sessionId: string): void {
    const order: SendWebhookOptions['order'] = this.rand() < 0.5 ? 'shuffle' : 'reverse';
    const duplicate = Math.floor(this.rand() * 3);
    const p = this.didit.sendWebhook(sessionId, { events: 'all', order, duplicate, concurrent: this.rand() < 0.5, maxAttempts: 3, retryDelayMs: 100, timeoutMs: 2_000 });
    this.sends.sent += 1;
    this.sends.reordered += 1;
    this.sends.duplicateCopies += duplicate;
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
  }
}

const DIDIT_OF: Record<string, DiditSessionStatus> = { approve: 'Approved', reject: 'Declined' };
const LOCAL_OF: Record<DiditSessionStatus, string | undefined> = { Approved: 'APPROVED', Declined: 'REJECTED' } as Record<DiditSessionStatus, string | undefined>;

/**
 * The fault soak of issue 11 for Didit: `runs` cases, each a session to create, a decision to
 * learn by webhook or poll, and for those Didit sends to review an officer's outcome to push
 * back as one update-status. Worker lives are killed with SIGKILL at random points (`kills` of
 * them) against a Didit fake injecting 5xx, 429 with Retry-After, hangs past the client
 * timeout, connection resets and responses lost after the remote committed, while webhooks
 * arrive duplicated and out of order. The last life runs until every case is closed and the
 * outbox is empty. Asserted by the caller: nothing lost, nothing duplicated, every state right.
 */
export async function runDiditSoak(o: { runs: number; kills: number; seed: number }): Promise<DiditSoakResult> {
  const started = performance.now();
  const faults = new FaultPlan();
  faults.setRandom({
    seed: o.seed,
    rates: { serverError: 0.08, rateLimited: 0.05, hang: 0.02, reset: 0.06, commitThenLose: 0.1, delay: 0.05 },
    retryAfterSeconds: { min: 0, max: 1 },
    hangMs: 600,
    delayMs: { min: 5, max: 80 },
  });
  const didit = await startFakeDidit({ apiKeys: [API_KEY], webhookSecret: WEBHOOK_SECRET, faults, seed: o.seed });
  const port = await freePort();
  didit.setWebhookUrl(`http://127.0.0.1:${port}${DIDIT_WEBHOOK_PATH}`);
  const side = new DiditSide(didit, mulberry32(o.seed ^ 0x5eed));
  const dataDir = makeTempDir('kyc-didit-soak-');
  const rand = mulberry32(o.seed);
  const requested = new Set<string>();
  const decided = new Map<string, string>();
  let kills = 0;
  side.start();
  try {
    const lives = o.kills + 1;
    const per = Math.ceil(o.runs / lives);
    let remaining = o.runs;
    for (let i = 0; i < lives; i++) {
      const last = i === lives - 1;
      const n = last ? remaining : Math.max(0, Math.min(per, remaining));
      // Killed at a random point of its work: session requests and decisions acknowledged, deliveries in flight.
      const kill = last ? null : { afterAcks: 1 + Math.floor(rand() * Math.max(1, n)), delayMs: Math.floor(rand() * 400) };
      const l = await life({
        script: 'diditSoakWorker.ts',
        args: [dataDir, didit.url, API_KEY, WEBHOOK_SECRET, String(port), String(n), String(o.seed + i), last ? '1' : '0'],
        kill,
        isAck: (line) => line.startsWith('requested ') || line.startsWith('decided '),
      });
      if (l.killed) kills += 1;
      let made = 0;
      for (const line of l.lines) {
        const [what, caseId, action] = line.split(' ');
        if (what === 'requested' && caseId) {
          if (!requested.has(caseId)) made += 1;
          requested.add(caseId);
        }
        if (what === 'decided' && caseId && action) decided.set(caseId, action);
      }
      // Cases a kill cut off are made by the next life: every run is requested in the end.
      remaining -= Math.min(n, made);
    }
    await side.stop();
    return verify({ o, didit, side, dataDir, requested, decided, kills, faults, started });
  } finally {
    await side.stop();
    await didit.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function verify(a: {
  o: { runs: number };
  didit: FakeDidit;
  side: DiditSide;
  dataDir: string;
  requested: Set<string>;
  decided: Map<string, string>;
  kills: number;
  faults: FaultPlan;
  started: number;
}): DiditSoakResult {
  const { didit, side } = a;
  const service = KycService.open({ dataDir: a.dataDir, keys: testKeys(a.dataDir) });
  try {
    const cases = service.deps.db.prepare('SELECT id, status FROM cases').all() as { id: string; status: string }[];
    const lost = { sessions: 0, statusUpdates: 0 };
    const duplicated = { sessions: 0, statusUpdates: 0 };
    const fates: Record<Fate, number> = { 'In Review': 0, Approved: 0, Declined: 0 };
    let wrongState = 0;
    for (const id of a.requested) if (!cases.some((c) => c.id === id)) lost.sessions += 1;
    for (const c of cases) {
      const sessions = didit.sessionsFor(c.id);
      if (sessions.length === 0) {
        lost.sessions += 1;
        continue;
      }
      duplicated.sessions += sessions.length - 1;
      const s = sessions[0]!;
      const link = service.deps.sync.link('didit', 'case', c.id);
      if (link?.remoteId !== s.session_id) wrongState += 1;
      const fate = side.fates.get(s.session_id);
      if (!fate) {
        wrongState += 1;
        continue;
      }
      fates[fate] += 1;
      const updates = didit.statusUpdates.filter((u) => u.sessionId === s.session_id);
      if (fate === 'Declined') {
        // Didit declined: the case follows it, and nothing is sent back.
        duplicated.statusUpdates += updates.length;
        if (c.status !== LOCAL_OF[fate]) wrongState += 1;
        continue;
      }
      // Didit asked for a human, or approved: an approval waits in review for the engine's
      // analysis (diditApproval.ts), which the soak's workers do not run, so an officer decides it
      // as any review. The officer's last final decision is the case's state and Didit's.
      const finals = service.deps.decisions.forCase(c.id).filter((d) => (d.state === 'final' || d.state === 'confirmed') && (d.action === 'approve' || d.action === 'reject'));
      const action = finals.at(-1)?.action;
      const acknowledged = a.decided.get(c.id);
      if (!action || (acknowledged && acknowledged !== action)) {
        wrongState += 1;
        continue;
      }
      const expected = DIDIT_OF[action]!;
      if (updates.length === 0) lost.statusUpdates += 1;
      duplicated.statusUpdates += Math.max(0, updates.length - 1);
      if (updates.some((u) => u.new_status !== expected) || s.status !== expected || c.status !== LOCAL_OF[expected]) wrongState += 1;
    }
    const inbox: Record<string, number> = {};
    for (const r of service.deps.db.prepare("SELECT status, count(*) AS n FROM sync_inbox WHERE connector = 'didit' GROUP BY status").all() as { status: string; n: number }[]) inbox[r.status] = r.n;
    const deadLetters = service.deps.sync.counts().filter((c) => c.status === 'dead').reduce((n, c) => n + c.n, 0);
    const faultCounts: Record<string, number> = {};
    for (const f of a.faults.injected) faultCounts[f.fault.kind] = (faultCounts[f.fault.kind] ?? 0) + 1;
    const delivered = didit.webhooks.filter((w) => w.delivered).length;
    return {
      runs: a.o.runs,
      kills: a.kills,
      requested: a.requested.size,
      decided: a.decided.size,
      cases: cases.length,
      sessions: didit.sessions.length,
      fates,
      statusUpdates: didit.statusUpdates.length,
      lost,
      duplicated,
      wrongState,
      webhooks: { ...side.sends, delivered, undelivered: didit.webhooks.length - delivered },
      inbox,
      deadLetters,
      faults: faultCounts,
      seconds: Math.round((performance.now() - a.started) / 100) / 10,
    };
  } finally {
    service.close();
  }
}
