import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AuditEvent } from '../../../shared/schemas/audit';
import { routeHash } from '../useHashRoute';
import type { AuditEventsState } from './useAuditEvents';
import { actorLabel } from '../format/actorLabel';
import { describeAuditEvent } from '../components/describeAuditEvent';

/** Collapsed rows are one line; expanded ones are measured. */
const ROW_HEIGHT = 40;

interface Props {
  log: AuditEventsState;
  expanded: ReadonlySet<number>;
  onToggle(seq: number): void;
  /** The row verify found broken, highlighted and scrolled to when it is loaded. */
  tamperedSeq: number | null;
  /** A filter is set, so the end of the list is not the start of the log. */
  filtered: boolean;
}

const short = (hash: string) => hash.slice(0, 12);

function formatTime(at: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at));
}

const EventRow = memo(function EventRow({ e, open, tampered, onToggle }: { e: AuditEvent; open: boolean; tampered: boolean; onToggle(seq: number): void }) {
  const { t, i18n } = useTranslation();
  const detailsId = `audit-details-${e.seq}`;
  const described = describeAuditEvent(e, t);
  return (
    <div className={`audit-row${tampered ? ' tampered' : ''}${open ? ' open' : ''}`} role="row" data-seq={e.seq}>
      <div className="audit-cells">
        <span role="cell" className="num audit-seq">
          {e.seq}
          {tampered && <span className="badge tampered-badge">{t('auditLog.verify.tampered')}</span>}
        </span>
        <span role="cell" className="num">
          <time dateTime={e.at}>{formatTime(e.at, i18n.language)}</time>
        </span>
        <span role="cell" className="audit-actor" title={e.actorId ?? undefined}>
          {e.actorId === null ? <span className="muted">{actorLabel(e, t)}</span> : e.actorName}
        </span>
        {/* In words for reading, with the code beside it for filtering and for the API. */}
        <span role="cell" className="audit-type-cell" title={`${described} (${e.type})`}>
          <span className="audit-type-words">{described}</span> <code className="audit-type">{e.type}</code>
        </span>
        <span role="cell">
          {e.caseId ? (
            <a className="link" href={routeHash({ page: 'case', caseId: e.caseId })} title={t('auditLog.openCase', { id: e.caseId })}>
              <code>{e.caseId.slice(0, 8)}</code>
            </a>
          ) : (
            <span className="muted">—</span>
          )}
        </span>
        <span role="cell">
          <code title={e.hash}>{short(e.hash)}</code>
        </span>
        <span role="cell">
          <button
            type="button"
            className="link audit-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t(open ? 'auditLog.collapse' : 'auditLog.expand', { seq: e.seq })}
            onClick={() => onToggle(e.seq)}
          >
            {open ? '▾' : '▸'}
          </button>
        </span>
      </div>
      {open && (
        <div className="audit-details" id={detailsId}>
          <dl className="audit-hashes">
            <dt>{t('auditLog.details.hash')}</dt>
            <dd>
              <code>{e.hash}</code>
            </dd>
            <dt>{t('auditLog.details.prevHash')}</dt>
            <dd>
              <code>{e.prevHash}</code>
            </dd>
            <dt>{t('auditLog.details.payloadHash')}</dt>
            <dd>
              <code>{e.payloadHash}</code>
            </dd>
            {e.profileId && (
              <>
                <dt>{t('auditLog.details.profile')}</dt>
                <dd>
                  <code>{e.profileId}</code>
                </dd>
              </>
            )}
          </dl>
          <h3>{t('auditLog.details.payload')}</h3>
          {e.payload === null ? <p className="muted">{t('auditLog.details.purged')}</p> : <pre className="audit-payload">{JSON.stringify(e.payload, null, 2)}</pre>}
        </div>
      )}
    </div>
  );
});

/**
 * The log as a virtual list: only rows near the viewport are in the DOM, expanded rows are
 * measured, and the next page loads as the end comes into view.
 */
export function AuditEventTable({ log, expanded, onToggle, tamperedSeq, filtered }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { events, loading, done, loadMore } = log;
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => events[i]?.seq ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (!done && !loading && last >= events.length - 20) loadMore();
  }, [last, events.length, done, loading, loadMore]);

  const tamperedIndex = tamperedSeq === null ? -1 : events.findIndex((e) => e.seq === tamperedSeq);
  useEffect(() => {
    if (tamperedIndex >= 0) virtualizer.scrollToIndex(tamperedIndex, { align: 'start' });
  }, [tamperedIndex, virtualizer]);

  const header = (
    <div className="audit-cells audit-head" role="row">
      {(['seq', 'time', 'actor', 'type', 'case', 'hash', 'details'] as const).map((c) => (
        <span key={c} role="columnheader" className={c === 'details' ? 'visually-hidden' : undefined}>
          {t(`auditLog.columns.${c}`)}
        </span>
      ))}
    </div>
  );

  if (events.length === 0) {
    return (
      <div className="table-wrap audit-table" role="table" aria-label={t('auditLog.title')} aria-busy={loading}>
        {header}
        {log.failed && !loading ? (
          <div className="empty-state" role="alert">
            <strong>{t('auditLog.loadFailed')}</strong>
            <button type="button" className="button secondary" onClick={log.reload}>
              {t('auditLog.retry')}
            </button>
          </div>
        ) : loading ? (
          <div className="audit-skeleton" aria-hidden="true">
            {Array.from({ length: 8 }, (_, i) => (
              <span key={i} className="skeleton" />
            ))}
          </div>
        ) : (
          <div className="empty-state">
            <strong>{t('auditLog.empty')}</strong>
            <span className="muted">{t('auditLog.emptyHint')}</span>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className="table-wrap audit-table" role="table" aria-label={t('auditLog.title')} aria-rowcount={done ? events.length + 1 : -1}>
      {header}
      <div className="audit-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const e = events[v.index]!;
            return (
              <div key={v.key} data-index={v.index} ref={virtualizer.measureElement} className="audit-slot" style={{ transform: `translateY(${v.start}px)` }}>
                <EventRow e={e} open={expanded.has(e.seq)} tampered={e.seq === tamperedSeq} onToggle={onToggle} />
              </div>
            );
          })}
        </div>
        <div className="audit-foot muted small" aria-live="polite">
          {loading ? (
            t('auditLog.loadingMore')
          ) : log.failed ? (
            <button type="button" className="link" onClick={log.reload}>
              {t('auditLog.loadFailed')} {t('auditLog.retry')}
            </button>
          ) : done ? (
            t(filtered ? 'auditLog.endFiltered' : 'auditLog.end')
          ) : (
            ''
          )}
        </div>
      </div>
    </div>
  );
}
