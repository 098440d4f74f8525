import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { KycService } from '../electron/service/KycService';
import { createOperator, SYSTEM_ACTOR } from '../electron/service/bootstrap/createOperator';
import { newId } from '../electron/service/core/newId';
import { displayNameOf } from '../electron/service/repositories/ProfileRepository';
import type { ServiceDeps } from '../electron/service/core/ServiceDeps';
import type { Db } from '../electron/service/db/openDatabase';
import type { AuditActor } from '../electron/service/audit/AuditLog';
import { CASE_STATUSES, CLOSED_STATUSES, canTransition, type CaseStatus } from '../shared/caseStatus';
import { computeKycLevel } from '../shared/kycLevels';
import { REASON_CODE_LIST, reasonKind, type ReasonCode } from '../shared/reasonCodes';
import { companyInputSchema, personInputSchema, type Profile } from '../shared/schemas/profile';
import type { Decision, DecisionAction } from '../shared/schemas/decision';
import type { EvidenceKind } from '../shared/schemas/evidence';
import type { Operator, Role } from '../shared/schemas/operator';
import { seededRandom } from './stats';
import { syntheticCompany, syntheticPerson } from './syntheticProfiles';
import { decisionAuditPayload } from '../electron/service/cases/decisionAuditPayload';
import { testKeys } from '../test/helpers/testKeys';

/**
 * Builds a large, realistic store quickly. Going through `service.call` one operation at a
 * time would take many minutes for 100k cases, so this writes through the same repository
 * classes and AuditLog the handlers use, in the same order (profile + case + audit event,
 * then one status change + audit event per step of the status machine), but batches many
 * cases into one transaction. Every profile is validated by the real intake schemas first.
 */

export const BENCH_PASSWORD = 'bench-password-123';

/** The store size the benches measure at: the 100,000 cases. */
export const DEFAULT_BENCH_CASES = 100_000;

/** BENCH_STORE_CASES=N builds a smaller (or larger) store for a quick try. */
export function benchCaseCount(): number {
  const raw = process.env.BENCH_STORE_CASES;
  if (raw === undefined) return DEFAULT_BENCH_CASES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100) throw new Error(`BENCH_STORE_CASES must be an integer of at least 100, not "${raw}"`);
  return n;
}

export interface LargeStoreOptions {
  dataDir: string;
  cases: number;
  /** Cases per transaction. */
  batchSize?: number;
  /** Submissions are spread over this many days before `now`. */
  days?: number;
  seed?: number;
  now?: Date;
  log?: (msg: string) => void;
}

export interface LargeStore {
  dataDir: string;
  /** Every case id, in creation order. */
  caseIds: string[];
  statusCounts: Record<CaseStatus, number>;
  /** An officer who can sign in with BENCH_PASSWORD. */
  officerEmail: string;
  profiles: { persons: number; companies: number };
  auditEvents: number;
  buildMs: number;
}

/** Share of cases ending in each status (relative weights); every status is represented. */
const STATUS_WEIGHTS: Record<CaseStatus, number> = {
  NOT_STARTED: 8,
  IN_PROGRESS: 10,
  SUBMITTED: 15,
  IN_REVIEW: 10,
  AWAITING_SECOND_REVIEW: 4,
  RESUBMISSION_REQUESTED: 5,
  APPROVED: 33,
  REJECTED: 8,
  EXPIRED: 7,
};

const TO_REVIEW: CaseStatus[] = ['IN_PROGRESS', 'SUBMITTED', 'IN_REVIEW'];
/** The steps from NOT_STARTED to each final status, following the status machine. */
const PATHS: Record<CaseStatus, { steps: CaseStatus[]; auto?: CaseStatus[] }> = {
  NOT_STARTED: { steps: [] },
  IN_PROGRESS: { steps: ['IN_PROGRESS'] },
  SUBMITTED: { steps: ['IN_PROGRESS', 'SUBMITTED'] },
  IN_REVIEW: { steps: TO_REVIEW },
  AWAITING_SECOND_REVIEW: { steps: [...TO_REVIEW, 'AWAITING_SECOND_REVIEW'] },
  RESUBMISSION_REQUESTED: { steps: [...TO_REVIEW, 'RESUBMISSION_REQUESTED'] },
  // Some approvals and rejections are the engine's automatic outcome straight from SUBMITTED.
  APPROVED: { steps: [...TO_REVIEW, 'APPROVED'], auto: ['IN_PROGRESS', 'SUBMITTED', 'APPROVED'] },
  REJECTED: { steps: [...TO_REVIEW, 'REJECTED'], auto: ['IN_PROGRESS', 'SUBMITTED', 'REJECTED'] },
  EXPIRED: { steps: ['IN_PROGRESS', 'EXPIRED'] },
};
for (const { steps, auto } of Object.values(PATHS)) {
  for (const path of [steps, auto ?? []]) {
    path.reduce<CaseStatus>((from, to) => {
      if (!canTransition(from, to)) throw new Error(`bench path is not allowed by the status machine: ${from} -> ${to}`);
      return to;
    }, 'NOT_STARTED');
  }
}

