import { useTranslation } from 'react-i18next';
import type { AuditFacets } from '../../../shared/schemas/audit';
import { NO_FILTERS, SYSTEM_ACTOR, type AuditFilters } from './useAuditEvents';
import { auditTypeLabel } from '../components/describeAuditEvent';

interface Props {
  filters: AuditFilters;
  facets: AuditFacets | null;
  onChange(patch: Partial<AuditFilters>): void;
}

/** Actor, type, case and day range; every control is labelled and reachable by keyboard. */
export function AuditFilterBar({ filters, facets, onChange }: Props) {
  const { t } = useTranslation();
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <form className="filter-bar audit-filters" aria-label={t('auditLog.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('auditLog.filters.actor')}
        <select value={filters.actorId} onChange={(e) => onChange({ actorId: e.target.value, beforeSeq: null })}>
          <option value="">{t('auditLog.filters.anyActor')}</option>
          {facets?.actors.map((a) => (
            <option key={a.id ?? SYSTEM_ACTOR} value={a.id ?? SYSTEM_ACTOR}>
              {a.id === null ? t('auditLog.filters.system') : a.name} ({a.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('auditLog.filters.type')}
        <select value={filters.type} onChange={(e) => onChange({ type: e.target.value, beforeSeq: null })}>
          <option value="">{t('auditLog.filters.anyType')}</option>
          {facets?.types.map((x) => (
            <option key={x.type} value={x.type}>
              {auditTypeLabel(x.type, t)} · {x.type} ({x.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('auditLog.filters.caseId')}
        <input
          className="search audit-case-input"
          type="search"
          value={filters.caseId}
          placeholder={t('auditLog.filters.casePlaceholder')}
          spellCheck={false}
          onChange={(e) => onChange({ caseId: e.target.value, beforeSeq: null })}
        />
      </label>
      <label>
        {t('auditLog.filters.from')}
        <input type="date" value={filters.fromDay} max={filters.toDay || undefined} onChange={(e) => onChange({ fromDay: e.target.value, beforeSeq: null })} />
      </label>
      <label>
        {t('auditLog.filters.to')}
        <input type="date" value={filters.toDay} min={filters.fromDay || undefined} onChange={(e) => onChange({ toDay: e.target.value, beforeSeq: null })} />
      </label>
      {filters.beforeSeq !== null && (
        <span className="chip active audit-from-seq">
          {t('auditLog.filters.fromSeq', { seq: filters.beforeSeq - 1 })}
          <button type="button" className="link" onClick={() => onChange({ beforeSeq: null })}>
            {t('auditLog.filters.newest')}
          </button>
        </span>
      )}
      <button type="button" className="button secondary" disabled={!active} onClick={() => onChange(NO_FILTERS)}>
        {t('auditLog.filters.clear')}
      </button>
    </form>
  );
}
