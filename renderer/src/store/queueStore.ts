import { create } from 'zustand';
import type { QueueCountsQuery } from '../../../shared/schemas/case';
import { filtersFromHash, type QueueFilters } from './queueFiltersUrl';

/**
 * The queue's filters live in a store, not the page, so they survive opening a case and
 * coming back (the officer's place in the queue is kept). They start from the address, where
 * the queue page keeps them (queueFiltersUrl.ts), so a reload shows the same list.
 */
export type { QueueFilters };

interface QueueState {
  filters: QueueFilters;
  /** Position of the selected row in the whole filtered list (not in a page). */
  selected: number;
  setFilters(patch: Partial<QueueFilters>): void;
  replaceFilters(filters: QueueFilters): void;
  select(index: number): void;
}

export const DEFAULT_FILTERS: QueueFilters = { sort: 'age', order: 'asc' };

/** What the status tabs' counts follow: every filter but the status itself and the order. */
export function countsQuery(filters: QueueFilters): QueueCountsQuery {
  const query: Record<string, unknown> = { ...filters };
  for (const listing of ['statuses', 'sort', 'order']) delete query[listing];
  return query as QueueCountsQuery;
}

export const useQueue = create<QueueState>((set) => ({
  filters: filtersFromHash(window.location.hash) ?? DEFAULT_FILTERS,
  selected: 0,
  setFilters: (patch) =>
    set((s) => {
      const next: Record<string, unknown> = { ...s.filters, ...patch };
      // Empty values mean "no filter": drop them so the request stays minimal.
      for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
      return { filters: next as QueueFilters, selected: 0 };
    }),
  replaceFilters: (filters) => set({ filters, selected: 0 }),
  select: (selected) => set({ selected }),
}));
