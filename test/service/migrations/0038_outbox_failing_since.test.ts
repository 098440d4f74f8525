import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/service/db/migrate';
import { SyncRepository } from '../../../electron/service/repositories/SyncRepository';
import { dbAtVersion, T0 } from '../../helpers/migrationDb';

describe('migration 0038 outbox_failing_since', () => {
  let h: ReturnType<typeof dbAtVersion>;
  afterEach(() => h.cleanup());

  it('starts no window for rows queued before, and marks the first failure of a run, kept until delivery', () => {
    h = dbAtVersion(37);
    const repo = () => new SyncRepository(h.db);
    repo().enqueue({ id: 'o1', connector: 'killb', kind: 'killb.createUser', idempotencyKey: 'k1', caseId: null, payload: {}, now: T0 });
    expect(migrate(h.db, 38)).toBe(38);
    const r = repo();
    expect(r.outboxById('o1')).toMatchObject({ status: 'pending', failingSince: null });
    r.reschedule('o1', '2026-01-02T00:00:00.000Z', 'HTTP 503', '2026-01-01T10:00:00.000Z');
    r.reschedule('o1', '2026-01-03T00:00:00.000Z', 'HTTP 503', '2026-01-02T10:00:00.000Z');
    expect(r.outboxById('o1')?.failingSince).toBe('2026-01-01T10:00:00.000Z');
    r.markDelivered('o1', 'remote-1', '2026-01-03T10:00:00.000Z');
    expect(r.outboxById('o1')).toMatchObject({ status: 'delivered', failingSince: null });
  });
});
