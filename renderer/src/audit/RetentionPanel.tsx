import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { callOrToast, useOperation } from '../api/useOperation';
import { SkeletonBlock } from '../components/Skeleton';
import { StatusBadge } from '../components/StatusBadge';
import { useSession } from '../store/sessionStore';
import { routeHash } from '../useHashRoute';

const allowed = (op: 'retention.purge', role: string | undefined) => role !== undefined && (contract[op].roles as readonly string[]).includes(role);

function CaseLink({ id }: { id: string }) {
  return (
    <a className="link" href={routeHash({ page: 'case', caseId: id })}>
      <code>{id.slice(0, 8)}</code>
    </a>
  );
}

/** Retention at a glance: what is due, what blocks it, holds, erasure requests and past purges. */
export function RetentionPanel() {
  const { t, i18n } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const preview = useOperation('retention.preview', {});
  const holds = useOperation('retention.legalHolds', {});
  const erasures = useOperation('retention.erasureRequests', {});
  const tombstones = useOperation('retention.tombstones', {});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const day = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(iso));

  if (!preview.data) return <SkeletonBlock lines={6} />;
  const p = preview.data;
  const ready = p.due.filter((d) => !d.blockedBy);

  const purge = async () => {
    if (!window.confirm(t('auditLog.retention.confirm', { count: ready.length }))) return;
    setBusy(true);
    const r = await callOrToast('retention.purge', {});
    setBusy(false);
    if (!r) return;
    setOutcome(`${t('auditLog.retention.purged', { count: r.purged.length })}${r.skipped.length ? ` ${t('auditLog.retention.skipped', { count: r.skipped.length })}` : ''}`);
    preview.reload();
    tombstones.reload();
  };

  return (
    <div className="retention">
      <p className="hint">{t('auditLog.retention.intro', { years: p.retentionYears, version: p.policyVersion })}</p>
      <section className="panel">
        <div className="panel-head">
          <h2>
            {t('auditLog.retention.due')} <span className="muted small">{t('auditLog.retention.dueCount', { count: p.due.length })}</span>
          </h2>
          {allowed('retention.purge', role) && (
            <button type="button" className="button primary" disabled={busy || ready.length === 0} onClick={() => void purge()}>
              {busy ? t('auditLog.retention.purging') : t('auditLog.retention.purge', { count: ready.length })}
            </button>
          )}
        </div>
        {outcome && (
          <p className="retention-outcome" role="status">
            {outcome}
          </p>
        )}
        {p.due.length === 0 ? (
          <p className="muted">{t('auditLog.retention.noneDue')}</p>
        ) : (
          <table className="queue-table retention-table">
            <thead>
              <tr>
                <th>{t('auditLog.columns.case')}</th>
                <th>{t('auditLog.retention.status')}</th>
                <th>{t('auditLog.retention.closedAt')}</th>
                <th>{t('auditLog.retention.purgeableFrom')}</th>
                <th className="num">{t('auditLog.retention.files')}</th>
                <th>{t('auditLog.retention.ready')}</th>
              </tr>
            </thead>
            <tbody>
              {p.due.map((d) => (
                <tr key={d.caseId} className={d.blockedBy ? 'blocked' : undefined}>
                  <td>
                    <CaseLink id={d.caseId} />
                  </td>
                  <td>
                    <StatusBadge status={d.status} />
                  </td>
                  <td>{day(d.closedAt)}</td>
                  <td>{day(d.purgeableFrom)}</td>
                  <td className="num">{d.evidenceFiles}</td>
                  <td>
                    {d.blockedBy ? (
                      <span className="badge warn" title={d.legalHold?.reason ?? d.blockedBy.message}>
                        {t('auditLog.retention.blocked')}: {d.blockedBy.message}
                      </span>
                    ) : (
                      <span className="badge status-approved">{t('auditLog.retention.ready')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="retention-grid">
        <section className="panel">
          <h2>{t('auditLog.retention.holds')}</h2>
          {!holds.data ? (
            <SkeletonBlock lines={2} />
          ) : holds.data.length === 0 ? (
            <p className="muted">{t('auditLog.retention.noHolds')}</p>
          ) : (
            <ul className="retention-list">
              {holds.data.map((h) => (
                <li key={h.caseId}>
                  <CaseLink id={h.caseId} /> — {h.reason}
                  <div className="muted small">{t('auditLog.retention.heldBy', { name: h.setByName, date: day(h.setAt) })}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel">
          <h2>{t('auditLog.retention.erasures')}</h2>
          {!erasures.data ? (
            <SkeletonBlock lines={2} />
          ) : erasures.data.length === 0 ? (
            <p className="muted">{t('auditLog.retention.noErasures')}</p>
          ) : (
            <ul className="retention-list">
              {erasures.data.map((r) => (
                <li key={r.id}>
                  <CaseLink id={r.caseId} /> <span className={`badge erasure-${r.status.toLowerCase()}`}>{t(`auditLog.retention.${r.status}`)}</span> {r.reason}
                  <div className="muted small">
                    {t('auditLog.retention.received')} {day(r.receivedAt)}
                    {r.refusal && ` · ${r.refusal.code}: ${r.refusal.message}`}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="panel">
        <h2>{t('auditLog.retention.tombstones')}</h2>
        {!tombstones.data ? (
          <SkeletonBlock lines={2} />
        ) : tombstones.data.length === 0 ? (
          <p className="muted">{t('auditLog.retention.noTombstones')}</p>
        ) : (
          <table className="queue-table retention-table">
            <thead>
              <tr>
                <th>{t('auditLog.columns.case')}</th>
                <th>{t('auditLog.retention.basis')}</th>
                <th>{t('auditLog.retention.purgedAt')}</th>
                <th className="num">{t('auditLog.retention.files')}</th>
                <th>{t('auditLog.retention.auditSeq')}</th>
                <th>{t('auditLog.columns.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {tombstones.data.map((s) => (
                <tr key={s.caseId}>
                  <td>
                    <code>{s.caseId.slice(0, 8)}</code>
                  </td>
                  <td>{t(`auditLog.retention.${s.basis}`)}</td>
                  <td>{day(s.purgedAt)}</td>
                  <td className="num">{s.counts.evidenceFilesDeleted}</td>
                  <td className="num">#{s.auditSeq}</td>
                  <td>
                    <code title={s.removedDigest}>{s.removedDigest.slice(0, 12)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
