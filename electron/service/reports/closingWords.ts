import { CLOSED_STATUSES } from '../../../shared/caseStatus';
import type { AuditEvent } from '../../../shared/schemas/audit';
import type { CaseSummary } from '../../../shared/schemas/case';
import { humanize } from './reportFormat';

/** The change that closed a case when no officer's decision did: the engine, a remote, a schedule. */
interface ClosingChange {
  at: string;
  actorName: string;
  /** Where the status came from: 'didit', 'central', or null (the engine, the expiry schedule). */
  via: string | null;
  /** The remote's session or record the status was imported from. */
  remoteId: string | null;
  /** The engine approved a clean submission itself (kycService result 1). */
  automatic: boolean;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * What closed a closed case, read from its audit events: the last change into its status. Null
 * when the case is open, when an officer's decision made that change (its decision row says
 * it all), or when the events were purged under retention.
 */
function closedWithoutDecision(c: Pick<CaseSummary, 'status'>, events: readonly AuditEvent[]): ClosingChange | null {
  if (!CLOSED_STATUSES.includes(c.status)) return null;
  const closing = events.findLast((e) => e.type === 'case.status_changed' && e.payload?.to === c.status);
  const p = closing?.payload;
  if (!closing || !p || text(p.decisionId)) return null;
  return { at: closing.at, actorName: closing.actorName, via: text(p.via), remoteId: text(p.sessionId) ?? text(p.remoteId), automatic: p.automatic === true };
}

const REMOTE_NAMES: Record<string, string> = { didit: 'Didit', central: 'the central kycService' };

/**
 * What closed a case no officer decided, in words for the report: who or what, from where, and
 * when. Null when the case is open or an officer's decision closed it.
 */
export function closingWords(c: Pick<CaseSummary, 'status'>, events: readonly AuditEvent[]): string | null {
  const change = closedWithoutDecision(c, events);
  if (!change) return null;
  const outcome = humanize(c.status);
  const day = change.at.slice(0, 10);
  if (change.automatic) return `${outcome} automatically by the engine on ${day} (no officer decided)`;
  const remote = change.via ? REMOTE_NAMES[change.via] : undefined;
  if (remote) return `${outcome} in ${remote}${change.remoteId ? ` (${change.remoteId})` : ''}, imported on ${day} (no officer decided here)`;
  return `${outcome} by ${change.actorName} on ${day}`;
}
