import type { AuditRepository, AuditRow } from '../repositories/AuditRepository';
import type { AuditEventType } from '../../../shared/auditEventTypes';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_INTERVAL, PURGE_EVENT_TYPE, type AuditBreakCode, type AuditEvent, type ChainVerification } from '../../../shared/schemas/audit';
import { auditAnchorSchema, type AuditAnchor } from '../../../shared/schemas/auditAnchor';
import { anchorSignatureValid, type AuditSigner } from './auditSigner';
import { GENESIS_HASH, chainHash, payloadHash, sha256Hex } from './hashChain';
import { canonicalJson } from './canonicalJson';
import { SYSTEM_ACTOR_NAMES } from '../../../shared/systemActors';

export interface AuditActor {
  id: string | null;
  name: string;
}

export interface AppendInput {
  at: string;
  actor: AuditActor;
  type: AuditEventType;
  caseId?: string | null;
  profileId?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * The append-only, hash-chained audit log. Appends must run inside the caller's
 * transaction so an event is written exactly when the change it describes is.
 */
export class AuditLog {
  /** The newest checkpoint's sequence number, read once (this process is the only writer). */
  private lastCheckpoint: number | null = null;

  /** `signer`: the folder's audit signer (the service's); absent where the log is only verified (a backup, a tool). */
  constructor(
    private readonly repo: AuditRepository,
    private readonly signer?: () => AuditSigner,
    /** Told of every checkpoint, in its transaction (the central server's outbox). */
    private readonly onCheckpoint?: (anchor: AuditAnchor) => void,
  ) {}

  /** Appends an event, and a signed checkpoint after every CHECKPOINT_INTERVAL events. */
  append(e: AppendInput): AuditEvent {
    const event = this.insert(e);
    if (this.signer) {
      this.lastCheckpoint ??= this.repo.latestOfType(CHECKPOINT_EVENT_TYPE, 1)[0]?.seq ?? 0;
      if (event.seq - this.lastCheckpoint >= CHECKPOINT_INTERVAL) this.checkpoint(e.at);
    }
    return event;
  }

  private insert(e: AppendInput): AuditEvent {
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
   * retention purge removes payloads, and its tombstone event lists which). With the folder's
   * public key, checkpoints are checked too: each must be signed by that key over the head just
   * before it, and no more than CHECKPOINT_INTERVAL events may follow one (a rewrite that drops
   * the checkpoints it cannot re-sign leaves that gap).
   */
  verify(publicKey: string | null = null): ChainVerification {
    return walk(this.repo.iterateAll(), { prev: GENESIS_HASH, seq: 1, publicKey, fromCheckpoint: null });
  }

  /**
   * Verifies from the newest signed checkpoint instead of the first event: the checkpoint's
   * signature and its head (the chain must still hold that hash at that sequence number) vouch
   * for everything up to it; the events after it are re-hashed. What a case report does, in
   * milliseconds at a million events; `verify` (audit:verify) still walks the whole chain.
   */
  verifyFromCheckpoint(publicKey: string): ChainVerification {
    const row = this.repo.latestOfType(CHECKPOINT_EVENT_TYPE, 1)[0];
    if (!row) return this.verify(publicKey);
    const anchor = anchorOf(row);
    const problem = checkpointProblem(row, anchor, this.repo.hashAt(row.seq - 1), publicKey);
    if (problem || !anchor) return broken(row.seq - 1, row.seq - 1 > 0 ? anchor?.head ?? null : null, 0, { seq: row.seq, ...(problem ?? { problem: 'unreadable checkpoint', code: 'CHECKPOINT_INVALID' }) });
    return walk(this.repo.iterateFrom(anchor.seq + 1), { prev: anchor.head, seq: anchor.seq + 1, publicKey, fromCheckpoint: anchor.seq });
  }

  /** At start-up: a chain with events but no checkpoint (a store from before them) gets one now. */
  checkpointIfNone(at: string): void {
    if (this.signer && this.repo.lastLink() && !this.repo.latestOfType(CHECKPOINT_EVENT_TYPE, 1)[0]) this.checkpoint(at);
  }

  /**
   * A verification made from a checkpoint, completed for one case's report: every event of the
   * case (the ones the report prints) is re-hashed too, also those the checkpoint vouches for,
   * so a row of the case edited in place is named even when it lies before the checkpoint.
   */
  recheckCase(chain: ChainVerification, caseId: string): ChainVerification {
    if (!chain.valid) return chain;
    for (const r of this.repo.rowsForCase(caseId)) {
      const problem = rowProblem(r, r.seq, r.prev_hash);
      if (problem) return { ...broken(chain.checked, chain.headHash, chain.purgedPayloads, { seq: r.seq, ...problem }), ...(chain.fromCheckpoint === undefined ? {} : { fromCheckpoint: chain.fromCheckpoint }) };
    }
    return chain;
  }

