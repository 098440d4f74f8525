import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/schemas/audit';
import { actorLabel } from '../format/actorLabel';
import { formatDateTime } from '../format/formatDateTime';
import { describeAuditEvent } from './describeAuditEvent';

/** The case's audit events, oldest first, each with its place in the hash chain. */
export function Timeline({ events, caseName }: { events: AuditEvent[]; caseName?: (caseId: string) => string | undefined }) {
  const { t } = useTranslation();
  if (!events.length) return <p className="muted">{t('case.noEvents')}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className="timeline-item" data-event-type={e.type}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <strong>{describeAuditEvent(e, t, { caseName })}</strong>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </div>
            <div className="muted small">
              {actorLabel(e, t)} · #{e.seq} · <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
