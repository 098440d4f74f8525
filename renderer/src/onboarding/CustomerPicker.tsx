import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperation, callOrToast } from '../api/useOperation';
import { navigate } from '../useHashRoute';
import { StatusBadge } from '../components/StatusBadge';
import { SkeletonRows } from '../components/Skeleton';
import { compactAge } from '../format/compactAge';

/** Where onboarding starts: find a customer to see where they stand, or begin a new one. */
export function CustomerPicker() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const list = useOperation('intake.list', { limit: 30, ...(search.trim() ? { search: search.trim() } : {}) });
  const begin = async (type: 'PERSON' | 'COMPANY') => {
    setBusy(true);
    const s = await callOrToast('intake.begin', { type });
    setBusy(false);
    if (s) navigate({ page: 'onboarding', profileId: s.profileId });
  };
  return (
    <>
      <div className="page-title">
        <h1>{t('onboarding.picker.title')}</h1>
        <span className="spacer" />
        <button type="button" className="button primary" onClick={() => void begin('PERSON')} disabled={busy}>
          {t('onboarding.picker.newPerson')}
        </button>
        <button type="button" className="button secondary" onClick={() => void begin('COMPANY')} disabled={busy}>
          {t('onboarding.picker.newCompany')}
        </button>
      </div>
      <p className="muted">{t('onboarding.picker.intro')}</p>
      <div className="filter-bar">
        <label>
          {t('onboarding.picker.search')}
          <input className="search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('onboarding.picker.searchHint')} />
        </label>
      </div>
      <div className="table-wrap">
        <table className="queue-table customers">
          <thead>
            <tr>
              <th scope="col">{t('queue.name')}</th>
              <th scope="col">{t('queue.type')}</th>
              <th scope="col">{t('fields.externalId')}</th>
              <th scope="col">{t('queue.status')}</th>
              <th scope="col">{t('onboarding.picker.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {list.loading && !list.data ? (
              <SkeletonRows rows={5} columns={5} />
            ) : (list.data ?? []).length === 0 ? (
              <tr>
                <td colSpan={5}>
                  <div className="empty-state">
                    <strong>{search ? t('onboarding.picker.noMatch') : t('onboarding.picker.empty')}</strong>
                    <span className="muted">{t('onboarding.picker.emptyHint')}</span>
                  </div>
                </td>
              </tr>
            ) : (
              (list.data ?? []).map((c) => (
                <tr
                  key={c.profileId}
                  className="queue-row"
                  tabIndex={0}
                  onClick={() => navigate({ page: 'onboarding', profileId: c.profileId })}
                  onKeyDown={(e) => e.key === 'Enter' && navigate({ page: 'onboarding', profileId: c.profileId })}
                >
                  <td className="name-cell">{c.displayName ?? <span className="muted">{t('onboarding.status.unnamed')}</span>}</td>
                  <td>
                    <span className={`type-chip type-${c.type.toLowerCase()}`}>{t(`onboarding.type.${c.type}`)}</span>
                  </td>
                  <td>{c.externalId ?? '—'}</td>
                  <td>
                    <StatusBadge status={c.caseStatus} />
                  </td>
                  <td className="num">{t('onboarding.picker.ago', { age: compactAge(c.updatedAt, t) })}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