const DECISION_OF: Partial<Record<CaseStatus, DecisionAction>> = {
  APPROVED: 'approve',
  REJECTED: 'reject',
  RESUBMISSION_REQUESTED: 'request_resubmission',
};
const RETRY_REASONS = REASON_CODE_LIST.filter((c) => reasonKind(c) === 'RETRY');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function pickWeighted<K extends string>(r: () => number, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let x = r() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[0]![0];
}

/** Specimen images shipped for the demo, stored once in the content-addressed store. */
function loadEvidenceFiles(deps: ServiceDeps): { sha256: string; byteSize: number; fileName: string; mimeType: 'image/jpeg' | 'image/png' }[] {
  const dir = join(import.meta.dirname, '..', 'resources', 'demo');
  const names = readdirSync(dir).filter((n) => ['.jpg', '.png'].includes(extname(n)));
  if (names.length === 0) throw new Error(`no specimen images in ${dir}`);
  return names.map((fileName) => {
    const bytes = readFileSync(join(dir, fileName));
    return {
      sha256: deps.evidenceFiles.put(bytes).sha256,
      byteSize: bytes.length,
      fileName,
      mimeType: extname(fileName) === '.png' ? 'image/png' : 'image/jpeg',
    };
  });
}

/**
 * Speeds up the bulk load on this connection only; nothing here changes what is stored.
 * The repositories prepare their SQL on every call (cheap for one operation, a third of the
 * CPU time for a million rows), so statements are cached by SQL text; the page cache is
 * raised so random-key index inserts (UUIDs, hashes, emails) stay in memory; and commits
 * skip fsync, since a crash only costs a rebuild. Returns a function that undoes all three.
 */
function tuneForBulkLoad(db: Db): () => void {
  const originalPrepare = db.prepare;
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const cachedPrepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = originalPrepare.call(db, sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  db.prepare = cachedPrepare as Db['prepare'];
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('cache_size = -524288'); // 512 MiB
  db.pragma('synchronous = OFF');
  return () => {
    db.prepare = originalPrepare;
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`synchronous = ${synchronous}`);
  };
}

