import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '../../../shared/schemas/sync';
import { callOrToast } from '../api/useOperation';
import { SkeletonRows } from '../components/Skeleton';
import { formatDateTime } from '../format/formatDateTime';
import { toast } from '../store/toastStore';
import { routeHash } from '../useHashRoute';
import { CONNECTOR_NAMES, kindKey } from './connectorNames';

const COLUMNS = 7;

/** Retry or discard: both need a note, because both are audited decisions about a customer's record. */
function NoteForm({ item, action, onDone }: { item: OutboxItem; action: 'retry' | 'discard'; onDone(changed: boolean): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = action === 'retry' ? await callOrToast('sync.retry', { id: item.id, note }) : await callOrToast('sync.discard', { id: item.id, note });
    setBusy(false);
    if (r) {
      toast(action === 'retry' ? t('sync.dead.retried') : t('sync.dead.discarded'));
      onDone(true);
    }
  };
  return (
    <form
      className="sync-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={id}>{action === 'retry' ? t('sync.dead.retryNote') : t('sync.dead.discardNote')}</label>
      <textarea id={id} value={note} rows={2} maxLength={1000} required autoFocus onChange={(e) => setNote(e.target.value)} />
      <div className="row-actions">
        <button type="submit" className={`button ${action === 'retry' ? 'primary' : 'reject'}`} disabled={busy || !note.trim()} aria-busy={busy}>
          {action === 'retry' ? t('sync.dead.confirmRetry') : t('sync.dead.confirmDiscard')}
        </button>
        <button type="button" className="button secondary" onClick={() => onDone(false)}>
          {t('sync.dead.cancel')}
        </button>
      </div>
    </form>
  );
}

function DeadRow({ item, onChanged }: { item: OutboxItem; onChanged(): void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<'retry' | 'discard' | null>(null);
  return (
    <>
      <tr data-outbox-id={item.id}>
        <td>{formatDateTime(item.createdAt)}</td>
        <td>{CONNECTOR_NAMES[item.connector]}</td>
        <td>{t(kindKey(item.kind), { defaultValue: item.kind })}</td>
        <td>{item.caseId ? <a href={routeHash({ page: 'case', caseId: item.caseId })}>{item.caseId.slice(0, 8)}</a> : '—'}</td>
        <td className="num">{item.attempts}</td>
        <td className="sync-error-cell">{item.lastError ?? <span className="muted">—</span>}</td>
        <td className="sync-row-actions">
          <button type="button" className="button secondary" disabled={action !== null} onClick={() => setAction('retry')}>
            {t('sync.dead.retry')}
          </button>
          <button type="button" className="button secondary" disabled={action !== null} onClick={() => setAction('discard')}>
            {t('sync.dead.discard')}
          </button>
        </td>
      </tr>
      {action && (
        <tr className="sync-note-row">
          <td colSpan={COLUMNS}>
            <NoteForm
              item={item}
              action={action}
              onDone={(changed) => {
                setAction(null);
                if (changed) onChanged();
              }}
            />
          </td>
        </tr>
      )}
    </>
  );
}

/** Remote effects that failed for good, for an admin to retry once the cause is fixed, or discard. */
export function DeadLetterList({ items, loading, onChanged }: { items: OutboxItem[] | null; loading: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  return (
    <section className="sync-dead-letters" aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">{t('sync.dead.heading')}</h2>
      <p className="muted intro">{t('sync.dead.intro')}</p>
      <div className="table-wrap">
        {items && items.length === 0 ? (
          <div className="empty-state">
            <strong>{t('sync.dead.empty')}</strong>
            <span className="muted">{t('sync.dead.emptyHint')}</span>
          </div>
        ) : (
          <table className="sync-table" aria-busy={loading && !items}>
            <thead>
              <tr>
                <th scope="col">{t('sync.dead.created')}</th>
                <th scope="col">{t('sync.dead.connector')}</th>
                <th scope="col">{t('sync.dead.kind')}</th>
                <th scope="col">{t('sync.dead.case')}</th>
                <th scope="col">{t('sync.dead.attempts')}</th>
                <th scope="col">{t('sync.dead.lastError')}</th>
                <th scope="col">
                  <span className="sr-only">{t('sync.dead.retry')}</span>
                </th>
              </tr>
            </thead>
            <tbody>{items ? items.map((i) => <DeadRow key={i.id} item={i} onChanged={onChanged} />) : <SkeletonRows rows={2} columns={COLUMNS} />}</tbody>
          </table>
        )}
      </div>
    </section>
  );
}
