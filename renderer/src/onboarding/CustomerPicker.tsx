import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperation, callOrToast } from '../api/useOperation';
import { navigate } from '../useHashRoute';
import { StatusBadge } from '../components/StatusBadge';
import { SkeletonRows } from '../components/Skeleton';
import { compactAge } from '../format/compactAge';
import { discardApplication } from './discardApplication';
import { INTAKE_LIST_MAX } from '../../../shared/contracts/intakeContract';

/** Rows listed at first and added by each "Show more", up to what the service lists at most. */
const PAGE = 30;

/** Where onboarding starts: find a customer to see where they stand, or begin a new one. */
export function CustomerPicker() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const list = useOperation('intake.list', { limit, ...(search.trim() ? { search: search.trim() } : {}) });
  const rows = list.data ?? [];
  // A full page may have more behind it.
  const full = rows.length === limit;
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
          <input
            className="search"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setLimit(PAGE);
            }}
            placeholder={t('onboarding.picker.searchHint')}
          />
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
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={5}>
                  <div className="empty-state">
                    <strong>{search ? t('onboarding.picker.noMatch') : t('onboarding.picker.empty')}</strong>
                    <span className="muted">{t('onboarding.picker.emptyHint')}</span>
                  </div>
                </td>
              </tr>
            ) : (
              rows.map((c) => (
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
                    {c.hasProfile ? null : (
                      <button
                        type="button"
                        className="link discard-row"
                        aria-label={t('onboarding.discard.rowLabel', { age: compactAge(c.updatedAt, t) })}
                        // The row opens the application: this button must not.
                        onKeyDown={(e) => e.stopPropagation()}
                        onClick={(e) => {
                          e.stopPropagation();
                          void discardApplication(c.profileId, t).then((gone) => gone && list.reload());
                        }}
                      >
                        {t('onboarding.discard.rowButton')}
                      </button>
                    )}
                  </td>
                  <td className="num">{t('onboarding.picker.ago', { age: compactAge(c.updatedAt, t) })}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {rows.length > 0 ? (
        <div className="list-footer">
          <span className="muted small">{full && limit >= INTAKE_LIST_MAX ? t('onboarding.list.capped', { count: rows.length }) : t('onboarding.list.showing', { count: rows.length })}</span>
          {full && limit < INTAKE_LIST_MAX ? (
            <button type="button" className="button secondary" onClick={() => setLimit((n) => Math.min(INTAKE_LIST_MAX, n + PAGE))} disabled={list.loading}>
              {t('onboarding.list.more')}
            </button>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
