import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../shared/schemas/audit';
import { formatDateTime, humanise } from '../format/formatAge';

const EVENT_KEYS: Record<string, string> = {
  'profile.created': 'profileCreated',
  'analysis.requested': 'analysisRequested',
  'analysis.cancelled': 'analysisCancelled',
  'case.assigned': 'caseAssigned',
  'case.second_review': 'secondReview',
  'case.flagged': 'caseFlagged',
  'analysis.cross_checks_rerun': 'crossChecksRerun',
  'blocklist.added': 'blocklistAdded',
  'blocklist.removed': 'blocklistRemoved',
  'document.confirmed': 'documentConfirmed',
  'intake.begun': 'intakeBegun',
  'intake.consent_recorded': 'consentRecorded',
  'intake.document_added': 'intakeDocumentAdded',
  'intake.draft_saved': 'draftSaved',
  'intake.agreements_accepted': 'agreementsAccepted',
  'intake.submitted': 'intakeSubmitted',
  'liveness.started': 'livenessStarted',
  'liveness.verified': 'livenessVerified',
  'liveness.callback': 'livenessCallback',
  'liveness.remote_result': 'livenessRemoteResult',
  'report.exported': 'reportExported',
  'retention.hold_set': 'holdSet',
  'retention.hold_cleared': 'holdCleared',
  'retention.erasure_requested': 'erasureRequested',
  'retention.erasure_refused': 'erasureRefused',
  'retention.erasure_executed': 'erasureExecuted',
  'api.request': 'apiRequest',
};

function describe(e: AuditEvent, t: TFunction): string {
  const p = e.payload ?? {};
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  switch (e.type) {
    case 'case.status_changed':
      return t('event.statusChanged', { from: t(`status.${str('from') ?? ''}`), to: t(`status.${str('to') ?? ''}`) });
    case 'evidence.added':
      return t('event.evidenceAdded', { kind: t(`evidence.${str('kind') ?? 'SUPPLEMENTARY'}`) });
    case 'profile.field_edited':
      return `${t('event.fieldEdited', { field: str('field') ?? '?' })}${str('reason') ? `: ${str('reason')}` : ''}`;
    case 'case.decision':
      return `${t('event.decision', { action: t(`action.${str('action') ?? 'approve'}`) })}${str('reasonCode') ? ` · ${str('reasonCode')}` : ''}`;
    case 'analysis.completed':
      return t('event.analysisCompleted', { recommendation: t(`recommendation.${str('recommendation') ?? 'MANUAL_REVIEW'}`) });
    default:
      return t(`event.${EVENT_KEYS[e.type] ?? 'none'}`, { defaultValue: humanise(e.type) });
  }
}

/** The case's audit events, oldest first, each with its place in the hash chain. */
export function Timeline({ events }: { events: AuditEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return <p className="muted">{t('case.noEvents')}</p>;
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.seq} className="timeline-item" data-event-type={e.type}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <div className="timeline-head">
              <strong>{describe(e, t)}</strong>
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
