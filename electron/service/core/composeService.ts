import { join } from 'node:path';
import type { Db } from '../db/openDatabase';
import type { Clock } from './Clock';
import type { Logger } from './Logger';
import type { AnalysisEngine, ServiceDeps } from './ServiceDeps';
import { OperatorRepository } from '../repositories/OperatorRepository';
import { SignInThrottleRepository } from '../repositories/SignInThrottleRepository';
import { SessionRepository } from '../repositories/SessionRepository';
import { SettingsRepository } from '../repositories/SettingsRepository';
import { ProfileRepository } from '../repositories/ProfileRepository';
import { CaseRepository } from '../repositories/CaseRepository';
import { DecisionRepository } from '../repositories/DecisionRepository';
import { EvidenceRepository } from '../repositories/EvidenceRepository';
import { AuditRepository } from '../repositories/AuditRepository';
import { PolicyRepository } from '../repositories/PolicyRepository';
import { JobRepository } from '../repositories/JobRepository';
import { AnalysisRepository } from '../repositories/AnalysisRepository';
import { SavedViewRepository } from '../repositories/SavedViewRepository';
import { ScreeningRepository } from '../repositories/ScreeningRepository';
import { LivenessRepository } from '../repositories/LivenessRepository';
import { RemoteLivenessRepository } from '../repositories/RemoteLivenessRepository';
import { IntakeRepository } from '../repositories/IntakeRepository';
import { UploadRepository } from '../repositories/UploadRepository';
import { ApiTokenRepository } from '../repositories/ApiTokenRepository';
import { ReportRepository } from '../repositories/ReportRepository';
import { ExportJobRepository } from '../repositories/ExportJobRepository';
import { RetentionRepository } from '../repositories/RetentionRepository';
import { CasePurgeRepository } from '../repositories/CasePurgeRepository';
import { ApplicationExpiryRepository } from '../repositories/ApplicationExpiryRepository';
import { AuditLog } from '../audit/AuditLog';
import { EvidenceStore } from '../evidence/EvidenceStore';
import type { DataKeys } from '../crypto/DataKeys';
import { SanctionsRepository } from '../repositories/SanctionsRepository';
import { ReceivedAnchorRepository } from '../repositories/ReceivedAnchorRepository';
import { ActiveSanctions } from '../screening/ActiveSanctions';
import { readSettings } from '../settings/readSettings';
import { EvidenceThumbnails } from '../reports/evidenceThumbnails';
import { ExportRunner } from '../reports/ExportRunner';
import { runBatchExport } from '../reports/runBatchExport';
import { RetentionSchedule } from '../retention/RetentionSchedule';
import { BackupSchedule } from '../backup/BackupSchedule';
import { EvidenceReferenceRepository } from '../repositories/EvidenceReferenceRepository';
import { ExpirySchedule } from '../cases/ExpirySchedule';
import { AnalysisPool, type AnalysisPoolOptions } from '../analysis/pool/AnalysisPool';
import { runCaseAnalysis } from '../analysis/runCaseAnalysis';
import { JobRunner } from '../jobs/JobRunner';
import { ANALYSIS_JOB } from '../jobs/enqueueAnalysis';
import { RESCREEN_JOB, runRescreen } from '../screening/rescreenJob';
import { FACE_BACKFILL_JOB, runFaceBackfill } from '../screening/faceBackfillJob';
import { SyncRepository } from '../repositories/SyncRepository';
import { SyncRuntime } from '../sync/SyncRuntime';
import { KillbConnector } from '../sync/killbConnector';
import { CentralConnector } from '../sync/centralConnector';
import { DiditConnector } from '../sync/diditConnector';
import { DiditRepository } from '../repositories/DiditRepository';
import type { SecretKeyProvider } from '../sync/secretBox';
import type { SyncRunnerOptions } from '../sync/SyncRunner';
import { WalCheckpointSchedule } from '../db/WalCheckpointSchedule';
import { enqueueCentralAnchor } from '../sync/centralEffects';

/** The service's scheduled work; built with the service, started by `KycService.startSchedules`. */
export interface ServiceSchedules {
  retention: RetentionSchedule;
  expiry: ExpirySchedule;
  walCheckpoint: WalCheckpointSchedule;
}

export interface ComposedService {
  deps: ServiceDeps;
  schedules: ServiceSchedules;
}

/**
 * The composition root: every repository, cache, runner and schedule of one open store is
 * constructed here, once, and reached through `deps` (or `schedules`). Nothing else in the
 * service builds a repository, so there is exactly one statement cache per table per
 * connection and a new part (an outbox, an inbox, their runners) is wired in one place.
 */
