import { join } from 'node:path';
import type { Db } from '../db/openDatabase';
import type { Clock } from './Clock';
import type { Logger } from './Logger';
import { OperatorRepository } from '../repositories/OperatorRepository';
import { SessionRepository } from '../repositories/SessionRepository';
import { SettingsRepository } from '../repositories/SettingsRepository';
import { ProfileRepository } from '../repositories/ProfileRepository';
import { CaseRepository } from '../repositories/CaseRepository';
import { DecisionRepository } from '../repositories/DecisionRepository';
import { EvidenceRepository } from '../repositories/EvidenceRepository';
import { AuditRepository } from '../repositories/AuditRepository';
import { AuditLog } from '../audit/AuditLog';
import { EvidenceStore } from '../evidence/EvidenceStore';
import { readSettings } from '../settings/readSettings';
import { PolicyRepository } from '../repositories/PolicyRepository';
import { JobRepository } from '../repositories/JobRepository';
import { AnalysisRepository } from '../repositories/AnalysisRepository';
import { SavedViewRepository } from '../repositories/SavedViewRepository';
import { ScreeningRepository } from '../repositories/ScreeningRepository';
import { LivenessRepository } from '../repositories/LivenessRepository';
import { RemoteLivenessRepository } from '../repositories/RemoteLivenessRepository';
import type { JobRunner } from '../jobs/JobRunner';
import type { AnalysisPool } from '../analysis/pool/AnalysisPool';

/** Everything a handler may touch. Built once per open service. */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  operators: OperatorRepository;
  sessions: SessionRepository;
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
  /** The worker pool and job runner, once started; jobs queue in SQLite until then. */
  engine: { pool: AnalysisPool; runner: JobRunner } | null;
}

export function createServiceDeps(db: Db, dataDir: string, clock: Clock, log: Logger): ServiceDeps {
  const auditRows = new AuditRepository(db);
  const settings = new SettingsRepository(db);
  return {
    db,
    clock,
    log,
    operators: new OperatorRepository(db),
    sessions: new SessionRepository(db),
    settings,
    profiles: new ProfileRepository(db),
    cases: new CaseRepository(db, () => readSettings(settings).slaHours),
    decisions: new DecisionRepository(db),
    evidenceRows: new EvidenceRepository(db),
    evidenceFiles: new EvidenceStore(join(dataDir, 'evidence')),
    audit: new AuditLog(auditRows),
    auditRows,
    policies: new PolicyRepository(db),
    jobs: new JobRepository(db),
    analyses: new AnalysisRepository(db),
    savedViews: new SavedViewRepository(db),
    screening: new ScreeningRepository(db),
    liveness: new LivenessRepository(db),
    remoteLiveness: new RemoteLivenessRepository(db),
    engine: null,
  };
}
