import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import { callOrToast, useOperation } from '../api/useOperation';
import { SkeletonBlock } from '../components/Skeleton';
import { StatusBadge } from '../components/StatusBadge';
import { useSession } from '../store/sessionStore';
import { routeHash } from '../useHashRoute';
import { CaseReasonForm } from './CaseReasonForm';
import { useTextPrompt } from '../components/TextPromptDialog';
import { MAX_RETENTION_REASON } from '../../../shared/contracts/retentionContract';

type RetentionAction = 'retention.purge' | 'retention.setLegalHold' | 'retention.clearLegalHold' | 'retention.requestErasure' | 'retention.executeErasure';
const allowed = (op: RetentionAction, role: string | undefined) => role !== undefined && (contract[op].roles as readonly string[]).includes(role);

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
  const prompt = useTextPrompt();
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

  const setHold = async (caseId: string, reason: string) => {
    const ok = (await callOrToast('retention.setLegalHold', { caseId, reason })) !== null;
    if (ok) {
      holds.reload();
      preview.reload();
    }
    return ok;
  };
  const clearHold = async (caseId: string) => {
    const reason = await prompt.ask(t('auditLog.retention.clearHoldReason'), t('auditLog.retention.clearHold'), MAX_RETENTION_REASON);
    if (!reason) return;
    if (await callOrToast('retention.clearLegalHold', { caseId, reason })) {
      holds.reload();
      preview.reload();
    }
  };
  const recordErasure = async (caseId: string, reason: string) => {
    const ok = (await callOrToast('retention.requestErasure', { caseId, reason })) !== null;
    if (ok) erasures.reload();
    return ok;
  };
  // A refusal comes back as a coded error (toasted) and is kept on the request, so both reload.
  const execute = async (id: string) => {
    const done = await callOrToast('retention.executeErasure', { id });
    if (done) setOutcome(t('auditLog.retention.executed'));
    erasures.reload();
    tombstones.reload();
    preview.reload();
  };

  return (
    <div className="retention">
      {prompt.dialog}
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
                        {t('auditLog.retention.blocked')}
                        {t('case.colon')}
                        {d.blockedBy.message}
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
                  <div className="muted small">
                    {t('auditLog.retention.heldBy', { name: h.setByName, date: day(h.setAt) })}
                    {allowed('retention.clearLegalHold', role) && (
                      <button type="button" className="link retention-inline" onClick={() => void clearHold(h.caseId)}>
                        {t('auditLog.retention.clearHold')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {allowed('retention.setLegalHold', role) && (
            <CaseReasonForm title={t('auditLog.retention.setHold')} submitLabel={t('auditLog.retention.setHoldSubmit')} reasonHint={t('auditLog.retention.holdHint')} onSubmit={setHold} />
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
                    {r.status !== 'EXECUTED' && allowed('retention.executeErasure', role) && (
                      <button type="button" className="link retention-inline" onClick={() => void execute(r.id)}>
                        {t('auditLog.retention.execute')}
                      </button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {allowed('retention.requestErasure', role) && (
            <CaseReasonForm title={t('auditLog.retention.recordErasure')} submitLabel={t('auditLog.retention.recordErasureSubmit')} reasonHint={t('auditLog.retention.erasureHint')} onSubmit={recordErasure} />
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
