import { createHash } from 'node:crypto';

/** The inbox kind of a Didit state, from a webhook or a poll. */
export const DIDIT_DECISION_EVENT = 'didit.decision';

/** Whole seconds: Didit's webhooks stamp in seconds, and our own stamps must compare with them. */
export const secondsIso = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

/** Webhooks carry no event id: a state is named by its session, status and time. */
export function diditEventId(source: 'webhook' | 'poll', sessionId: string, status: string, at: string): string {
  return createHash('sha256').update(`${source}|${sessionId}|${status}|${at}`).digest('hex');
}
