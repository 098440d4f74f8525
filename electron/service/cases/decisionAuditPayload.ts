import type { Decision } from '../../../shared/schemas/decision';

/** What a `case.decision` audit event records: the decision, minus what the row already holds. */
export function decisionAuditPayload(d: Decision): Record<string, unknown> {
  return {
    decisionId: d.id,
    action: d.action,
    reasonCode: d.reasonCode,
    reasonKind: d.reasonKind,
    internalComment: d.internalComment,
    customerMessage: d.customerMessage,
    resubmitItems: d.resubmitItems,
  };
}
