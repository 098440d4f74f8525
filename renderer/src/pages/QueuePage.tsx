import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import type { QueueQuery } from '../../../shared/schemas/case';
import { countryName } from '../../../shared/countries';
import { useOperation } from '../api/useOperation';
import { StatusBadge } from '../components/StatusBadge';
import { SkeletonRows } from '../components/Skeleton';
import { formatAge } from '../format/formatAge';
import { navigate } from '../useHashRoute';

const PAGE_SIZE = 50;
type Sort = NonNullable<QueueQuery['sort']>;

export function QueuePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus | 'ALL'>('ALL');
  const [sort, setSort] = useState<Sort>('age');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const counts = useOperation('cases.counts', {});
  const query: QueueQuery = {
    ...(status === 'ALL' ? {} : { statuses: [status] }),
    sort,
    order,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
  const queue = useOperation('cases.list', query);
  const total = queue.data?.total ?? 0;
  const allCount = Object.values(counts.data ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const now = new Date();

  const choose = (s: CaseStatus | 'ALL') => {
    setStatus(s);
    setPage(0);
  };
  const sortBy = (s: Sort) => {
    if (s === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(s);
      setOrder('asc');
    }
    setPage(0);
  };
  const sortMark = (s: Sort) => (s === sort ? (order === 'asc' ? ' ▲' : ' ▼') : '');
  const ariaSort = (s: Sort) => (s === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none');

  return (
    <main className="page queue-page">
      <div className="page-title">
        <h1>{t('queue.title')}</h1>
        <span className="muted">{queue.loading && !queue.data ? t('queue.loading') : t('queue.count', { count: total })}</span>
      </div>
      <div className="filters" role="toolbar" aria-label={t('queue.filterLabel')}>
        <button type="button" className={`chip ${status === 'ALL' ? 'active' : ''}`} aria-pressed={status === 'ALL'} onClick={() => choose('ALL')}>
          {t('queue.all')} <span className="chip-count">{allCount}</span>
        </button>
        {CASE_STATUSES.map((s) => (
          <button
            type="button"
            key={s}
            className={`chip chip-${s.toLowerCase()} ${status === s ? 'active' : ''}`}
            aria-pressed={status === s}
            onClick={() => choose(s)}
          >
            {t(`status.${s}`)} <span className="chip-count">{counts.data?.[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="table-wrap">
        <table className="queue-table" aria-label={t('queue.title')}>
          <thead>
            <tr>
              <th aria-sort={ariaSort('name')}>
                <button type="button" className="th-sort" onClick={() => sortBy('name')}>
                  {t('queue.name')}
                  {sortMark('name')}
                </button>
              </th>
              <th>{t('queue.type')}</th>
              <th>{t('queue.country')}</th>
              <th>{t('queue.status')}</th>
              <th>{t('queue.recommendation')}</th>
              <th>{t('queue.level')}</th>
              <th aria-sort={ariaSort('age')}>
                <button type="button" className="th-sort" onClick={() => sortBy('age')}>
                  {t('queue.age')}
                  {sortMark('age')}
                </button>
              </th>
              <th>{t('queue.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.loading && !queue.data ? (
              <SkeletonRows rows={10} columns={8} />
            ) : queue.data && queue.data.rows.length > 0 ? (
              queue.data.rows.map((c) => (
                <tr
                  key={c.id}
                  className="queue-row"
                  tabIndex={0}
                  data-case-id={c.id}
                  onClick={() => navigate({ page: 'case', caseId: c.id })}
                  onKeyDown={(e) => e.key === 'Enter' && navigate({ page: 'case', caseId: c.id })}
                >
                  <td className="name-cell">{c.displayName}</td>
                  <td>
                    <span className={`type-chip type-${c.profileType.toLowerCase()}`}>{c.profileType}</span>
                  </td>
                  <td title={countryName(c.countryCode)}>{c.countryCode}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>{c.recommendation ? <span className={`rec-chip rec-${c.recommendation.toLowerCase()}`}>{t(`recommendation.${c.recommendation}`)}</span> : <span className="muted">—</span>}</td>
                  <td>{c.kycLevel}</td>
                  <td className="num">{formatAge(c.submittedAt, now)}</td>
                  <td>{c.assigneeName ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={8} className="empty-state">
                  <strong>{t('queue.emptyTitle')}</strong>
                  <span className="muted">{status === 'ALL' ? t('queue.emptyAll') : t('queue.emptyStatus')}</span>
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {total > PAGE_SIZE && (
        <div className="pager">
          <button type="button" className="button secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('queue.previous')}
          </button>
          <span className="muted">
            {t('queue.range', { from: page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total })}
          </span>
          <button type="button" className="button secondary" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            {t('queue.next')}
          </button>
        </div>
      )}
    </main>
  );
}
