import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperation } from '../api/useOperation';
import { SkeletonBlock } from '../components/Skeleton';
import { ConnectorCard } from '../sync/ConnectorCard';
import { CONNECTOR_FORMS } from '../sync/connectorForms';
import { DeadLetterList } from '../sync/DeadLetterList';
import { useSyncStatus } from '../sync/syncStatusStore';
import '../sync/sync.css';

const DEAD_LIMIT = 200;

/**
 * Admins switch each remote on or off, set its address and secret, test it, watch its live
 * status (polled by the header's indicator), and settle the dead letters below.
 */
export function SyncSettingsPage() {
  const { t } = useTranslation();
  const connectors = useOperation('sync.connectors', {});
  const dead = useOperation('sync.deadLetters', { limit: DEAD_LIMIT });
  const { status, refresh } = useSyncStatus();
  const deadTotal = status?.connectors.reduce((n, c) => n + c.dead, 0);
  const listed = dead.data?.length;
  const reloadDead = dead.reload;
  const reloadConnectors = connectors.reload;
  // A delivery can change a connector's stored settings (Didit's pushed workflow id).
  const delivered = status?.connectors.reduce((n, c) => n + c.deliveredTotal, 0);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Each status poll counts the dead rows: when the list shown disagrees (a delivery died, a
  // retried row died again, another admin settled one), load the list again.
  useEffect(() => {
    if (deadTotal !== undefined && listed !== undefined && Math.min(deadTotal, DEAD_LIMIT) !== listed) reloadDead();
  }, [status, deadTotal, listed, reloadDead]);
  const seenDelivered = useRef(delivered);
  useEffect(() => {
    if (delivered === undefined) return;
    // The first count came with the settings already loaded; only a change needs a reload.
    if (seenDelivered.current !== undefined && seenDelivered.current !== delivered) reloadConnectors();
    seenDelivered.current = delivered;
  }, [delivered, reloadConnectors]);

  return (
    <main className="page sync-page">
      <div className="page-title">
        <h1>{t('sync.title')}</h1>
      </div>
      <p className="muted intro">{t('sync.intro')}</p>
      <div className="sync-cards">
        {connectors.data
          ? CONNECTOR_FORMS.map((form) => (
              <ConnectorCard
                key={form.id}
                form={form}
                view={connectors.data?.find((v) => v.id === form.id)}
                status={status?.connectors.find((c) => c.id === form.id)}
                onSaved={() => {
                  reloadConnectors();
                  void refresh();
                }}
              />
            ))
          : CONNECTOR_FORMS.map((f) => <SkeletonBlock key={f.id} lines={8} />)}
      </div>
      <DeadLetterList
        items={dead.data}
        loading={dead.loading}
        onChanged={() => {
          dead.reload();
          void refresh();
        }}
      />
    </main>
  );
}
