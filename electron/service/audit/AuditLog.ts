import type { AuditRepository } from '../repositories/AuditRepository';
import type { AuditEvent, ChainVerification } from '../../../shared/schemas/audit';
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
   * Walks the chain from the start. A row is broken when its link does not point at the
   * previous row's hash, its own hash does not match its content, its sequence skips, or its
   * payload (when not purged) does not match the payload hash.
   */
  verify(): ChainVerification {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    for (const r of this.repo.iterateAll()) {
      const broken = (problem: string): ChainVerification => ({
        valid: false,
        checked,
        headHash: prev,
        firstBroken: { seq: r.seq, problem },
      });
      if (r.seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}`);
      if (r.prev_hash !== prev) return broken('link to the previous row does not match');
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
      if (recomputed !== r.hash) return broken('row content does not match its hash');
      if (r.body !== null && sha256Hex(r.body) !== r.payload_hash) return broken('payload does not match its hash');
      prev = r.hash;
      expectedSeq += 1;
      checked += 1;
    }
    return { valid: true, checked, headHash: checked ? prev : null, firstBroken: null };
  }
}
