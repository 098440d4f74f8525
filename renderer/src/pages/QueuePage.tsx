import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueQuery } from '../../../shared/schemas/case';
import { callOrToast, useOperation } from '../api/useOperation';
import { QueueFilters } from '../components/QueueFilters';
import { QueueTable } from '../components/QueueTable';
import { navigate } from '../useHashRoute';
import { countsQuery, useQueue } from '../store/queueStore';
import { usePagedQueue } from '../store/usePagedQueue';
import { useSession } from '../store/sessionStore';
import { isDialogOpen } from '../components/isDialogOpen';
import { useTextPrompt } from '../components/TextPromptDialog';
import { MAX_VIEW_NAME, type SavedView } from '../../../shared/schemas/savedView';
import { queueHash } from '../store/queueFiltersUrl';

type Sort = NonNullable<QueueQuery['sort']>;

/** The triage screen: status tabs, filters, and the virtual list of every matching case. */
export function QueuePage() {
  const { t } = useTranslation();
  const { filters, selected, setFilters, replaceFilters, select } = useQueue();
  const role = useSession((s) => s.session?.operator.role);
  const isReviewer = role === 'officer' || role === 'senior_officer';
  const searchRef = useRef<HTMLInputElement>(null);
  // The tabs count what the other filters keep, so "Submitted 3" means three rows behind that tab.
  const counts = useOperation('cases.counts', countsQuery(filters));
  const views = useOperation('views.list', {});
  const prompt = useTextPrompt();
  const queue = usePagedQueue(filters);
  const total = queue.total ?? 0;
  const open = useCallback((caseId: string) => navigate({ page: 'case', caseId }), []);

  // The address carries the filters (replaced, not pushed: Back leaves the queue, not a filter).
  useEffect(() => {
    const hash = queueHash(filters);
    if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
  }, [filters]);

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
      if (isDialogOpen()) return;
      if (e.key === 'j') select(Math.max(0, Math.min(total - 1, selected + 1)));
      else if (e.key === 'k') select(Math.max(0, selected - 1));
      else if (e.key === 'Enter') {
        const row = queue.rowAt(selected);
        if (!row) return;
        open(row.id);
      } else if (e.key === 'n' && isReviewer) void takeNext();
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const sortBy = (s: Sort) => setFilters(s === filters.sort ? { order: filters.order === 'asc' ? 'desc' : 'asc' } : { sort: s, order: 'asc' });
  const saveView = async () => {
    const name = await prompt.ask(t('filters.viewName'), t('filters.saveView'), MAX_VIEW_NAME);
    if (!name) return;
    if (await callOrToast('views.save', { name, query: filters })) views.reload();
  };
  const deleteView = async (view: SavedView) => {
    if (!window.confirm(t('filters.confirmDeleteView', { name: view.name }))) return;
    if (await callOrToast('views.delete', { id: view.id })) views.reload();
  };

  return (
    <main className="page queue-page">
      <div className="page-title">
        <h1>{t('queue.title')}</h1>
        <span className="muted" aria-live="polite">
          {queue.total === null ? t('queue.loading') : t('queue.count', { count: total })}
        </span>
        <span className="spacer" />
        {isReviewer && (
          <button type="button" className="button primary" onClick={() => void takeNext()}>
            {t('decide.takeNext')} <kbd>n</kbd>
          </button>
        )}
      </div>
      <QueueFilters
        filters={filters}
        counts={counts.data}
        views={views.data}
        canSaveView={isReviewer}
        searchRef={searchRef}
        setFilters={setFilters}
        replaceFilters={replaceFilters}
        saveView={() => void saveView()}
        deleteView={(v) => void deleteView(v)}
      />
      {prompt.dialog}
      <QueueTable
        queue={queue}
        selected={selected}
        sort={filters.sort ?? 'age'}
        order={filters.order ?? 'asc'}
        emptyHint={t(narrowed(filters) ? 'queue.emptyFiltered' : filters.statuses?.length ? 'queue.emptyStatus' : 'queue.emptyAll')}
        onSelect={select}
        onOpen={open}
        onSort={sortBy}
      />
    </main>
  );
}

/** Whether a search or a filter beyond the status tab narrows the list (what an empty list is then owed to). */
function narrowed(filters: QueueQuery): boolean {
  const listing = new Set(['statuses', 'sort', 'order', 'limit', 'offset']);
  return Object.entries(filters).some(([k, v]) => !listing.has(k) && (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== '' && v !== false));
}
