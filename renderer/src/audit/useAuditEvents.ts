import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEvent } from '../../../shared/schemas/audit';
import type { InputOf } from '../../../shared/contract';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';

/** What the viewer filters on. Dates are local calendar days (yyyy-mm-dd) as the date inputs give them. */
export interface AuditFilters {
  actorId: string;
  type: string;
  caseId: string;
  fromDay: string;
  toDay: string;
  /** Start the list just below this sequence number (to show a given row at the top). */
  beforeSeq: number | null;
}

export const NO_FILTERS: AuditFilters = { actorId: '', type: '', caseId: '', fromDay: '', toDay: '', beforeSeq: null };

/** Whether anything narrows the log (starting further down, at a sequence number, does not). */
export function hasFilters(f: AuditFilters): boolean {
  return Boolean(f.actorId || f.type || f.caseId.trim() || f.fromDay || f.toDay);
}

/** The actor filter's value for events with no operator (written by the system). */
export const SYSTEM_ACTOR = '__system__';

const PAGE = 200;

/** The audit.list input for a page: the day range covers whole local days. */
export function toQuery(f: AuditFilters, beforeSeq: number | undefined): InputOf<'audit.list'> {
  const q: InputOf<'audit.list'> = { limit: PAGE };
  if (f.actorId === SYSTEM_ACTOR) q.systemActor = true;
  else if (f.actorId) q.actorId = f.actorId;
  if (f.type) q.type = f.type;
  if (f.caseId.trim()) q.caseId = f.caseId.trim();
  if (f.fromDay) q.from = new Date(`${f.fromDay}T00:00:00`).toISOString();
  if (f.toDay) q.to = new Date(`${f.toDay}T23:59:59.999`).toISOString();
  if (beforeSeq !== undefined) q.beforeSeq = beforeSeq;
  return q;
}

export interface AuditEventsState {
  events: AuditEvent[];
  loading: boolean;
  /** No older event matches: the list is complete. */
  done: boolean;
  failed: boolean;
  loadMore(): void;
  reload(): void;
}

/**
 * The filtered log, newest first, fetched a page at a time (keyset on seq) as the list scrolls.
 * A change of filters starts over; a response for filters no longer shown is dropped.
 */
export function useAuditEvents(filters: AuditFilters): AuditEventsState {
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(filters);
  const current = useRef({ key, generation, busy: false });

  const fetchPage = useCallback(
    async (before: number | undefined, replace: boolean) => {
      const tag = { key, generation };
      current.current = { ...tag, busy: true };
      setLoading(true);
      const parsed = JSON.parse(key) as AuditFilters;
      const r = await api.call('audit.list', toQuery(parsed, before ?? parsed.beforeSeq ?? undefined));
      if (current.current.key !== tag.key || current.current.generation !== tag.generation) return;
      current.current.busy = false;
      setLoading(false);
      if (!r.ok) {
        setFailed(true);
        handleError(r.error);
        return;
      }
      setFailed(false);
      setEvents((prev) => (replace ? r.value : [...prev, ...r.value]));
      setDone(r.value.length < PAGE);
    },
    [key, generation],
  );

  useEffect(() => {
    setEvents([]);
    setDone(false);
    void fetchPage(undefined, true);
  }, [fetchPage]);

  const oldest = events[events.length - 1]?.seq;
  const loadMore = useCallback(() => {
    if (current.current.busy || done || failed || oldest === undefined) return;
    void fetchPage(oldest, false);
  }, [done, failed, oldest, fetchPage]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { events, loading, done, failed, loadMore, reload };
}
