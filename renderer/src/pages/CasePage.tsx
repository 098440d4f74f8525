import { useOperation } from '../api/useOperation';
import { StatusBadge } from '../components/StatusBadge';
import { EvidenceImage } from '../components/EvidenceImage';
import { ProfileFields } from '../components/ProfileFields';
import { Timeline } from '../components/Timeline';
import { SkeletonBlock } from '../components/Skeleton';
import { AnalysisPanel } from '../components/AnalysisPanel';
import { useSession } from '../store/sessionStore';
import { contract } from '../../../shared/contract';
import { formatAge, formatDateTime, humanise } from '../format/formatAge';
import { navigate } from '../useHashRoute';

export function CasePage({ caseId }: { caseId: string }) {
  const { data, loading, error } = useOperation('cases.get', { id: caseId });
  const role = useSession((s) => s.session?.operator.role);
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
          <strong>This case could not be opened.</strong>
          <span className="muted">{error?.message ?? 'Unknown error'}</span>
          <button type="button" className="button secondary" onClick={() => navigate({ page: 'queue' })}>
            Back to the queue
          </button>
        </div>
      </main>
    );
  }
  const c = data.case;
  const images = data.evidence;
  return (
    <main className="page case-page">
      <button type="button" className="link back" onClick={() => navigate({ page: 'queue' })}>
        ← Queue
      </button>
      <div className="case-header">
        <div>
          <h1>{c.displayName}</h1>
          <div className="case-meta muted">
            <span className={`type-chip type-${c.profileType.toLowerCase()}`}>{c.profileType}</span>
            <span>{data.profile.externalId}</span>
            <span>Submitted {c.submittedAt ? `${formatDateTime(c.submittedAt)} (${formatAge(c.submittedAt)} ago)` : '—'}</span>
            <span>Assignee: {c.assigneeName ?? 'unassigned'}</span>
          </div>
        </div>
        <div className="case-status">
          <StatusBadge status={c.status} />
          <span className="level-chip" title={data.kycLevelMissing.length ? `Next level needs: ${data.kycLevelMissing.join(', ')}` : 'Highest level'}>
            KYC {c.kycLevel}
          </span>
          {c.userModified && <span className="badge warn">User-modified</span>}
        </div>
      </div>
      {data.kycLevelMissing.length > 0 && (
        <p className="hint">Next KYC level needs: {data.kycLevelMissing.join(', ')}.</p>
      )}
      <div className="case-grid">
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile</h2>
          <ProfileFields profile={data.profile} />
        </section>
        <section className="panel" aria-labelledby="docs-title">
          <h2 id="docs-title">Documents</h2>
          {images.length ? (
            <div className="evidence-grid">
              {images.map((e) => (
                <EvidenceImage key={e.id} evidence={e} />
              ))}
            </div>
          ) : (
            <div className="empty-state">
              <strong>No documents yet.</strong>
              <span className="muted">Branch staff add them during onboarding.</span>
            </div>
          )}
        </section>
      </div>
      <AnalysisPanel caseId={c.id} canStart={canAnalyse} />
      <div className="case-grid">
        <section className="panel" aria-labelledby="decisions-title">
          <h2 id="decisions-title">Decisions</h2>
          {data.decisions.length ? (
            <ul className="decisions">
              {data.decisions.map((d) => (
                <li key={d.id} className="decision">
                  <div className="timeline-head">
                    <strong>
                      {humanise(d.action)} → {humanise(d.toStatus)}
                    </strong>
                    <time dateTime={d.at}>{formatDateTime(d.at)}</time>
                  </div>
                  <div className="muted small">
                    {d.actorName}
                    {d.reasonCode && ` · ${d.reasonCode} (${d.reasonKind})`}
                  </div>
                  {d.internalComment && <p className="small">Internal: {d.internalComment}</p>}
                  {d.customerMessage && <p className="small">To customer: {d.customerMessage}</p>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No decision yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Audit timeline</h2>
          <Timeline events={data.timeline} />
        </section>
      </div>
    </main>
  );
}
