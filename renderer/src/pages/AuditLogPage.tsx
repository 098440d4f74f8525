import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainVerification } from '../../../shared/schemas/audit';
import { callOrToast, useOperation } from '../api/useOperation';
import { AuditFilterBar } from '../audit/AuditFilterBar';
import { AuditEventTable } from '../audit/AuditEventTable';
import { ChainVerifyBanner } from '../audit/ChainVerifyBanner';
import { RetentionPanel } from '../audit/RetentionPanel';
import { NO_FILTERS, hasFilters, useAuditEvents, type AuditFilters } from '../audit/useAuditEvents';
import '../audit/auditLog.css';

type Tab = 'events' | 'retention';

/** For auditors and admins: the whole hash-chained log, filtered and verified, and retention. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('events');
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [verification, setVerification] = useState<ChainVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const facets = useOperation('audit.facets', {});
  const log = useAuditEvents(filters);

  const change = useCallback((patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch })), []);
  const toggle = useCallback(
    (seq: number) =>
      setExpanded((s) => {
        const next = new Set(s);
        if (next.has(seq)) next.delete(seq);
        else next.add(seq);
        return next;
      }),
    [],
  );
  /** Puts the row at the top of the list, whatever the filters were, and opens it. */
  const show = useCallback(
    (seq: number) => {
      if (!log.events.some((e) => e.seq === seq)) setFilters({ ...NO_FILTERS, beforeSeq: seq + 1 });
      setExpanded((s) => new Set([...s, seq]));
    },
    [log.events],
  );

  const verify = async () => {
    setVerifying(true);
    const r = await callOrToast('audit.verify', {});
    setVerifying(false);
    if (!r) return;
    setVerification(r);
    if (r.firstBroken) show(r.firstBroken.seq);
    facets.reload();
  };

  return (
    <main className="page audit-page">
      <div className="page-title">
        <h1>{t('auditLog.title')}</h1>
        <span className="muted" aria-live="polite">
          {facets.data ? t('auditLog.total', { count: facets.data.total }) : ''}
        </span>
        <span className="spacer" />
        <button type="button" className="button primary" disabled={verifying} onClick={() => void verify()}>
          {verifying ? t('auditLog.verify.busy') : t('auditLog.verify.action')}
        </button>
      </div>
      {verification && <ChainVerifyBanner result={verification} onShow={show} />}
      <div className="audit-tabs" role="tablist" aria-label={t('auditLog.title')}>
        {(['events', 'retention'] as const).map((k) => (
          <button key={k} type="button" role="tab" id={`audit-tab-${k}`} aria-selected={tab === k} aria-controls={`audit-panel-${k}`} className={`chip${tab === k ? ' active' : ''}`} onClick={() => setTab(k)}>
            {t(`auditLog.tabs.${k}`)}
          </button>
        ))}
      </div>
      {tab === 'events' ? (
        <section id="audit-panel-events" role="tabpanel" aria-labelledby="audit-tab-events">
          <AuditFilterBar filters={filters} facets={facets.data} onChange={change} />
          <p className="muted small audit-shown">{t('auditLog.shown', { count: log.events.length })}</p>
          <AuditEventTable log={log} expanded={expanded} onToggle={toggle} tamperedSeq={verification?.firstBroken?.seq ?? null} filtered={hasFilters(filters)} />
        </section>
      ) : (
        <section id="audit-panel-retention" role="tabpanel" aria-labelledby="audit-tab-retention">
          <RetentionPanel />
        </section>
      )}
    </main>
  );
}
