import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectorView } from '../../../shared/schemas/sync';
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
  // Saved views replace the loaded ones one by one, so saving a card never resets another's edits.
  const [saved, setSaved] = useState<Partial<Record<ConnectorView['id'], ConnectorView>>>({});
  const deadTotal = status?.connectors.reduce((n, c) => n + c.dead, 0);
  const listed = dead.data?.length;
  const reloadDead = dead.reload;

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Each status poll counts the dead rows: when the list shown disagrees (a delivery died, a
  // retried row died again, another admin settled one), load the list again.
  useEffect(() => {
    if (deadTotal !== undefined && listed !== undefined && Math.min(deadTotal, DEAD_LIMIT) !== listed) reloadDead();
  }, [status, deadTotal, listed, reloadDead]);

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
                view={saved[form.id] ?? connectors.data?.find((v) => v.id === form.id)}
                status={status?.connectors.find((c) => c.id === form.id)}
                onSaved={(view) => {
                  setSaved((s) => ({ ...s, [view.id]: view }));
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
