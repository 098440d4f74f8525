import type { Db } from '../db/openDatabase';
import type { Clock } from './Clock';
import type { Logger } from './Logger';
import type { OperatorRepository } from '../repositories/OperatorRepository';
import type { BackupSchedule } from '../backup/BackupSchedule';
import type { EvidenceReferenceRepository } from '../repositories/EvidenceReferenceRepository';
import type { SignInThrottleRepository } from '../repositories/SignInThrottleRepository';
import type { SessionRepository } from '../repositories/SessionRepository';
import type { SettingsRepository } from '../repositories/SettingsRepository';
import type { ProfileRepository } from '../repositories/ProfileRepository';
import type { CaseRepository } from '../repositories/CaseRepository';
import type { DecisionRepository } from '../repositories/DecisionRepository';
import type { EvidenceRepository } from '../repositories/EvidenceRepository';
import type { AuditRepository } from '../repositories/AuditRepository';
import type { AuditLog } from '../audit/AuditLog';
import type { EvidenceStore } from '../evidence/EvidenceStore';
import type { DataKeys } from '../crypto/DataKeys';
import type { SanctionsRepository } from '../repositories/SanctionsRepository';
import type { ReceivedAnchorRepository } from '../repositories/ReceivedAnchorRepository';
import type { ActiveSanctions } from '../screening/ActiveSanctions';
import type { PolicyRepository } from '../repositories/PolicyRepository';
import type { JobRepository } from '../repositories/JobRepository';
import type { AnalysisRepository } from '../repositories/AnalysisRepository';
import type { SavedViewRepository } from '../repositories/SavedViewRepository';
import type { ScreeningRepository } from '../repositories/ScreeningRepository';
import type { LivenessRepository } from '../repositories/LivenessRepository';
import type { RemoteLivenessRepository } from '../repositories/RemoteLivenessRepository';
import type { IntakeRepository } from '../repositories/IntakeRepository';
import type { UploadRepository } from '../repositories/UploadRepository';
import type { ApiTokenRepository } from '../repositories/ApiTokenRepository';
import type { ReportRepository } from '../repositories/ReportRepository';
import type { ExportJobRepository } from '../repositories/ExportJobRepository';
import type { RetentionRepository } from '../repositories/RetentionRepository';
import type { CasePurgeRepository } from '../repositories/CasePurgeRepository';
import type { ApplicationExpiryRepository } from '../repositories/ApplicationExpiryRepository';
import type { EvidenceThumbnails } from '../reports/evidenceThumbnails';
import type { ExportRunner } from '../reports/ExportRunner';
import type { JobRunner } from '../jobs/JobRunner';
import type { AnalysisPool } from '../analysis/pool/AnalysisPool';
import type { SyncRepository } from '../repositories/SyncRepository';
import type { DiditRepository } from '../repositories/DiditRepository';
import type { SyncRuntime } from '../sync/SyncRuntime';

/** The worker pool and the job runner that feeds it; they exist only once analysis is started. */
export interface AnalysisEngine {
  pool: AnalysisPool;
  runner: JobRunner;
}

/**
 * Everything a handler may touch, built once per open service by `composeService` (the one
 * place that constructs repositories and runners). A module that needs only a few of these
 * takes `Pick<ServiceDeps, ...>`. This file holds types only, so importing it never pulls in
 * (or loops back through) the modules it describes.
 */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  operators: OperatorRepository;
  sessions: SessionRepository;
  /** Failed sign-ins per account and per client: delays and lock-outs. */
  signInThrottle: SignInThrottleRepository;
  settings: SettingsRepository;
  profiles: ProfileRepository;
  cases: CaseRepository;
  decisions: DecisionRepository;
  evidenceRows: EvidenceRepository;
  evidenceFiles: EvidenceStore;
  audit: AuditLog;
  auditRows: AuditRepository;
  policies: PolicyRepository;
  jobs: JobRepository;
  analyses: AnalysisRepository;
  savedViews: SavedViewRepository;
  screening: ScreeningRepository;
  liveness: LivenessRepository;
  remoteLiveness: RemoteLivenessRepository;

  // Onboarding: applications, legal texts, pending documents and drafts; and REST uploads.
  intake: IntakeRepository;
  uploads: UploadRepository;
  apiTokens: ApiTokenRepository;

  // Reports and batch exports.
  reports: ReportRepository;
  exportJobs: ExportJobRepository;
  /** Evidence images scaled for the PDFs, cached for the life of the service. */
  thumbnails: EvidenceThumbnails;
  /** Runs queued batch exports; started by `KycService.startExports` or the first reports call. */
  exportRunner: ExportRunner;

  // Retention, erasure and the expiry of unfinished applications.
  retention: RetentionRepository;
  casePurge: CasePurgeRepository;
  applicationExpiry: ApplicationExpiryRepository;

  // Remote sync: the outbox, inbox, links and connector settings; the runner and its connectors.
  sync: SyncRepository;
  /** The Didit connector's results, poll targets and pushed workflow. */
  didit: DiditRepository;
  /** Delivers the outbox once `KycService.startSync` runs; rows queue in SQLite until then. */
  syncRuntime: SyncRuntime;

  /** The worker pool and job runner, once started; jobs queue in SQLite until then. */
  engine: AnalysisEngine | null;

  /** Scheduled (and on-demand) encrypted backups into a folder an admin chose. */
  backups: BackupSchedule;
  /** Every content hash the store refers to (the evidence sweep at start-up). */
  evidenceReferences: EvidenceReferenceRepository;

  /** The data folder this store lives in (shown in the About panel). */
  dataDir: string;
  /** The data folder's unlocked keys (the store's and the evidence files'). */
  keys: DataKeys;
  /** Sanctions and watch list snapshots, the hits screening records and officers' clearances. */
  sanctions: SanctionsRepository;
  /** The screening index over the active lists, rebuilt after an import. */
  sanctionsIndex: ActiveSanctions;
  /** Other workstations' signed audit checkpoints, received through sync. */
  receivedAnchors: ReceivedAnchorRepository;
  /** Loads the demo data the shell ships, when first-run setup asks for it; null where none ships. */
  demo: (() => Promise<{ cases: number }>) | null;
}
