import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../shared/schemas/case';
import type { ServiceError } from '../../../shared/result';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import type { QueueFilters } from './queueStore';

/** Rows fetched per `cases.list` call; the list asks for the pages around what is on screen. */
export const QUEUE_PAGE_SIZE = 100;
/** Requests in flight at once: a fling asks for what is on screen, not every page it passed. */
const MAX_IN_FLIGHT = 2;
/** Pages kept in memory; the ones farthest from the view go first. */
const MAX_CACHED_PAGES = 60;

export interface PagedQueue {
  /** Null until the first page of the current filters arrived. */
  total: number | null;
  error: ServiceError | null;
  /** The row at a position in the whole filtered list, if its page is loaded. */
  rowAt(index: number): CaseSummary | undefined;
  /** Says which rows are on screen; missing pages around them are fetched. */
  showRange(first: number, last: number): void;
  /** Drops every page and starts again (after a change made elsewhere). */
  reload(): void;
  /** Changes whenever the cache starts again (new filters or a reload). */
  cacheKey: string;
  /**
   * While a new filter loads, the previous list (its total and rows), so the table can keep
   * them on screen, dimmed, instead of tearing every row down for skeletons and back up.
   */
  stale: { total: number; rowAt(index: number): CaseSummary | undefined } | null;
}

interface Cache {
  key: string;
  filters: QueueFilters;
  pages: Map<number, CaseSummary[]>;
  inFlight: Set<number>;
}

/**
 * The queue as a sparse list over `cases.list` offset paging: only the pages near the visible
 * rows are fetched and kept, so 100,000 cases cost what one screen costs. A change of filters
 * starts a new cache; answers for an older filter set are dropped when they arrive.
 */
export function usePagedQueue(filters: QueueFilters): PagedQueue {
  const key = JSON.stringify(filters);
  const [reloads, setReloads] = useState(0);
  const cacheKey = `${key}#${reloads}`;
  const cache = useRef<Cache>({ key: '', filters, pages: new Map(), inFlight: new Set() });
  const previous = useRef<Cache | null>(null);
  const want = useRef<{ first: number; last: number }>({ first: 0, last: 0 });
  // The total belongs to the cache it was counted for: on the render right after a filter
  // changes, the list is loading, not showing the old filter's rows.
  const [counted, setCounted] = useState<{ key: string; total: number } | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);
  // Bumped when a page lands, so the list re-renders with the new rows.
  const [, setVersion] = useState(0);

  const pump = useCallback(() => {
    const c = cache.current;
    // The list reports its range before the first cache exists (child effects run first).
    if (c.key === '') return;
    const { first, last } = want.current;
    const from = Math.max(0, Math.floor(first / QUEUE_PAGE_SIZE) - 1);
    const to = Math.floor(last / QUEUE_PAGE_SIZE) + 1;
    // Visible pages first; the neighbours either side only once those are in, so they never
    // compete with what the officer is waiting to see.
    const needed: number[] = [];
    for (let p = Math.floor(first / QUEUE_PAGE_SIZE); p <= Math.floor(last / QUEUE_PAGE_SIZE); p++) needed.push(p);
    if (needed.every((p) => c.pages.has(p))) needed.push(from, to);
    for (const page of needed) {
      if (c.inFlight.size >= MAX_IN_FLIGHT) return;
      if (page < 0 || c.pages.has(page) || c.inFlight.has(page)) continue;
      c.inFlight.add(page);
      const forKey = c.key;
      void api.call('cases.list', { ...c.filters, limit: QUEUE_PAGE_SIZE, offset: page * QUEUE_PAGE_SIZE }).then((r) => {
        if (cache.current.key !== forKey) return;
        c.inFlight.delete(page);
        if (!r.ok) {
          setError(r.error);
          handleError(r.error);
          return;
        }
        c.pages.set(page, r.value.rows);
        evictFarPages(c, Math.floor(want.current.first / QUEUE_PAGE_SIZE));
        setCounted({ key: forKey, total: r.value.total });
        setError(null);
        setVersion((v) => v + 1);
        pump();
      });
    }
  }, []);

  // A new filter set (or a reload) starts an empty cache and asks for the top of the list.
  useEffect(() => {
    if (cache.current.pages.size > 0) previous.current = cache.current;
    cache.current = { key: cacheKey, filters: JSON.parse(cacheKey.slice(0, cacheKey.lastIndexOf('#'))) as QueueFilters, pages: new Map(), inFlight: new Set() };
    setError(null);
    pump();
  }, [cacheKey, pump]);

  const showRange = useCallback(
    (first: number, last: number) => {
      want.current = { first, last };
      pump();
    },
    [pump],
  );
  const rowAt = useCallback(
    (index: number) => (cache.current.key === cacheKey ? cache.current.pages.get(Math.floor(index / QUEUE_PAGE_SIZE))?.[index % QUEUE_PAGE_SIZE] : undefined),
    [cacheKey],
  );
  const total = counted?.key === cacheKey ? counted.total : null;
  const prev = previous.current;
  const stale =
    total === null && counted && prev && prev.key === counted.key
      ? { total: counted.total, rowAt: (index: number) => prev.pages.get(Math.floor(index / QUEUE_PAGE_SIZE))?.[index % QUEUE_PAGE_SIZE] }
      : null;
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { total, error, rowAt, showRange, reload, cacheKey, stale };
}

function evictFarPages(c: Cache, around: number): void {
  if (c.pages.size <= MAX_CACHED_PAGES) return;
  const far = [...c.pages.keys()].sort((a, b) => Math.abs(b - around) - Math.abs(a - around));
  for (const p of far.slice(0, c.pages.size - MAX_CACHED_PAGES)) c.pages.delete(p);
}
