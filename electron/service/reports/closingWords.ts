import { closingChange } from '../../../shared/closingChange';
import type { AuditEvent } from '../../../shared/schemas/audit';
import type { CaseSummary } from '../../../shared/schemas/case';
import { humanize } from './reportFormat';

const REMOTE_NAMES: Record<string, string> = { didit: 'Didit', central: 'the central kycService' };

/**
 * What closed a case no officer decided, in words for the report: who or what, from where, and
 * when. Null when the case is open or an officer's decision closed it.
 */
export function closingWords(c: Pick<CaseSummary, 'status'>, events: readonly AuditEvent[]): string | null {
  const change = closingChange(c.status, events);
  if (!change) return null;
  const outcome = humanize(c.status);
  const day = change.at.slice(0, 10);
  if (change.automatic) return `${outcome} automatically by the engine on ${day} (no officer decided)`;
  const remote = change.via ? REMOTE_NAMES[change.via] : undefined;
  // The remote's own word where it says more than ours ("Kyc Expired": the verified document expired).
  const word = change.remoteStatus && change.remoteStatus.toLowerCase() !== outcome.toLowerCase() ? ` as "${change.remoteStatus}"` : '';
  if (remote) return `${outcome} in ${remote}${change.remoteId ? ` (${change.remoteId})` : ''}${word}, imported on ${day} (no officer decided here)`;
  return `${outcome} by ${change.actorName} on ${day}`;
}
