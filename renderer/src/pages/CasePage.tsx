import { useTranslation } from 'react-i18next';
import { useOperation } from '../api/useOperation';
import { StatusBadge } from '../components/StatusBadge';
import { EvidenceImage } from '../components/EvidenceImage';
import { ProfileFields } from '../components/ProfileFields';
import { Timeline } from '../components/Timeline';
import { SkeletonBlock } from '../components/Skeleton';
import { AnalysisPanel } from '../components/AnalysisPanel';
import { DecisionBar } from '../components/DecisionBar';
import { ScreeningPanel } from '../components/ScreeningPanel';
import { SanctionsPanel } from '../components/SanctionsPanel';
import { CompareButton } from '../components/CompareButton';
import { MrzStrip } from '../components/MrzStrip';
import { LivenessPanel } from '../components/LivenessPanel';
import { useSession } from '../store/sessionStore';
import { contract } from '../../../shared/contract';
import { compactAge } from '../format/compactAge';
import { formatDateTime } from '../format/formatDateTime';
import { fourEyesWords, reasonCodeWords } from '../format/decisionWords';
import { navigate } from '../useHashRoute';
import { CasePdfButton } from '../exports/CasePdfButton';
import { LegalHoldControl } from '../components/LegalHoldControl';
import { ExpiredNotice } from '../components/ExpiredNotice';
import { OwnerAlertNotice } from '../components/OwnerAlertNotice';
import { CaseSyncPanel } from '../sync/CaseSyncPanel';
import { ClosedWithoutDecision } from '../components/ClosedWithoutDecision';
import { closingChange } from '../../../shared/closingChange';


