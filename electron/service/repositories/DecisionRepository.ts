import type { Db } from '../db/openDatabase';
import { statementCache, type Prepare } from '../db/statementCache';
import type { Decision } from '../../../shared/schemas/decision';

interface DecisionRow {
  id: string;
  case_id: string;
  actor_id: string;
  actor_name: string;
  action: Decision['action'];
  from_status: Decision['fromStatus'];
  to_status: Decision['toStatus'];
  reason_code: Decision['reasonCode'];
  reason_kind: Decision['reasonKind'];
  internal_comment: string;
  customer_message: string;
  resubmit_items: string;
  at: string;
  state: Decision['state'];
  four_eyes_reason: string | null;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: string | null;
  review_comment: string | null;
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    caseId: r.case_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    reasonCode: r.reason_code,
    reasonKind: r.reason_kind,
    internalComment: r.internal_comment,
    customerMessage: r.customer_message,
    resubmitItems: JSON.parse(r.resubmit_items) as Decision['resubmitItems'],
    at: r.at,
    state: r.state,
    fourEyesReason: r.four_eyes_reason,
    reviewerId: r.reviewer_id,
    reviewerName: r.reviewer_name,
    reviewedAt: r.reviewed_at,
    reviewComment: r.review_comment,
  };
}

export class DecisionRepository {
  private readonly sql: Prepare;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  insert(d: Decision): void {
    this.sql(
        `INSERT INTO decisions (id, case_id, actor_id, action, from_status, to_status, reason_code, reason_kind,
           internal_comment, customer_message, resubmit_items, at, state, four_eyes_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        d.id,
        d.caseId,
        d.actorId,
        d.action,
        d.fromStatus,
        d.toStatus,
        d.reasonCode,
        d.reasonKind,
        d.internalComment,
        d.customerMessage,
        JSON.stringify(d.resubmitItems),
        d.at,
        d.state,
        d.fourEyesReason,
      );
  }

  byId(id: string): Decision | undefined {
    const r = this.sql(
      `SELECT d.*, o.display_name AS actor_name, r.display_name AS reviewer_name
       FROM decisions d JOIN operators o ON o.id = d.actor_id LEFT JOIN operators r ON r.id = d.reviewer_id WHERE d.id = ?`,
    ).get(id) as DecisionRow | undefined;
    return r && toDecision(r);
  }

  /** The second reviewer's verdict on a proposed decision. */
  review(id: string, v: { state: 'confirmed' | 'returned'; reviewerId: string; at: string; comment: string }): void {
    this.sql("UPDATE decisions SET state = ?, reviewer_id = ?, reviewed_at = ?, review_comment = ? WHERE id = ? AND state = 'proposed'").run(
      v.state,
      v.reviewerId,
      v.at,
      v.comment,
      id,
    );
  }

  forCase(caseId: string): Decision[] {
    return (
      this.sql(
          `SELECT d.*, o.display_name AS actor_name, r.display_name AS reviewer_name
           FROM decisions d JOIN operators o ON o.id = d.actor_id LEFT JOIN operators r ON r.id = d.reviewer_id
           WHERE d.case_id = ? ORDER BY d.at, d.rowid`,
        )
        .all(caseId) as DecisionRow[]
    ).map(toDecision);
  }
}
