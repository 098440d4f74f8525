import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import type { IntakeListItem } from '../../../shared/schemas/intake';
import { getAt, type FieldErrors, type FormValues } from './formModel';
import { NewPersonDialog } from './NewPersonDialog';

/** Company owners are PERSON profiles: found by name or id, or created here as new ones. */
export function OwnerPicker({ values, errors, set }: { values: FormValues; errors: FieldErrors; set(path: string, v: unknown): void }) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<IntakeListItem[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState(false);
  const main = String(getAt(values, 'mainOwnerUser') ?? '');
  const others = ((getAt(values, 'ownerUsers') as string[] | undefined) ?? []).filter((id) => id !== main);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api.call('intake.list', { type: 'PERSON', withProfile: true, limit: 8, ...(search.trim() ? { search: search.trim() } : {}) }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setResults(r.value);
          setNames((n) => ({ ...n, ...Object.fromEntries(r.value.map((p) => [p.profileId, p.displayName ?? p.profileId])) }));
        } else handleError(r.error);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);

  // Owners chosen in an earlier visit are ids in the draft: their names are fetched, not shown as ids.
  const unnamed = [main, ...others].filter((id) => id && !(id in names)).join(',');
  useEffect(() => {
    if (!unnamed) return;
    let live = true;
    const ids = unnamed.split(',');
    void Promise.all(ids.map((id) => api.call('profiles.get', { id }))).then((rs) => {
      if (!live) return;
      // One that cannot be read (removed since) keeps its id, the only name left for it.
      setNames((n) => ({ ...n, ...Object.fromEntries(rs.map((r, i) => [ids[i]!, r.ok ? r.value.displayName : ids[i]!])) }));
    });
    return () => {
      live = false;
    };
  }, [unnamed]);

  const nameOf = (id: string) => names[id] ?? t('onboarding.common.loading');
  const addOwner = (id: string, asMain: boolean) => {
    if (asMain) {
      set('mainOwnerUser', id);
      set('ownerUsers', others.filter((o) => o !== id));
    } else if (id !== main && !others.includes(id)) set('ownerUsers', [...others, id]);
  };
  const ownerError = errors.mainOwnerUser ?? Object.entries(errors).find(([k]) => k.startsWith('ownerUsers'))?.[1];

  return (
    <fieldset className={`form-section${ownerError ? ' has-error' : ''}`} data-field="mainOwnerUser">
      <legend>{t('fields.owners')}</legend>
      <div className="owners-chosen">
        <div>
          <span className="muted small">{t('fields.mainOwner')} *</span>
          {main ? <strong data-testid="main-owner">{nameOf(main)}</strong> : <span className="muted">{t('onboarding.owners.noneYet')}</span>}
        </div>
        {others.length > 0 ? (
          <div>
            <span className="muted small">{t('fields.otherOwners')}</span>
            <ul className="chip-list">
              {others.map((id) => (
                <li key={id} className="chip">
                  {nameOf(id)}
                  <button type="button" className="link" aria-label={t('onboarding.form.remove', { name: nameOf(id) })} onClick={() => set('ownerUsers', others.filter((o) => o !== id))}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {ownerError ? (
        <p className="field-error" role="alert">
          {ownerError}
        </p>
      ) : null}
      <div className="owner-search">
        <label htmlFor={searchId}>{t('onboarding.owners.search')}</label>
        <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('onboarding.owners.searchHint')} />
      </div>
      {results === null ? (
        <p className="muted small">{t('onboarding.common.loading')}</p>
      ) : results.length === 0 ? (
        <p className="muted small">{t('onboarding.owners.noMatch')}</p>
      ) : (
        <ul className="owner-results">
          {results.map((p) => (
            <li key={p.profileId}>
              <span>
                <strong>{p.displayName}</strong> <span className="muted small">{p.externalId}</span>{' '}
                {/* Each person's own verification, so a rejected or unfinished one is not made an owner unawares. */}
                <span className={`badge status-${p.caseStatus.toLowerCase()}`}>{t(`status.${p.caseStatus}`)}</span>
              </span>
              <span className="button-row">
                <button type="button" className="button secondary" onClick={() => addOwner(p.profileId, true)} disabled={p.profileId === main}>
                  {t('onboarding.owners.setMain')}
                </button>
                <button type="button" className="button secondary" onClick={() => addOwner(p.profileId, false)} disabled={p.profileId === main || others.includes(p.profileId)}>
                  {t('onboarding.owners.add')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button secondary" onClick={() => setCreating(true)}>
        {t('onboarding.owners.createNew')}
      </button>
      {creating ? (
        <NewPersonDialog
          onClose={() => setCreating(false)}
          onCreated={(id, name) => {
            setNames((n) => ({ ...n, [id]: name }));
            addOwner(id, !main);
            setCreating(false);
          }}
        />
      ) : null}
    </fieldset>
  );
}
