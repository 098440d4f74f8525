import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreeningHitView } from '../../../shared/contracts/sanctionsContract';
import type { CaseDetail } from '../../../shared/schemas/case';
import type { Disposition } from '../../../shared/schemas/sanctions';
import { profileFacts } from '../../../shared/profileFacts';
import { callOrToast, useOperation } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { useSession } from '../store/sessionStore';

/** The customer's own data, shown beside each hit's list entry. */
function customerOf(detail: CaseDetail): { name: string; birth: string | null; nationality: string | null; document: string | null } {
  const p = detail.profile;
  const facts = profileFacts(p);
  return { name: p.displayName, birth: facts.dateOfBirth, nationality: p.type === 'PERSON' ? (p.data.nationality ?? facts.countryCode) : facts.countryCode, document: facts.documentNumber };
}

function HitRow({ hit, customer, canDecide, onChanged }: { hit: ScreeningHitView; customer: ReturnType<typeof customerOf>; canDecide: boolean; onChanged(): void }) {
  const { t } = useTranslation();
  const [deciding, setDeciding] = useState<Disposition | null>(null);
  const [reason, setReason] = useState('');
  const e = hit.entry;
  const record = async () => {
    if (!deciding) return;
    if (await callOrToast('sanctions.dispose', { hitId: hit.id, disposition: deciding, reason })) {
      setDeciding(null);
      setReason('');
      onChanged();
    }
  };
  return (
    <li className={`sanction-hit ${hit.disposition === 'FALSE_POSITIVE' ? 'cleared' : hit.disposition === 'TRUE_POSITIVE' ? 'confirmed' : 'open'}`} data-hit={`${hit.source}:${hit.entryId}`}>
      <div className="sanction-head">
        <strong>{hit.source}</strong> <span className="muted">#{hit.entryId}</span>
        <span className="badge warn" data-testid="hit-score">
          {t('sanctions.score')} {hit.score}
        </span>
        <span className="badge" data-testid="hit-disposition">
          {hit.disposition ? t(`sanctions.${hit.disposition}`) : t('sanctions.open')}
        </span>
      </div>
      <table className="sanction-compare">
        <thead>
          <tr>
            <th />
            <th>{t('sanctions.customer')}</th>
            <th>{t('sanctions.entry')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('sanctions.names')}</th>
            <td>{customer.name}</td>
            <td>{e ? e.names.join(' · ') : hit.matchedName}</td>
          </tr>
          <tr>
            <th>{t('sanctions.birth')}</th>
            <td>{customer.birth ?? '—'}</td>
            <td>{e?.birthDates.join(', ') || '—'}</td>
          </tr>
          <tr>
            <th>{t('sanctions.nationality')}</th>
            <td>{customer.nationality ?? '—'}</td>
            <td>{e?.nationalities.join(', ') || '—'}</td>
          </tr>
          <tr>
            <th>{t('sanctions.documents')}</th>
            <td>{customer.document ?? '—'}</td>
            <td>{e?.documentNumbers.join(', ') || '—'}</td>
          </tr>
          {e && e.programs.length > 0 && (
            <tr>
              <th>{t('sanctions.programs')}</th>
              <td />
              <td>{e.programs.join(', ')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="small">
        <span className="muted">{t('sanctions.why')}:</span> {hit.why.join('; ')}
      </p>
      {hit.disposition && (
        <p className="small" data-testid="hit-reason">
          {t(`sanctions.${hit.disposition}`)}: “{hit.dispositionReason}” <span className="muted">{t('sanctions.by', { who: hit.disposedByName ?? '—', at: hit.disposedAt ? formatDateTime(hit.disposedAt) : '' })}</span>
        </p>
      )}
      {canDecide && !deciding && (
        <div className="button-row">
          <button type="button" className="button reject" onClick={() => setDeciding('TRUE_POSITIVE')}>
            {t('sanctions.markTrue')}
          </button>
          <button type="button" className="button secondary" onClick={() => setDeciding('FALSE_POSITIVE')}>
            {t('sanctions.markFalse')}
          </button>
        </div>
      )}
      {deciding && (
        <form
          className="decision-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            void record();
          }}
        >
          <label>
            {t('sanctions.reason')}
            <textarea required rows={2} value={reason} onChange={(ev) => setReason(ev.target.value)} />
          </label>
          {deciding === 'FALSE_POSITIVE' && <p className="muted small">{t('sanctions.remembered')}</p>}
          <div className="button-row">
            <button type="submit" className="button">
              {t('sanctions.save')} — {t(`sanctions.${deciding}`)}
            </button>
            <button type="button" className="button secondary" onClick={() => setDeciding(null)}>
              {t('sanctions.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** Sanctions and PEP hits for the case, each beside the customer's data, with the officer's disposition. */
export function SanctionsPanel({ detail, reload }: { detail: CaseDetail; reload: () => void }) {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const canDecide = role === 'officer' || role === 'senior_officer';
  const hits = useOperation('sanctions.hits', { caseId: detail.case.id });
  const lists = useOperation('sanctions.lists', {});
  const [busy, setBusy] = useState(false);
  const changed = () => {
    hits.reload();
    reload();
  };
  const screen = async () => {
    setBusy(true);
    await callOrToast('sanctions.screenCase', { caseId: detail.case.id });
    setBusy(false);
    changed();
  };
  const customer = customerOf(detail);
  const noLists = lists.data !== null && !lists.data.some((l) => l.active);
  return (
    <section className="panel" aria-labelledby="sanctions-title">
      <div className="panel-head">
        <h2 id="sanctions-title">{t('sanctions.panelTitle')}</h2>
        {canDecide && !noLists && (
          <button type="button" className="button secondary" onClick={() => void screen()} disabled={busy} aria-busy={busy}>
            {t('sanctions.screenNow')}
          </button>
        )}
      </div>
      {noLists ? (
        <p className="muted">{t('sanctions.noLists')}</p>
      ) : hits.data && hits.data.length === 0 ? (
        <p className="muted">{t('sanctions.none')}</p>
      ) : (
        <ul className="sanction-hits">
          {(hits.data ?? []).map((h) => (
            <HitRow key={h.id} hit={h} customer={customer} canDecide={canDecide} onChanged={changed} />
          ))}
        </ul>
      )}
    </section>
  );
}
