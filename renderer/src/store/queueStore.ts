import { create } from 'zustand';
import type { QueueQuery } from '../../../shared/schemas/case';

/**
 * The queue's filters live in a store, not the page, so they survive opening a case and
 * coming back (the officer's place in the queue is kept).
 */
export type QueueFilters = Omit<QueueQuery, 'limit' | 'offset'>;

interface QueueState {
  filters: QueueFilters;
  /** Position of the selected row in the whole filtered list (not in a page). */
  selected: number;
  setFilters(patch: Partial<QueueFilters>): void;
  replaceFilters(filters: QueueFilters): void;
  select(index: number): void;
}

export const DEFAULT_FILTERS: QueueFilters = { sort: 'age', order: 'asc' };

export const useQueue = create<QueueState>((set) => ({
  filters: DEFAULT_FILTERS,
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
