import { rmSync } from 'node:fs';
import { ErrorCode } from '../../../shared/errorCodes';
import { PURGE_EVENT_TYPE } from '../../../shared/schemas/audit';
import type { PurgeCounts, Tombstone } from '../../../shared/schemas/retention';
import { canonicalJson } from '../audit/canonicalJson';
import { sha256Hex } from '../audit/hashChain';
import type { AuditActor } from '../audit/AuditLog';
import { ServiceFailure } from '../core/ServiceFailure';
import type { ServiceDeps } from '../core/ServiceDeps';
import { DEFAULT_POLICY } from '../analysis/defaultPolicy';
import type { RetentionCase } from '../repositories/RetentionRepository';
import { deleteCaseReports } from '../reports/writeReportFile';
import { purgeableFrom, type RetentionBlock } from './retentionRules';

export interface PurgeRequest {
  caseId: string;
  basis: Tombstone['basis'];
  /** Checks the case may go on this basis; returns why not, or null. Runs inside the transaction. */
  check(c: RetentionCase, onHold: boolean): RetentionBlock | null;
  actor: AuditActor;
  at: string;
  note: string;
  erasureRequestId?: string;
  /** More writes that must land with the purge or not at all (e.g. marking the erasure request done). */
  alsoInTransaction?: (t: Tombstone) => void;
}

export interface PurgedCase {
  tombstone: Tombstone;
  /** Files no remaining record references: deleted from the store once the transaction commits. */
  filesToDelete: string[];
}

const INTAKE_KEYS = ['intakeDocuments', 'intakeDrafts', 'uploads', 'intakeAcceptances', 'intakeApplications'];

/**
 * Removes a case's personal data and evidence records and appends the tombstone event, in the
 * caller's transaction. The audit rows stay (their payloads go): the chain still verifies, and
 * the tombstone names the purged payloads so verify can tell a purge from a deletion.
 */
export function purgeCaseRecords(deps: ServiceDeps, req: PurgeRequest): PurgedCase {
  const { retention, casePurge: purge } = deps;
  const c = retention.caseById(req.caseId);
  if (!c) {
    const gone = retention.tombstone(req.caseId);
    throw new ServiceFailure(ErrorCode.NOT_FOUND, gone ? `the case was already purged on ${gone.purgedAt.slice(0, 10)}` : 'no such case', 'caseId');
  }
  const block = req.check(c, retention.hold(c.id) !== undefined);
  if (block) throw new ServiceFailure(block.code, block.message, 'caseId');
  if (c.profileType === 'PERSON' && retention.companiesOwnedBy(c.profileId).length > 0) {
    throw new ServiceFailure(ErrorCode.PURGE_REFERENCED, 'the person owns a company still on file; purge the company first', 'caseId');
  }
  if (retention.runningJobs(c.id) > 0) {
    throw new ServiceFailure(ErrorCode.PURGE_REFERENCED, 'an analysis of this case is running; try again when it has finished', 'caseId');
  }
  const policy = deps.policies.latest();
  const years = policy?.body.retentionYears ?? DEFAULT_POLICY.retentionYears;

  const removed = purge.collect(c.id, c.profileId);
  const files = purge.fileHashes(c.id, c.profileId);
  const payloadSeqs = deps.auditRows.payloadSeqsFor(c.id, c.profileId);
  const digests = Object.fromEntries(Object.entries(removed).map(([k, rows]) => [k, sha256Hex(canonicalJson(rows))]));
  const removedDigest = sha256Hex(canonicalJson({ rows: digests, files, auditPayloadSeqs: payloadSeqs }));

  const deleted = purge.remove(c.id, c.profileId);
  const auditPayloads = deps.auditRows.purgePayloads(payloadSeqs);
  const filesToDelete = files.filter((sha) => !purge.fileStillReferenced(sha));
  const n = (k: string) => deleted[k] ?? 0;
  const counts: PurgeCounts = {
    profile: n('profile'),
    evidenceRecords: n('evidenceRecords'),
    evidenceFilesDeleted: filesToDelete.length,
    evidenceFilesShared: files.length - filesToDelete.length,
    decisions: n('decisions'),
    analysisResults: n('analysisResults'),
    jobs: n('jobs'),
    livenessSessions: n('livenessSessions'),
    faceDescriptors: n('faceDescriptors'),
    screeningFlags: n('screeningFlags'),
    blocklistEntries: n('blocklistEntries'),
    companyOwnerLinks: n('companyOwnerLinks'),
    intakeRecords: INTAKE_KEYS.reduce((sum, k) => sum + n(k), 0),
    auditPayloads,
  };

  // The tombstone: ids, why, counts and hashes. Nothing in it identifies the person.
  const event = deps.audit.append({
    at: req.at,
    actor: req.actor,
    type: PURGE_EVENT_TYPE,
    caseId: c.id,
    profileId: c.profileId,
    payload: {
      basis: req.basis,
      note: req.note,
      erasureRequestId: req.erasureRequestId ?? null,
      closedAt: c.closedAt,
      retentionYears: years,
      policyVersion: policy?.version ?? null,
      purgeableFrom: c.closedAt ? purgeableFrom(c.closedAt, years) : null,
      counts,
      removedDigest,
      digests,
      deletedFileHashes: filesToDelete,
      sharedFileHashes: files.filter((f) => !filesToDelete.includes(f)),
      purgedPayloadSeqs: payloadSeqs,
    },
  });
  const tombstone: Tombstone = {
    caseId: c.id,
    profileId: c.profileId,
    basis: req.basis,
    erasureRequestId: req.erasureRequestId ?? null,
    closedAt: c.closedAt,
    purgedAt: req.at,
    purgedBy: req.actor.id,
    counts,
    removedDigest,
    auditSeq: event.seq,
  };
  retention.insertTombstone(tombstone);
  req.alsoInTransaction?.(tombstone);
  return { tombstone, filesToDelete };
}

/**
 * Deletes the files after the commit, never before: a rolled-back purge must leave every file.
 * Returns how many could not be removed (left for an operator; the tombstone already counts them).
 */
export function deleteEvidenceFiles(deps: ServiceDeps, hashes: readonly string[]): number {
  let failed = 0;
  for (const sha of hashes) {
    try {
      rmSync(deps.evidenceFiles.pathOf(sha), { force: true });
    } catch {
      failed += 1;
    }
  }
  if (failed) deps.log.error('retention.files', { failed });
  return failed;
}

/** Runs one purge in its own transaction, then removes its files. */
export function purgeCase(deps: ServiceDeps, req: PurgeRequest): Tombstone {
  // Read before the purge deletes it: exported report files are named after it.
  const profileId = deps.cases.byId(req.caseId)?.profileId;
  const externalId = profileId ? deps.profiles.byId(profileId)?.externalId : undefined;
  let result: PurgedCase;
  try {
    result = deps.db.transaction(() => purgeCaseRecords(deps, req))();
  } catch (e) {
    // Another area's table still pointing at the case: the purge is refused, nothing changed.
    if (e instanceof Error && 'code' in e && e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new ServiceFailure(ErrorCode.PURGE_REFERENCED, 'other records still reference this case; nothing was purged', 'caseId');
    }
    throw e;
  }
  deleteEvidenceFiles(deps, result.filesToDelete);
  if (externalId) deleteCaseReports(deps, req.caseId, externalId);
  return result.tombstone;
}
