import { useTranslation } from 'react-i18next';
import type { Policy } from '../../../shared/schemas/policy';
import { formatDateTime } from '../format/formatDateTime';
import { policyAuthorship } from './policyAuthorship';
import { changesBetween } from './policyForm';

/** One version of the history: who, when, why, and each field it changed from the one before (old → new). */
export function PolicyVersionEntry({ version, previous, current }: { version: Policy; previous: Policy | undefined; current: boolean }) {
  const { t } = useTranslation();
  const authorship = policyAuthorship(version, t);
  const shown = (v: unknown) => (typeof v === 'boolean' ? (v ? t('policy.on') : t('policy.off')) : v === undefined ? '—' : String(v));
  const changes = previous ? changesBetween(previous.body, version.body) : [];
  return (
    <li className={`policy-version${current ? ' policy-version-current' : ''}`} data-version={version.version}>
      <div className="policy-version-head">
        <strong>{t('policy.current.version', { version: version.version })}</strong>
        <span>{authorship.by}</span>
        <time className="muted small" dateTime={version.createdAt}>
          {formatDateTime(version.createdAt)}
        </time>
      </div>
      <p className="policy-note-text small">{authorship.note}</p>
      {!previous ? (
        <p className="muted small">{t('policy.history.first')}</p>
      ) : changes.length === 0 ? (
        <p className="muted small">{t('policy.history.noChanges')}</p>
      ) : (
        <ul className="policy-changes" aria-label={t('policy.history.changes')}>
          {changes.map((c) => (
            <li key={c.key} data-change={c.key}>
              <span className="policy-change-label">{t(`policy.fields.${c.key}.label`, { defaultValue: c.key })}</span>{' '}
              <span className="policy-change-from">{shown(c.from)}</span> → <span className="policy-change-to">{shown(c.to)}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