export function CasePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { data, loading, error, reload } = useOperation('cases.get', { id: caseId });
  const role = useSession((s) => s.session?.operator.role);
  const me = useSession((s) => s.session?.operator.id);
  const canAnalyse = role !== undefined && (contract['analysis.start'].roles as readonly string[]).includes(role);

  if (loading && !data) {
    return (
      <main className="page case-page">
        <SkeletonBlock lines={3} />
        <div className="case-grid">
          <SkeletonBlock lines={10} />
          <SkeletonBlock lines={10} />
        </div>
      </main>
    );
  }
  if (!data) {
    return (
      <main className="page case-page">
        <div className="empty-state">
          <strong>{t('case.cannotOpen')}</strong>
          <span className="muted">{error?.message ?? ''}</span>
          <button type="button" className="button secondary" onClick={() => navigate({ page: 'queue' })}>
            {t('case.backToQueue')}
          </button>
        </div>
      </main>
    );
  }
  const c = data.case;
  const images = data.evidence;
  const closing = closingChange(c.status, data.timeline);
  const missing = data.kycLevelMissing.map((key) => t(`kycMissing.${key}`)).join(t('case.listSeparator'));
  return (
    <main className="page case-page">
      <button type="button" className="link back" onClick={() => navigate({ page: 'queue' })}>
        {t('case.back')}
      </button>
      <div className="case-header">
        <div>
          <h1>{c.displayName}</h1>
          <div className="case-meta muted">
            <span className={`type-chip type-${c.profileType.toLowerCase()}`}>{t(`profileType.${c.profileType}`)}</span>
            <span>{data.profile.externalId}</span>
            <span>
              {t('case.submitted')} {c.submittedAt ? `${formatDateTime(c.submittedAt)} (${t('case.ago', { age: compactAge(c.submittedAt, t) })})` : '—'}
            </span>
            <span>
              {t('case.assignee')}
              {t('case.colon')}
              {c.assigneeName ?? t('case.unassigned')}
            </span>
          </div>
        </div>
        <div className="case-status">
          <StatusBadge status={c.status} />
          <span className="level-chip" title={data.kycLevelMissing.length ? t('case.nextLevel', { items: missing }) : t('case.highestLevel')}>
            KYC {c.kycLevel}
          </span>
          {c.userModified && <span className="badge warn">{t('case.userModified')}</span>}
          <CasePdfButton caseId={c.id} />
          <LegalHoldControl caseId={c.id} />
        </div>
      </div>
      <ExpiredNotice caseId={c.id} status={c.status} closing={closing} onRestarted={reload} />
      <OwnerAlertNotice summary={c} owners={data.owners} />
      {data.kycLevelMissing.length > 0 && (
        <p className="hint">{t('case.nextLevel', { items: missing })}</p>
      )}
      <div className="case-grid">
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('case.profile')}</h2>
          <ProfileFields
            profile={data.profile}
            owners={data.owners}
            ownerOf={data.ownerOf}
            edit={
              (role === 'officer' || role === 'senior_officer') && c.assigneeId === me && ['SUBMITTED', 'IN_REVIEW'].includes(c.status)
                ? { caseId: c.id, version: c.version, onSaved: reload }
                : undefined
            }
          />
        </section>
        <section className="panel" aria-labelledby="docs-title">
          <div className="panel-head">
            <h2 id="docs-title">{t('case.documents')}</h2>
            <CompareButton detail={data} />
          </div>
          {images.length ? (
            <div className="evidence-grid">
              {images.map((e) => (
                <EvidenceImage key={e.id} evidence={e} />
              ))}
            </div>
          ) : (
            <div className="empty-state">
              <strong>{t('case.noDocuments')}</strong>
              <span className="muted">{t('case.noDocumentsHint')}</span>
            </div>
          )}
          <MrzStrip mrz={data.analysis?.mrz} />
        </section>
      </div>
      <DecisionBar detail={data} reload={reload} />
      <CaseSyncPanel caseId={c.id} version={c.version} profile={data.profile} />
      <ScreeningPanel detail={data} reload={reload} />
      <SanctionsPanel detail={data} reload={reload} />
      <AnalysisPanel caseId={c.id} canStart={canAnalyse} onFinished={reload} />
      <LivenessPanel caseId={c.id} />
      <div className="case-grid">
        <section className="panel" aria-labelledby="decisions-title">
          <h2 id="decisions-title">{t('case.decisions')}</h2>
          {closing && <ClosedWithoutDecision status={c.status} change={closing} />}
          {data.decisions.length ? (
            <ul className="decisions">
              {data.decisions.map((d) => (
                <li key={d.id} className="decision" data-state={d.state}>
                  <div className="timeline-head">
                    <strong className={d.state === 'returned' ? 'not-applied' : undefined}>
                      {t(`action.${d.action}`)} → {t(`status.${d.toStatus}`)}
                    </strong>
                    <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                  </div>
                  <div className="muted small">
                    {d.actorName}
                    {d.reasonCode && (
                      <>
                        {' · '}
                        {reasonCodeWords(d.reasonCode, d.reasonKind, t)} <code className="reason-code">{d.reasonCode}</code>
                      </>
                    )}
                  </div>
                  {/* A four-eyes decision is a proposal until a second officer confirms it: never shown as if it had taken effect. */}
                  {d.state !== 'final' && (
                    <p className={`small decision-state ${d.state}`}>
                      {d.state === 'proposed'
                        ? t('case.decisionProposed', { reason: fourEyesWords(d.fourEyesReason, t) })
                        : t(d.state === 'confirmed' ? 'case.decisionConfirmed' : 'case.decisionReturned', {
                            name: d.reviewerName ?? '',
                            at: d.reviewedAt ? formatDateTime(d.reviewedAt) : '',
                          })}
                      {d.reviewComment && ` ${t('case.reviewComment', { comment: d.reviewComment })}`}
                    </p>
                  )}
                  {d.internalComment && (
                    <p className="small">
                      {t('case.internal')}
                      {t('case.colon')}
                      {d.internalComment}
                    </p>
                  )}
                  {d.customerMessage && (
                    <p className="small">
                      {t('case.toCustomer')}
                      {t('case.colon')}
                      {d.customerMessage}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            !closing && <p className="muted">{t('case.noDecision')}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('case.timeline')}</h2>
          <Timeline events={data.timeline} caseName={(id) => data.owners.find((o) => o.caseId === id)?.displayName ?? undefined} />
        </section>
      </div>
    </main>
  );
}
