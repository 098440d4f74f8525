import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { RISK_LEVELS, type QueueQuery } from '../../../shared/schemas/case';
import { RECOMMENDATIONS } from '../../../shared/schemas/analysis';
import { countryName } from '../../../shared/countries';
import { callOrToast, useOperation } from '../api/useOperation';
import { StatusBadge } from '../components/StatusBadge';
import { SkeletonRows } from '../components/Skeleton';
import { formatAge } from '../format/formatAge';
import { navigate } from '../useHashRoute';
import { useQueue, DEFAULT_FILTERS } from '../store/queueStore';
import { useSession } from '../store/sessionStore';

const PAGE_SIZE = 50;
const COLUMNS = 9;
type Sort = NonNullable<QueueQuery['sort']>;

export function QueuePage() {
  const { t } = useTranslation();
  const { filters, page, selected, setFilters, replaceFilters, setPage, select } = useQueue();
  const role = useSession((s) => s.session?.operator.role);
  const isReviewer = role === 'officer' || role === 'senior_officer';
  const [search, setSearch] = useState(filters.search ?? '');
  const searchRef = useRef<HTMLInputElement>(null);
  const counts = useOperation('cases.counts', {});
  const views = useOperation('views.list', {});
  const queue = useOperation('cases.list', { ...filters, limit: PAGE_SIZE, offset: page * PAGE_SIZE });
  const rows = queue.data?.rows ?? [];
  const total = queue.data?.total ?? 0;
  const allCount = Object.values(counts.data ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const now = new Date();
  const status = filters.statuses?.[0] ?? 'ALL';

  // Debounced free-text search.
  useEffect(() => {
    const h = setTimeout(() => {
      if ((filters.search ?? '') !== search) setFilters({ search });
    }, 250);
    return () => clearTimeout(h);
  }, [search, filters.search, setFilters]);

  const takeNext = async () => {
    const next = await callOrToast('cases.takeNext', {});
    if (next) navigate({ page: 'case', caseId: next.id });
    else queue.reload();
  };

  // Keyboard first: j/k move, Enter opens, n takes the next case, / searches.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        if (e.key === 'Escape') target.blur();
        return;
      }
      if (e.key === 'j') select(Math.min(rows.length - 1, selected + 1));
      else if (e.key === 'k') select(Math.max(0, selected - 1));
      else if (e.key === 'Enter' && rows[selected]) navigate({ page: 'case', caseId: rows[selected].id });
      else if (e.key === 'n' && isReviewer) void takeNext();
      else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    document.querySelector<HTMLElement>(`.queue-row[data-index="${selected}"]`)?.focus({ preventScroll: false });
  }, [selected, queue.data]);

  const chooseStatus = (s: CaseStatus | 'ALL') => setFilters({ statuses: s === 'ALL' ? undefined : [s] });
  const sortBy = (s: Sort) => setFilters(s === filters.sort ? { order: filters.order === 'asc' ? 'desc' : 'asc' } : { sort: s, order: 'asc' });
  const sortMark = (s: Sort) => (s === filters.sort ? (filters.order === 'asc' ? ' ▲' : ' ▼') : '');
  const ariaSort = (s: Sort) => (s === filters.sort ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none');

  const saveView = async () => {
    const name = window.prompt(t('filters.viewName'));
    if (!name) return;
    if (await callOrToast('views.save', { name, query: filters })) views.reload();
  };

  return (
    <main className="page queue-page">
      <div className="page-title">
        <h1>{t('queue.title')}</h1>
        <span className="muted">{queue.loading && !queue.data ? t('queue.loading') : t('queue.count', { count: total })}</span>
        <span className="spacer" />
        {isReviewer && (
          <button type="button" className="button primary" onClick={() => void takeNext()}>
            {t('decide.takeNext')} <kbd>n</kbd>
          </button>
        )}
      </div>
      <div className="filters" role="toolbar" aria-label={t('queue.filterLabel')}>
        <button type="button" className={`chip ${status === 'ALL' ? 'active' : ''}`} aria-pressed={status === 'ALL'} onClick={() => chooseStatus('ALL')}>
          {t('queue.all')} <span className="chip-count">{allCount}</span>
        </button>
        {CASE_STATUSES.map((s) => (
          <button type="button" key={s} className={`chip chip-${s.toLowerCase()} ${status === s ? 'active' : ''}`} aria-pressed={status === s} onClick={() => chooseStatus(s)}>
            {t(`status.${s}`)} <span className="chip-count">{counts.data?.[s] ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="filter-bar">
        <input
          ref={searchRef}
          type="search"
          className="search"
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label>
          {t('filters.recommendation')}
          <select value={filters.recommendations?.[0] ?? ''} onChange={(e) => setFilters({ recommendations: e.target.value ? [e.target.value as (typeof RECOMMENDATIONS)[number]] : undefined })}>
            <option value="">{t('filters.any')}</option>
            {RECOMMENDATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`recommendation.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.risk')}
          <select value={filters.risks?.[0] ?? ''} onChange={(e) => setFilters({ risks: e.target.value ? [e.target.value as (typeof RISK_LEVELS)[number]] : undefined })}>
            <option value="">{t('filters.any')}</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {t(`risk.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filters.assignee')}
          <select value={filters.assignee ?? ''} onChange={(e) => setFilters({ assignee: e.target.value || undefined })}>
            <option value="">{t('filters.anyone')}</option>
            <option value="me">{t('filters.me')}</option>
            <option value="unassigned">{t('filters.unassigned')}</option>
            <option value="me_or_unassigned">{t('filters.meOrUnassigned')}</option>
          </select>
        </label>
        <label className="toggle">
          <input type="checkbox" checked={filters.overdue ?? false} onChange={(e) => setFilters({ overdue: e.target.checked || undefined })} />
          {t('filters.overdue')}
        </label>
        <label className="toggle">
          <input type="checkbox" checked={filters.hasWarnings ?? false} onChange={(e) => setFilters({ hasWarnings: e.target.checked || undefined })} />
          {t('filters.warnings')}
        </label>
        <label>
          {t('filters.sort')}
          <select value={filters.sort ?? 'age'} onChange={(e) => setFilters({ sort: e.target.value as Sort, order: 'asc' })}>
            <option value="age">{t('filters.sortAge')}</option>
            <option value="sla">{t('filters.sortSla')}</option>
            <option value="risk">{t('filters.sortRisk')}</option>
            <option value="updated">{t('filters.sortUpdated')}</option>
            <option value="name">{t('filters.sortName')}</option>
          </select>
        </label>
        <label>
          {t('filters.views')}
          <select
            value=""
            onChange={(e) => {
              const v = views.data?.find((x) => x.id === e.target.value);
              if (v) {
                replaceFilters({ ...DEFAULT_FILTERS, ...v.query });
                setSearch(v.query.search ?? '');
              }
            }}
          >
            <option value="">…</option>
            {views.data?.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        {isReviewer && (
          <button type="button" className="button secondary" onClick={() => void saveView()}>
            {t('filters.saveView')}
          </button>
        )}
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
              <th aria-sort={ariaSort('risk')}>
                <button type="button" className="th-sort" onClick={() => sortBy('risk')}>
                  {t('queue.recommendation')}
                  {sortMark('risk')}
                </button>
              </th>
              <th>{t('queue.level')}</th>
              <th aria-sort={ariaSort('age')}>
                <button type="button" className="th-sort" onClick={() => sortBy('age')}>
                  {t('queue.age')}
                  {sortMark('age')}
                </button>
              </th>
              <th>SLA</th>
              <th>{t('queue.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.loading && !queue.data ? (
              <SkeletonRows rows={10} columns={COLUMNS} />
            ) : rows.length > 0 ? (
              rows.map((c, i) => {
                const open = ['SUBMITTED', 'IN_REVIEW', 'AWAITING_SECOND_REVIEW'].includes(c.status);
                const overdue = open && c.slaDueAt !== null && Date.parse(c.slaDueAt) < now.getTime();
                return (
                  <tr
                    key={c.id}
                    className={`queue-row ${overdue ? 'overdue' : ''} ${i === selected ? 'selected' : ''}`}
                    tabIndex={i === selected ? 0 : -1}
                    data-case-id={c.id}
                    data-index={i}
                    onClick={() => navigate({ page: 'case', caseId: c.id })}
                    onFocus={() => select(i)}
                  >
                    <td className="name-cell">
                      {c.displayName}
                      {c.hasWarnings && <span className="warn-dot" title={t('filters.warnings')} aria-label={t('filters.warnings')} />}
                    </td>
                    <td>
                      <span className={`type-chip type-${c.profileType.toLowerCase()}`}>{c.profileType}</span>
                    </td>
                    <td title={countryName(c.countryCode)}>{c.countryCode}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                    <td>
                      {c.recommendation ? (
                        <span className={`rec-chip rec-${c.recommendation.toLowerCase()}`}>{t(`recommendation.${c.recommendation}`)}</span>
                      ) : (
                        <span className="muted">—</span>
                      )}
                      {c.risk && <span className={`risk-chip risk-${c.risk.toLowerCase()}`}>{t(`risk.${c.risk}`)}</span>}
                    </td>
                    <td>{c.kycLevel}</td>
                    <td className="num">{formatAge(c.submittedAt, now)}</td>
                    <td className="num">
                      {open && c.slaDueAt ? (
                        overdue ? (
                          <span className="badge overdue-badge">{t('filters.overdueBadge')}</span>
                        ) : (
                          <span className="muted">{formatAge(now.toISOString(), new Date(c.slaDueAt))}</span>
                        )
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>{c.assigneeName ?? <span className="muted">{t('queue.unassigned')}</span>}</td>
                  </tr>
                );
              })
            ) : (
              <tr>
                <td colSpan={COLUMNS} className="empty-state">
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
          <span className="muted">{t('queue.range', { from: page * PAGE_SIZE + 1, to: Math.min(total, (page + 1) * PAGE_SIZE), total })}</span>
          <button type="button" className="button secondary" disabled={(page + 1) * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            {t('queue.next')}
          </button>
        </div>
      )}
    </main>
  );
}
