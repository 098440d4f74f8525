import type { AuditEvent } from '../../../shared/schemas/audit';
import { formatDateTime, humanise } from '../format/formatAge';

function describe(e: AuditEvent): string {
  const p = e.payload ?? {};
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  switch (e.type) {
    case 'case.status_changed':
      return `${humanise(str('from') ?? '?')} → ${humanise(str('to') ?? '?')}`;
    case 'evidence.added':
      return `${humanise(str('kind') ?? 'file')} added`;
    case 'profile.field_edited':
      return `${str('field') ?? 'field'} changed${str('reason') ? `: ${str('reason')}` : ''}`;
    case 'case.decision':
      return `${humanise(str('action') ?? '')}${str('reasonCode') ? ` · ${str('reasonCode')}` : ''}`;
    default:
      return humanise(e.type);
  }
}

/** The case's audit events, oldest first, each with its place in the hash chain. */
export function Timeline({ events }: { events: AuditEvent[] }) {
  if (!events.length) return <p className="muted">No events yet.</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className="timeline-item" data-event-type={e.type}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <strong>{describe(e)}</strong>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </div>
            <div className="muted small">
              {e.actorName} · #{e.seq} · <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
