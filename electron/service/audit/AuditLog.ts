import type { AuditRepository, AuditRow } from '../repositories/AuditRepository';
import { PURGE_EVENT_TYPE, type AuditBreakCode, type AuditEvent, type ChainVerification } from '../../../shared/schemas/audit';
import { GENESIS_HASH, chainHash, payloadHash, sha256Hex } from './hashChain';
import { canonicalJson } from './canonicalJson';

export interface AuditActor {
  id: string | null;
  name: string;
}

export interface AppendInput {
  at: string;
  actor: AuditActor;
  type: string;
  caseId?: string | null;
  profileId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * The append-only, hash-chained audit log. Appends must run inside the caller's
 * transaction so an event is written exactly when the change it describes is.
 */
export class AuditLog {
  constructor(private readonly repo: AuditRepository) {}

  append(e: AppendInput): AuditEvent {
    const last = this.repo.lastLink();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const payload = e.payload ?? {};
    const body = canonicalJson(payload);
    const fields = {
      seq,
      at: e.at,
      actorId: e.actor.id,
      actorName: e.actor.name,
      type: e.type,
      caseId: e.caseId ?? null,
      profileId: e.profileId ?? null,
      payloadHash: payloadHash(payload),
    };
    const hash = chainHash(prevHash, fields);
    this.repo.insert(
      {
        seq,
        at: fields.at,
        actor_id: fields.actorId,
        actor_name: fields.actorName,
        type: fields.type,
        case_id: fields.caseId,
        profile_id: fields.profileId,
        payload_hash: fields.payloadHash,
        prev_hash: prevHash,
        hash,
      },
      body,
    );
    return { ...fields, payload, prevHash, hash };
  }

  /**
   * Walks the chain from the start. A row is broken when its sequence skips, its link does not
   * point at the previous row's hash, its own hash does not match its content, its payload does
   * not match the payload hash, or its payload is gone without a purge tombstone naming it (a
   * retention purge removes payloads, and its tombstone event lists which).
   */
  verify(): ChainVerification {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let hardBreak: { seq: number; problem: string; code: AuditBreakCode; headHash: string } | null = null;
    /** Rows without a payload, with the head hash before each (for the report if it is the break). */
    const missing: { seq: number; headHash: string }[] = [];
    const covered = new Set<number>();
    for (const r of this.repo.iterateAll()) {
      // Past a break only tombstones are read, so a purge recorded later is not mistaken for tampering.
      if (r.type === PURGE_EVENT_TYPE && r.body !== null) for (const seq of purgedSeqsOf(r.body)) if (seq < r.seq) covered.add(seq);
      if (hardBreak) continue;
      const problem = rowProblem(r, expectedSeq, prev);
      if (problem) {
        hardBreak = { seq: r.seq, ...problem, headHash: prev };
        continue;
      }
      if (r.body === null) missing.push({ seq: r.seq, headHash: prev });
      prev = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    // A payload deleted without a tombstone is tampering, even though every hash still holds.
    const unrecorded = missing.find((m) => !covered.has(m.seq));
    if (unrecorded) {
      return {
        valid: false,
        checked: unrecorded.seq - 1,
        headHash: unrecorded.seq > 1 ? unrecorded.headHash : null,
        purgedPayloads: missing.filter((m) => m.seq < unrecorded.seq).length,
        firstBroken: { seq: unrecorded.seq, problem: 'payload is missing and no purge tombstone records its removal', code: 'PAYLOAD_MISSING' },
      };
    }
    if (hardBreak) {
      return {
        valid: false,
        checked,
        headHash: checked ? hardBreak.headHash : null,
        purgedPayloads: missing.length,
        firstBroken: { seq: hardBreak.seq, problem: hardBreak.problem, code: hardBreak.code },
      };
    }
    return { valid: true, checked, headHash: checked ? prev : null, purgedPayloads: missing.length, firstBroken: null };
  }
}

function rowProblem(r: AuditRow, expectedSeq: number, prev: string): { problem: string; code: AuditBreakCode } | null {
  if (r.seq !== expectedSeq) return { problem: `sequence gap: expected ${expectedSeq}`, code: 'SEQUENCE_GAP' };
  if (r.prev_hash !== prev) return { problem: 'link to the previous row does not match', code: 'LINK_MISMATCH' };
  const recomputed = chainHash(prev, {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    type: r.type,
    caseId: r.case_id,
    profileId: r.profile_id,
    payloadHash: r.payload_hash,
  });
  if (recomputed !== r.hash) return { problem: 'row content does not match its hash', code: 'ROW_HASH_MISMATCH' };
  if (r.body !== null && sha256Hex(r.body) !== r.payload_hash) return { problem: 'payload does not match its hash', code: 'PAYLOAD_HASH_MISMATCH' };
  return null;
}

/** The rows a tombstone says it purged; a malformed tombstone covers nothing. */
function purgedSeqsOf(body: string): number[] {
  try {
    const seqs = (JSON.parse(body) as { purgedPayloadSeqs?: unknown }).purgedPayloadSeqs;
    return Array.isArray(seqs) ? seqs.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}
