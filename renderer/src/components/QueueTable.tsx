import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CaseSummary, QueueQuery } from '../../../shared/schemas/case';
import { regionName } from '../format/regionName';
import { compactAge } from '../format/compactAge';
import type { PagedQueue } from '../store/usePagedQueue';
import { StatusBadge } from './StatusBadge';
import { SkeletonRows } from './Skeleton';

/** Every row has the same height, so the list's geometry is known without measuring. */
export const QUEUE_ROW_HEIGHT = 44;
const COLUMNS = 9;
const OPEN = ['SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW'];
type Sort = NonNullable<QueueQuery['sort']>;

interface Props {
  queue: PagedQueue;
  selected: number;
  sort: Sort;
  order: 'asc' | 'desc';
  emptyHint: string;
  onSelect(index: number): void;
  onOpen(caseId: string): void;
  onSort(sort: Sort): void;
}

const QueueRow = memo(function QueueRow({ c, index, selected, now, onSelect, onOpen }: { c: CaseSummary; index: number; selected: boolean; now: number; onSelect(i: number): void; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  const open = OPEN.includes(c.status);
  const overdue = open && c.slaDueAt !== null && Date.parse(c.slaDueAt) < now;
  return (
    <tr
      className={`queue-row ${overdue ? 'overdue' : ''} ${selected ? 'selected' : ''}`}
      tabIndex={selected ? 0 : -1}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-case-id={c.id}
      data-index={index}
      onClick={() => onOpen(c.id)}
      onFocus={() => onSelect(index)}
    >
      <td className="name-cell">
        {/* A long name is cut, never the alerts after it: they are the row's only signal. */}
        <div className="name-line">
          <span className="name-text" title={c.displayName}>
            {c.displayName}
          </span>
          {c.hasWarnings && <span className="warn-dot" title={t('filters.warnings')} aria-label={t('filters.warnings')} />}
          {c.screeningAlert && <span className="screening-alert">{t('filters.screeningAlert')}</span>}
          {c.ownerAlert && <span className="screening-alert owner-alert-chip">{t('filters.ownerAlert')}</span>}
        </div>
      </td>
      <td>
        <span className={`type-chip type-${c.profileType.toLowerCase()}`}>{t(`profileType.${c.profileType}`)}</span>
      </td>
      <td title={regionName(c.countryCode, i18n.language)}>{c.countryCode}</td>
      <td>
        <StatusBadge status={c.status} />
      </td>
      {/* The two chips wrap onto a second line in a narrow window rather than cut the risk off. */}
      <td className="engine-cell">
        {c.recommendation ? <span className={`rec-chip rec-${c.recommendation.toLowerCase()}`}>{t(`recommendation.${c.recommendation}`)}</span> : <span className="muted">—</span>}
        {c.risk && <span className={`risk-chip risk-${c.risk.toLowerCase()}`}>{t(`risk.${c.risk}`)}</span>}
      </td>
      <td>{c.kycLevel}</td>
      <td className="num">{compactAge(c.submittedAt, t, new Date(now))}</td>
      <td className="num">
        {open && c.slaDueAt ? (
          overdue ? (
            <span className="badge overdue-badge">{t('filters.overdueBadge')}</span>
          ) : (
            <span className="muted">{compactAge(new Date(now).toISOString(), t, new Date(c.slaDueAt))}</span>
          )
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>{c.assigneeName ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
    </tr>
  );
});

/**
 * The queue as a virtual table: only the rows in (and just around) the viewport are in the
 * DOM, with spacer rows standing in for the rest, and rows whose page has not arrived yet are
 * drawn as skeletons of the same height, so scrolling never waits for the network.
 */
export function QueueTable({ queue, selected, sort, order, emptyHint, onSelect, onOpen, onSort }: Props) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Ages and SLA countdowns move by the minute; a steady clock keeps the rows memoised.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(h);
  }, []);
  // While a new filter loads, the previous rows stay (dimmed) until the new ones replace them.
  const showing = queue.total !== null ? { total: queue.total, rowAt: queue.rowAt } : queue.stale;
  const total = showing?.total ?? 0;
  // The sticky header sits above the rows in the same scroll box, one or two lines tall as its
  // labels wrap: the virtualizer places rows below it and scrolls a selected row out from under it.
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [headHeight, setHeadHeight] = useState(0);
  useLayoutEffect(() => {
    const head = headRef.current;
    if (!head) return;
    const measure = () => setHeadHeight(head.offsetHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(head);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useVirtualizer({
    paddingStart: headHeight,
    scrollPaddingStart: headHeight,
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    overscan: 8,
    // Renders in React's own batch, not synchronously inside every scroll event.
    useFlushSync: false,
    // Coming back from a case puts the officer where they were.
    initialOffset: Math.max(0, selected * QUEUE_ROW_HEIGHT - 4 * QUEUE_ROW_HEIGHT),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { showRange, cacheKey } = queue;

  useEffect(() => showRange(first, last), [first, last, cacheKey, showRange]);

  // New filters start at the top of the list.
  const firstKey = useRef(cacheKey);
  useEffect(() => {
    if (firstKey.current === cacheKey) return;
    firstKey.current = cacheKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [cacheKey]);

  // Keyboard moves keep the selected row in view and focused.
  useEffect(() => {
    if (total === 0) return;
    virtualizer.scrollToIndex(Math.min(selected, total - 1), { align: 'auto' });
    // The row may only be rendered on the next frame, after the scroll.
    const id = requestAnimationFrame(() => {
      const row = scrollRef.current?.querySelector<HTMLElement>(`.queue-row[data-index="${selected}"]`);
      if (row && !row.contains(document.activeElement)) row.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(id);
    // Follows the selection (and the first rows arriving), not every render.
  }, [selected, total > 0]);

  const sortMark = (s: Sort) => (s === sort ? (order === 'asc' ? ' ▲' : ' ▼') : '');
  const ariaSort = (s: Sort) => (s === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none');
  const sortable = (s: Sort, label: string) => (
    <th aria-sort={ariaSort(s)}>
      <button type="button" className="th-sort" onClick={() => onSort(s)}>
        {label}
        {sortMark(s)}
      </button>
    </th>
  );
  const top = (items[0]?.start ?? headHeight) - headHeight;
  const bottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  return (
    <div className="table-wrap queue-scroll" ref={scrollRef} data-testid="queue-scroll" aria-busy={queue.total === null}>
      <table className="queue-table" aria-label={t('queue.title')} aria-rowcount={total + 1}>
        <colgroup>
          <col className="col-name" />
          <col className="col-type" />
          <col className="col-country" />
          <col className="col-status" />
          <col className="col-engine" />
          <col className="col-level" />
          <col className="col-age" />
          <col className="col-sla" />
          <col className="col-assignee" />
        </colgroup>
        <thead ref={headRef}>
          <tr>
            {sortable('name', t('queue.name'))}
            <th>{t('queue.type')}</th>
            <th>{t('queue.country')}</th>
            <th>{t('queue.status')}</th>
            {sortable('risk', t('queue.recommendation'))}
            <th>{t('queue.level')}</th>
            {sortable('age', t('queue.age'))}
            {sortable('sla', 'SLA')}
            <th>{t('queue.assignee')}</th>
          </tr>
        </thead>
        <tbody className={queue.total === null ? 'stale' : undefined}>
          {showing === null ? (
            queue.error ? (
              <tr>
                {/* The flex layout sits inside the cell: a flex cell would drop out of the table and its colSpan. */}
                <td colSpan={COLUMNS}>
                  <div className="empty-state">
                    <strong>{t('queue.loadFailed')}</strong>
                    <span className="muted">{queue.error.message}</span>
                    <button type="button" className="button secondary" onClick={queue.reload}>
                      {t('queue.retry')}
                    </button>
                  </div>
                </td>
              </tr>
            ) : (
              <SkeletonRows rows={12} columns={COLUMNS} />
            )
          ) : total === 0 ? (
            <tr>
              <td colSpan={COLUMNS}>
                <div className="empty-state">
                  <strong>{t('queue.emptyTitle')}</strong>
                  <span className="muted">{emptyHint}</span>
                </div>
              </td>
            </tr>
          ) : (
            <>
              {top > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: top }} />}
              {items.map((item) => {
                const c = showing.rowAt(item.index);
                return c ? (
                  <QueueRow key={c.id} c={c} index={item.index} selected={item.index === selected} now={now} onSelect={onSelect} onOpen={onOpen} />
                ) : (
                  // Static placeholders while a page is on its way: an animated shimmer here
                  // would repaint every row on every frame of a fling.
                  <tr key={`pending-${item.index}`} className="pending-row" aria-hidden="true" data-index={item.index}>
                    {Array.from({ length: COLUMNS }, (_, i) => (
                      <td key={i}>
                        <span className="pending-bar" />
                      </td>
                    ))}
                  </tr>
                );
              })}
              {bottom > 0 && <tr className="spacer-row" aria-hidden="true" style={{ height: bottom }} />}
            </>
          )}
        </tbody>
      </table>
    </div>
  );
}