export interface ComposeOptions {
  /** Wraps connector secrets: Electron safeStorage on the desktop, a key file under `serve`. */
  secrets: SecretKeyProvider;
  /** The data folder's unlocked keys: the store is open with one, evidence is sealed with them. */
  keys: DataKeys;
  sync?: SyncRunnerOptions;
}

export function composeService(db: Db, dataDir: string, clock: Clock, log: Logger, options: ComposeOptions): ComposedService {
  const auditRows = new AuditRepository(db);
  const settings = new SettingsRepository(db);
  const evidenceFiles = new EvidenceStore(join(dataDir, 'evidence'), options.keys);
  const operators = new OperatorRepository(db);
  // The service signs checkpoints of its chain with the folder's key (made on first use).
  // Each checkpoint also goes to the central server, when that connector is on.
  const audit = new AuditLog(auditRows, () => options.keys.signer(), (anchor) => enqueueCentralAnchor(sync, anchor));
  const exportJobs = new ExportJobRepository(db);
  // The runner gets the body of an export as a function so that it needs nothing of the
  // service beyond its queue; `deps` is only read when an export runs, after it is built.
  const sync = new SyncRepository(db);
  const profiles = new ProfileRepository(db);
  const cases = new CaseRepository(db, () => readSettings(settings).slaHours);
  const sanctions = new SanctionsRepository(db);
  // Didit's importer moves cases through the case workflow, which takes the whole service: it
  // reads `deps` only when it delivers or applies, after `deps` is built.
  const didit = new DiditConnector(() => deps, options.sync?.remoteTimeoutMs);
  const syncRuntime = new SyncRuntime({ db, sync, audit, clock, log }, options.secrets, [new KillbConnector({ profiles, cases, sync, clock }, options.sync?.remoteTimeoutMs), new CentralConnector(() => deps, options.sync?.remoteTimeoutMs), didit], options.sync);
  const exportRunner = new ExportRunner({ db, clock, log, operators, audit, exportJobs }, (job, hooks) => runBatchExport(deps, job, hooks));
  const deps: ServiceDeps = {
    db,
    clock,
    log,
    operators,
    sessions: new SessionRepository(db),
    signInThrottle: new SignInThrottleRepository(db),
    settings,
    profiles,
    cases,
    decisions: new DecisionRepository(db),
    evidenceRows: new EvidenceRepository(db),
    evidenceFiles,
    audit,
    auditRows,
    policies: new PolicyRepository(db),
    jobs: new JobRepository(db),
    analyses: new AnalysisRepository(db),
    savedViews: new SavedViewRepository(db),
    screening: new ScreeningRepository(db),
    liveness: new LivenessRepository(db),
    remoteLiveness: new RemoteLivenessRepository(db),
    intake: new IntakeRepository(db),
    uploads: new UploadRepository(db),
    apiTokens: new ApiTokenRepository(db),
    reports: new ReportRepository(db),
    exportJobs,
    thumbnails: new EvidenceThumbnails(evidenceFiles),
    exportRunner,
    retention: new RetentionRepository(db),
    casePurge: new CasePurgeRepository(db),
    applicationExpiry: new ApplicationExpiryRepository(db),
    sync,
    didit: new DiditRepository(db),
    syncRuntime,
    engine: null,
    backups: new BackupSchedule({ db, settings, audit, clock, log, dataDir, secrets: options.secrets, keys: options.keys }),
    evidenceReferences: new EvidenceReferenceRepository(db),
    dataDir,
    keys: options.keys,
    sanctions,
    sanctionsIndex: new ActiveSanctions(sanctions),
    receivedAnchors: new ReceivedAnchorRepository(db),
    demo: null,
  };
  return { deps, schedules: { retention: new RetentionSchedule(deps), expiry: new ExpirySchedule(deps), walCheckpoint: new WalCheckpointSchedule(db) } };
}

/**
 * The verification engine: a worker pool and the job runner that feeds it analysis jobs, half
 * as many at once as there are workers. Built when analysis starts (the pool's size is only
 * known then); the caller puts it in `deps.engine` and starts the runner.
 */
export function composeAnalysisEngine(deps: ServiceDeps, options: AnalysisPoolOptions): AnalysisEngine {
  const pool = new AnalysisPool(options);
  const runner = new JobRunner({ jobs: deps.jobs, clock: deps.clock, log: deps.log }, { [ANALYSIS_JOB]: (ctx) => runCaseAnalysis(deps, pool, ctx), [RESCREEN_JOB]: (ctx) => runRescreen(deps, ctx), [FACE_BACKFILL_JOB]: (ctx) => runFaceBackfill(deps, pool, ctx) }, Math.max(1, Math.ceil(pool.size / 2)));
  return { pool, runner };
}
