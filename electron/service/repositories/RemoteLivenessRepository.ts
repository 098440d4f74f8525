import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import { remoteLivenessVerdict, type RemoteLivenessResult } from '../../../shared/schemas/kycService';

interface Row {
  id: string;
  case_id: string;
  session_id: string | null;
  confidence: number | null;
  result: string | null;
  error_message: string | null;
  received_at: string;
  received_by: string;
  local_status: RemoteLivenessResult['localStatus'];
}

export type RemoteLivenessInsert = Omit<RemoteLivenessResult, 'verdict' | 'conflict'> & { fingerprint: string };

/** Remote liveness providers' results (kycService /callback/liveness), one row per distinct callback. */
export class RemoteLivenessRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** False when a callback with this fingerprint is already stored (a provider's retry). */
  insert(r: RemoteLivenessInsert): boolean {
    return (
      this.sql(
        `INSERT INTO liveness_remote_results (id, case_id, session_id, confidence, result, error_message, local_status, fingerprint, received_at, received_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING`,
      ).run(r.id, r.caseId, r.sessionId, r.confidence, r.result, r.errorMessage, r.localStatus, r.fingerprint, r.receivedAt, r.receivedBy).changes === 1
    );
  }

  byFingerprint(fingerprint: string): RemoteLivenessResult | undefined {
    const r = this.sql('SELECT * FROM liveness_remote_results WHERE fingerprint = ?').get(fingerprint) as Row | undefined;
    return r && toResult(r);
  }

  forCase(caseId: string): RemoteLivenessResult[] {
    return (this.sql('SELECT * FROM liveness_remote_results WHERE case_id = ? ORDER BY received_at DESC, rowid DESC').all(caseId) as Row[]).map(toResult);
  }
}

function toResult(r: Row): RemoteLivenessResult {
  const verdict = remoteLivenessVerdict(r.result, r.error_message);
  const local = r.local_status === 'PASSED' || r.local_status === 'FAILED' ? r.local_status : null;
  return {
    id: r.id,
    caseId: r.case_id,
    sessionId: r.session_id,
    confidence: r.confidence,
    result: r.result,
    errorMessage: r.error_message,
    verdict,
    localStatus: r.local_status,
    conflict: local !== null && verdict !== 'UNKNOWN' && verdict !== local,
    receivedAt: r.received_at,
    receivedBy: r.received_by,
  };
}