  /**
   * Signs the chain's head with the folder's key and records the signature as an event of its
   * own; returns the anchor (for a report or a manifest to carry). Call inside a transaction.
   */
  checkpoint(at: string): AuditAnchor | null {
    const signer = this.signer?.();
    const last = this.repo.lastLink();
    if (!signer || !last) return null;
    const anchor = signer.anchor(last.seq, last.hash, at);
    this.lastCheckpoint = this.insert({ at, actor: { id: null, name: SYSTEM_ACTOR_NAMES.system }, type: CHECKPOINT_EVENT_TYPE, payload: { ...anchor } }).seq;
    this.onCheckpoint?.(anchor);
    return anchor;
  }
}

interface WalkStart {
  prev: string;
  seq: number;
  publicKey: string | null;
  fromCheckpoint: number | null;
}

function walk(rows: Iterable<AuditRow>, start: WalkStart): ChainVerification {
  let prev = start.prev;
  let expectedSeq = start.seq;
  let checked = start.seq - 1;
  let sinceCheckpoint = 0;
  // Events before a store's first checkpoint are from before checkpoints existed; the rule holds after it.
  let seenCheckpoint = start.fromCheckpoint !== null;
  let hardBreak: { seq: number; problem: string; code: AuditBreakCode; headHash: string } | null = null;
  /** Rows without a payload, with the head hash before each (for the report if it is the break). */
  const missing: { seq: number; headHash: string }[] = [];
  const covered = new Set<number>();
  for (const r of rows) {
    // Past a break only tombstones are read, so a purge recorded later is not mistaken for tampering.
    if (r.type === PURGE_EVENT_TYPE && r.body !== null) for (const seq of purgedSeqsOf(r.body)) if (seq < r.seq) covered.add(seq);
    if (hardBreak) continue;
    let problem = rowProblem(r, expectedSeq, prev);
    // A checkpoint whose payload is gone is judged as any missing payload (below), and vouches for nothing.
    const isCheckpoint = r.type === CHECKPOINT_EVENT_TYPE && r.body !== null;
    if (!problem && isCheckpoint) problem = checkpointProblem(r, anchorOf(r), prev, start.publicKey);
    if (!problem && start.publicKey !== null && seenCheckpoint && !isCheckpoint && sinceCheckpoint >= CHECKPOINT_INTERVAL) {
      problem = { problem: `more than ${CHECKPOINT_INTERVAL} events follow the last signed checkpoint`, code: 'CHECKPOINT_MISSING' };
    }
    if (problem) {
      hardBreak = { seq: r.seq, ...problem, headHash: prev };
      continue;
    }
    if (isCheckpoint) seenCheckpoint = true;
    sinceCheckpoint = isCheckpoint ? 0 : sinceCheckpoint + 1;
    if (r.body === null) missing.push({ seq: r.seq, headHash: prev });
    prev = r.hash;
    expectedSeq += 1;
    checked += 1;
  }
  // Only a walk that started at a checkpoint says so; a full walk's answer keeps its old shape.
  const from = start.fromCheckpoint === null ? {} : { fromCheckpoint: start.fromCheckpoint };
  // A payload deleted without a tombstone is tampering, even though every hash still holds.
  const unrecorded = missing.find((m) => !covered.has(m.seq));
  if (unrecorded) {
    return {
      ...broken(unrecorded.seq - 1, unrecorded.seq > 1 ? unrecorded.headHash : null, missing.filter((m) => m.seq < unrecorded.seq).length, {
        seq: unrecorded.seq,
        problem: 'payload is missing and no purge tombstone records its removal',
        code: 'PAYLOAD_MISSING',
      }),
      ...from,
    };
  }
  // The folder signs its chain (it has a key), yet no checkpoint is left: they were removed.
  if (!hardBreak && start.publicKey !== null && !seenCheckpoint && checked > 0) {
    hardBreak = { seq: checked, problem: "the folder signs its chain, yet no signed checkpoint is left in it", code: 'CHECKPOINT_MISSING', headHash: prev };
  }
  if (hardBreak) {
    return { ...broken(checked, checked ? hardBreak.headHash : null, missing.length, { seq: hardBreak.seq, problem: hardBreak.problem, code: hardBreak.code }), ...from };
  }
  return { valid: true, checked, headHash: checked ? prev : null, purgedPayloads: missing.length, firstBroken: null, ...from };
}

function broken(checked: number, headHash: string | null, purgedPayloads: number, firstBroken: NonNullable<ChainVerification['firstBroken']>): ChainVerification {
  return { valid: false, checked, headHash, purgedPayloads, firstBroken };
}

function anchorOf(r: AuditRow): AuditAnchor | null {
  if (r.body === null) return null;
  try {
    const parsed = auditAnchorSchema.safeParse(JSON.parse(r.body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A checkpoint event must sign the head just before it, with the folder's key when it is
 * known (else with the key it names, which at least proves it was not edited since).
 */
function checkpointProblem(r: AuditRow, anchor: AuditAnchor | null, headBefore: string | null, publicKey: string | null): { problem: string; code: AuditBreakCode } | null {
  if (!anchor) return { problem: 'checkpoint payload is unreadable', code: 'CHECKPOINT_INVALID' };
  if (!anchorSignatureValid(anchor) || (publicKey !== null && anchor.publicKey !== publicKey)) {
    return { problem: "checkpoint is not signed by this data folder's key", code: 'CHECKPOINT_INVALID' };
  }
  if (anchor.seq !== r.seq - 1 || anchor.head !== headBefore) {
    return { problem: `the chain no longer holds the head checkpoint #${r.seq} signed at event #${anchor.seq}: it was rewritten`, code: 'CHECKPOINT_MISMATCH' };
  }
  return null;
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
