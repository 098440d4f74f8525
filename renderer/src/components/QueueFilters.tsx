import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { RISK_LEVELS, type QueueQuery, type StatusCounts } from '../../../shared/schemas/case';
import { RECOMMENDATIONS } from '../../../shared/schemas/analysis';
import type { SavedView } from '../../../shared/schemas/savedView';
import { DEFAULT_FILTERS, type QueueFilters as Filters } from '../store/queueStore';

type Sort = NonNullable<QueueQuery['sort']>;

interface Props {
  filters: Filters;
  counts: StatusCounts | null;
  views: SavedView[] | null;
  canSaveView: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  setFilters(patch: Partial<Filters>): void;
  replaceFilters(filters: Filters): void;
  saveView(): void;
  deleteView(view: SavedView): void;
}

/** Status tabs with their counts, then the filter bar: search, engine, risk, assignee, SLA, sort, saved views. */
export function QueueFilters({ filters, counts, views, canSaveView, searchRef, setFilters, replaceFilters, saveView, deleteView }: Props) {
  const { t } = useTranslation();
  // The view last applied, which can be deleted while its filters are the ones on screen; the
  // drop-down itself always reads "…", so the same view can be chosen again after a change.
  const [viewApplied, setViewApplied] = useState<{ id: string; filters: string | null } | null>(null);
  const filtersKey = JSON.stringify(filters);
  useEffect(() => {
    if (!viewApplied) return;
    if (viewApplied.filters === null) setViewApplied({ ...viewApplied, filters: filtersKey });
    else if (viewApplied.filters !== filtersKey) setViewApplied(null);
  }, [filtersKey, viewApplied]);
  const current = views?.find((v) => v.id === viewApplied?.id) ?? null;
  const [search, setSearch] = useState(filters.search ?? '');
  const status = filters.statuses?.[0] ?? 'ALL';
  const allCount = Object.values(counts ?? {}).reduce((a, b) => a + (b ?? 0), 0);
  const chooseStatus = (s: CaseStatus | 'ALL') => setFilters({ statuses: s === 'ALL' ? undefined : [s] });

  // Debounced free-text search; a saved view sets the box without re-triggering it.
  const applied = useRef(filters.search ?? '');
  useEffect(() => {
    const h = setTimeout(() => {
      if (applied.current !== search) {
        applied.current = search;
        setFilters({ search });
      }
    }, 250);
    return () => clearTimeout(h);
  }, [search, setFilters]);

  return (
    <>
      <div className="filters" role="toolbar" aria-label={t('queue.filterLabel')}>
        <button type="button" className={`chip ${status === 'ALL' ? 'active' : ''}`} aria-pressed={status === 'ALL'} onClick={() => chooseStatus('ALL')}>
          {t('queue.all')} <span className="chip-count">{allCount}</span>
        </button>
        {CASE_STATUSES.map((s) => (
          <button type="button" key={s} className={`chip chip-${s.toLowerCase()} ${status === s ? 'active' : ''}`} aria-pressed={status === s} onClick={() => chooseStatus(s)}>
            {t(`status.${s}`)} <span className="chip-count">{counts?.[s] ?? 0}</span>
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
        <label className="toggle">
          <input type="checkbox" checked={filters.screeningAlert ?? false} onChange={(e) => setFilters({ screeningAlert: e.target.checked || undefined })} />
          {t('filters.screeningAlert')}
        </label>
        <label className="toggle">
          <input type="checkbox" checked={filters.ownerAlert ?? false} onChange={(e) => setFilters({ ownerAlert: e.target.checked || undefined })} />
          {t('filters.ownerAlert')}
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
            // Shows the view in force while its filters are unchanged; a changed filter is no longer that view.
            value={current?.id ?? ''}
            onChange={(e) => {
              const v = views?.find((x) => x.id === e.target.value);
              if (v) {
                setViewApplied({ id: v.id, filters: null });
                applied.current = v.query.search ?? '';
                setSearch(applied.current);
                replaceFilters({ ...DEFAULT_FILTERS, ...v.query });
              }
            }}
          >
            <option value="">{t('filters.noView')}</option>
            {views?.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        {canSaveView && (
          <button type="button" className="button secondary" onClick={saveView}>
            {t('filters.saveView')}
          </button>
        )}
        {canSaveView && current && (
          <button type="button" className="button secondary" onClick={() => deleteView(current)}>
            {t('filters.deleteView', { name: current.name })}
          </button>
        )}
      </div>
    </>
  );
}
