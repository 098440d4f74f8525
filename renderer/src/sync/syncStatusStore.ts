import { create } from 'zustand';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ConnectorStatus, SyncStatus } from '../../../shared/schemas/sync';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';

export type OverallState = 'online' | 'idle' | 'degraded' | 'offline';

interface SyncStatusState {
  status: SyncStatus | null;
  /**
   * The service counts deliveries since it started, not since the current backlog began, so
   * the header remembers the count it saw when a backlog first appeared and measures from it.
   */
  backlogBase: number | null;
  refresh(): Promise<void>;
}

export const useSyncStatus = create<SyncStatusState>((set, get) => ({
  status: null,
  backlogBase: null,
  async refresh() {
    const r = await api.call('sync.status', {});
    if (!r.ok) {
      // A poll never toasts (it would every few seconds); only a gone session is acted on.
      if (r.error.code === ErrorCode.SESSION_EXPIRED || r.error.code === ErrorCode.NOT_AUTHENTICATED) handleError(r.error);
      return;
    }
    const { pending, deliveredSinceStart } = r.value.backlog;
    const base = get().backlogBase;
    set({ status: r.value, backlogBase: pending === 0 ? null : (base ?? deliveredSinceStart) });
  },
}));

export function enabledConnectors(status: SyncStatus | null): ConnectorStatus[] {
  return status?.connectors.filter((c) => c.enabled) ?? [];
}

/** One word for the header: all remotes down is offline, some down or failing is degraded. */
export function overallState(enabled: readonly ConnectorStatus[]): OverallState {
  if (enabled.length > 0 && enabled.every((c) => c.state === 'offline')) return 'offline';
  if (enabled.some((c) => c.state === 'offline' || c.state === 'degraded')) return 'degraded';
  if (enabled.some((c) => c.state === 'online')) return 'online';
  return 'idle';
}

/** Progress of a backlog that is draining: null while nothing has gone out since it began. */
export function drainProgress(status: SyncStatus | null, base: number | null): { done: number; total: number } | null {
  if (!status || base === null || status.backlog.pending === 0) return null;
  const done = status.backlog.deliveredSinceStart - base;
  if (done <= 0) return null;
  return { done, total: done + status.backlog.pending };
}
