import { create } from 'zustand';
import type { QueueQuery } from '../../../shared/schemas/case';

/**
 * The queue's filters live in a store, not the page, so they survive opening a case and
 * coming back (the officer's place in the queue is kept).
 */
export type QueueFilters = Omit<QueueQuery, 'limit' | 'offset'>;

interface QueueState {
  filters: QueueFilters;
  page: number;
  selected: number;
  setFilters(patch: Partial<QueueFilters>): void;
  replaceFilters(filters: QueueFilters): void;
  setPage(page: number): void;
  select(index: number): void;
}

export const DEFAULT_FILTERS: QueueFilters = { sort: 'age', order: 'asc' };

export const useQueue = create<QueueState>((set) => ({
  filters: DEFAULT_FILTERS,
  page: 0,
  selected: 0,
  setFilters: (patch) =>
    set((s) => {
      const next: Record<string, unknown> = { ...s.filters, ...patch };
      // Empty values mean "no filter": drop them so the request stays minimal.
      for (const [k, v] of Object.entries(next)) if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
      return { filters: next as QueueFilters, page: 0, selected: 0 };
    }),
  replaceFilters: (filters) => set({ filters, page: 0, selected: 0 }),
  setPage: (page) => set({ page, selected: 0 }),
  select: (selected) => set({ selected }),
}));
