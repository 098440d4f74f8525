import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { AuditAnchor } from '../../../shared/schemas/auditAnchor';
import type { ReceivedAnchor } from '../../../shared/contracts/anchorContract';

interface Row {
  key_id: string;
  seq: number;
  head: string;
  signed_at: string;
  received_at: string;
  conflict: number;
}

/** Other workstations' signed checkpoints, as sync brought them (a central server keeps its branches'). */
export class ReceivedAnchorRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /**
   * Keeps an anchor: `known` when the same one arrived before, `conflict` when another head was
   * signed for the same event (the sender's chain was rewritten), else `recorded`.
   */
  record(id: string, a: AuditAnchor, from: string | null, now: string): 'recorded' | 'known' | 'conflict' {
    const heads = (this.sql('SELECT head FROM received_anchors WHERE key_id = ? AND seq = ?').all(a.keyId, a.seq) as { head: string }[]).map((r) => r.head);
    if (heads.includes(a.head)) return 'known';
    const conflict = heads.length > 0;
    this.sql(
      `INSERT INTO received_anchors (id, key_id, seq, head, signed_at, public_key, signature, received_at, received_from, conflict)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, a.keyId, a.seq, a.head, a.at, a.publicKey, a.signature, now, from, conflict ? 1 : 0);
    if (conflict) this.sql('UPDATE received_anchors SET conflict = 1 WHERE key_id = ? AND seq = ?').run(a.keyId, a.seq);
    return conflict ? 'conflict' : 'recorded';
  }

  list(): ReceivedAnchor[] {
    return (this.sql('SELECT key_id, seq, head, signed_at, received_at, conflict FROM received_anchors ORDER BY key_id, seq, received_at').all() as Row[]).map((r) => ({
      keyId: r.key_id,
      seq: r.seq,
      head: r.head,
      signedAt: r.signed_at,
      receivedAt: r.received_at,
      conflict: r.conflict === 1,
    }));
  }
}