export async function buildLargeStore(opts: LargeStoreOptions): Promise<LargeStore> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const total = opts.cases;
  const batchSize = opts.batchSize ?? 5000;
  const days = opts.days ?? 60;
  const now = opts.now ?? new Date();
  const nowMs = now.getTime();
  const r = seededRandom(opts.seed ?? 20261122);

  const service = KycService.open({ dataDir: opts.dataDir, keys: testKeys(opts.dataDir) });
  try {
    const deps = service.deps;
    const restoreConnection = tuneForBulkLoad(deps.db);
    const staff = async (email: string, displayName: string, role: Role): Promise<Operator> =>
      createOperator(deps, { email, displayName, role, password: BENCH_PASSWORD });
    const intake = await staff('branch@bench.kyc', 'Bruno Barros', 'branch_staff');
    const reviewers = [
      await staff('officer1@bench.kyc', 'Olivia Ortega', 'officer'),
      await staff('officer2@bench.kyc', 'Omar Okafor', 'officer'),
      await staff('officer3@bench.kyc', 'Lucía Londoño', 'officer'),
      await staff('senior@bench.kyc', 'Sofía Salazar', 'senior_officer'),
    ] as const;
    const files = loadEvidenceFiles(deps);
    const personSchema = personInputSchema(() => now);
    const actorOf = (o: Operator): AuditActor => ({ id: o.id, name: o.displayName });

    const caseIds: string[] = [];
    const personIds: string[] = [];
    const statusCounts = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
    let companies = 0;
    let auditEvents = 0;
    const append = (...args: Parameters<ServiceDeps['audit']['append']>) => {
      deps.audit.append(...args);
      auditEvents += 1;
    };

    /** Writes case number `i` with its whole history; call inside a transaction. */
    const writeCase = (i: number): void => {
      // Creation times grow with i (so the audit chain reads roughly in time order) and
      // span `days` days, ending three days ago so every later step is still in the past.
      let t = nowMs - days * DAY + ((i + r()) / total) * (days - 3) * DAY;
      const at = (delta: number): string => {
        t = Math.max(t + 1000, Math.min(t + delta, nowMs - MINUTE));
        return new Date(t).toISOString();
      };
      const createdAt = at(0);

      const asCompany = personIds.length >= 10 && r() < 0.06;
      let profile: Profile;
      if (asCompany) {
        const owners = [personIds[Math.floor(r() * personIds.length)]!] as [string, ...string[]];
        if (r() < 0.3) owners.push(personIds[Math.floor(r() * personIds.length)]!);
        const parsed = companyInputSchema.safeParse(syntheticCompany(r, i, owners));
        if (!parsed.success) throw new Error(`synthetic company ${i} is invalid: ${parsed.error.message}`);
        profile = { id: newId(), type: 'COMPANY', externalId: parsed.data.externalId, displayName: parsed.data.companyName, createdAt, updatedAt: createdAt, data: parsed.data };
        companies += 1;
      } else {
        const parsed = personSchema.safeParse(syntheticPerson(r, i));
        if (!parsed.success) throw new Error(`synthetic person ${i} is invalid: ${parsed.error.message}`);
        const data = parsed.data;
        profile = { id: newId(), type: 'PERSON', externalId: data.externalId, displayName: displayNameOf({ type: 'PERSON', data }), createdAt, updatedAt: createdAt, data };
      }

      // profiles.createPerson / createCompany
      deps.profiles.insert(profile);
      if (profile.type === 'COMPANY') deps.profiles.setOwners(profile.id, profile.data.mainOwnerUser, profile.data.ownerUsers);
      else personIds.push(profile.id);
      const caseId = newId();
      caseIds.push(caseId);
      // The service inserts L0 and its refresh raises it to L1 at once (the profile is valid).
      deps.cases.insert({ id: caseId, profileId: profile.id, status: 'NOT_STARTED', kycLevel: 'L1', now: createdAt });
      append({ at: createdAt, actor: actorOf(intake), type: 'profile.created', caseId, profileId: profile.id, payload: { type: profile.type, externalId: profile.externalId } });

      const target = pickWeighted(r, STATUS_WEIGHTS);
      const plan = PATHS[target];
      const automatic = plan.auto !== undefined && r() < 0.25;
      const steps = automatic && plan.auto ? plan.auto : plan.steps;
      const reviewer = reviewers[Math.floor(r() * reviewers.length)]!;
      const kinds = new Set<EvidenceKind>();
      let status: CaseStatus = 'NOT_STARTED';
      let version = 1;

      const addEvidence = (kind: EvidenceKind) => {
        const f = files[Math.floor(r() * files.length)]!;
        const evAt = at(2 * MINUTE + r() * 20 * MINUTE);
        const evidenceId = newId();
        deps.evidenceRows.insert({ id: evidenceId, caseId, kind, sha256: f.sha256, mimeType: f.mimeType, byteSize: f.byteSize, fileName: f.fileName, createdAt: evAt, createdBy: intake.id });
        deps.cases.touch(caseId, evAt);
        version += 1;
        append({ at: evAt, actor: actorOf(intake), type: 'evidence.added', caseId, profileId: profile.id, payload: { evidenceId, kind, sha256: f.sha256, byteSize: f.byteSize } });
        kinds.add(kind);
      };

      for (const to of steps) {
        let delay: number;
        let actor: AuditActor = actorOf(intake);
        let assigneeId: string | undefined;
        let payload: Record<string, unknown> = {};
        let decision: Decision | undefined;
        if (to === 'SUBMITTED') {
          // cases.submit needs the document front; most applicants also send a selfie.
          addEvidence('DOCUMENT_FRONT');
          if (r() < 0.4) addEvidence('DOCUMENT_BACK');
          if (r() < 0.7) addEvidence('SELFIE');
          if (r() < 0.15) addEvidence('SOURCE_OF_FUNDS');
          delay = 5 * MINUTE + r() * 2 * DAY;
        } else if (to === 'IN_PROGRESS') {
          delay = 2 * MINUTE + r() * 2 * HOUR;
        } else if (to === 'EXPIRED') {
          delay = 20 * DAY + r() * 10 * DAY;
          actor = SYSTEM_ACTOR;
        } else if (to === 'IN_REVIEW') {
          // cases.claim: the reviewer takes it and becomes the assignee.
          delay = HOUR + r() * 3 * DAY;
          actor = actorOf(reviewer);
          assigneeId = reviewer.id;
        } else {
          delay = 10 * MINUTE + r() * DAY;
          actor = automatic ? SYSTEM_ACTOR : actorOf(reviewer);
          const action = DECISION_OF[to];
          if (action && !automatic) {
            const reasonCode: ReasonCode | null =
              action === 'approve' ? null : action === 'reject' ? REASON_CODE_LIST[Math.floor(r() * REASON_CODE_LIST.length)]! : RETRY_REASONS[Math.floor(r() * RETRY_REASONS.length)]!;
            decision = {
              id: newId(),
              caseId,
              actorId: reviewer.id,
              actorName: reviewer.displayName,
              action,
              fromStatus: status,
              toStatus: to,
              reasonCode,
              reasonKind: reasonCode ? reasonKind(reasonCode) : null,
              internalComment: action === 'approve' ? 'Document data matches the profile.' : 'Checked against the document image.',
              customerMessage: action === 'approve' ? '' : 'Please check your document and try again.',
              resubmitItems: action === 'request_resubmission' ? ['DOCUMENT_FRONT'] : [],
              at: '',
              state: 'final',
              fourEyesReason: null,
              reviewerId: null,
              reviewerName: null,
              reviewedAt: null,
              reviewComment: null,
            };
            payload = { decisionId: decision.id, action, reasonCode };
          }
        }
        const stepAt = at(delay);
        // moveCase: the versioned transition, then its audit event.
        const moved = deps.cases.transition(caseId, version, {
          to,
          now: stepAt,
          ...(to === 'SUBMITTED' ? { submittedAt: stepAt } : {}),
          closedAt: CLOSED_STATUSES.includes(to) ? stepAt : null,
          ...(assigneeId !== undefined ? { assigneeId } : {}),
        });
        if (!moved) throw new Error(`bench build: case ${caseId} was not at version ${version}`);
        version += 1;
        append({ at: stepAt, actor, type: 'case.status_changed', caseId, profileId: profile.id, payload: { from: status, to, ...payload } });
        if (decision) {
          decision.at = stepAt;
          deps.decisions.insert(decision);
          append({
            at: stepAt,
            actor,
            type: 'case.decision',
            caseId,
            profileId: profile.id,
            payload: decisionAuditPayload(decision),
          });
        }
        status = to;
      }

      // refreshKycLevel, as the service runs it after each change; only approval raises it.
      const level = computeKycLevel({
        company: asCompany,
        basicDataValid: true,
        hasDocumentFront: kinds.has('DOCUMENT_FRONT'),
        hasSelfie: kinds.has('SELFIE'),
        approved: status === 'APPROVED',
        hasInvestmentProfile: 'investmentProfile' in profile.data && profile.data.investmentProfile !== undefined,
        hasKycProfile: 'kycProfile' in profile.data && profile.data.kycProfile !== undefined,
        hasSourceOfFundsEvidence: kinds.has('SOURCE_OF_FUNDS'),
      }).level;
      if (level !== 'L1') deps.cases.setKycLevel(caseId, level);
      statusCounts[status] += 1;
    };

    const writeBatch = deps.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) writeCase(i);
    });
    let lastReport = performance.now();
    for (let from = 0; from < total; from += batchSize) {
      writeBatch(from, Math.min(total, from + batchSize));
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        log(`  built ${Math.min(total, from + batchSize)}/${total} cases (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
    restoreConnection();
    return {
      dataDir: opts.dataDir,
      caseIds,
      statusCounts,
      officerEmail: reviewers[0].email,
      profiles: { persons: total - companies, companies },
      auditEvents,
      buildMs: performance.now() - started,
    };
  } finally {
    // Checkpoints the WAL into the main file, as a normal app shutdown does.
    service.close();
  }
}
