import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, type CaseStatus } from '../../../shared/caseStatus';
import { EXPORT_DATE_FIELDS, EXPORT_DECISIONS, EXPORT_FORMATS, type ExportJob } from '../../../shared/schemas/report';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { errorMessage } from '../api/errorMessage';

type DateField = (typeof EXPORT_DATE_FIELDS)[number];
type DecisionFilter = (typeof EXPORT_DECISIONS)[number];
type Format = (typeof EXPORT_FORMATS)[number];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** The auditor's selection: a date range and filters; the service validates it again. */
export function ExportForm({ onStarted }: { onStarted(job: ExportJob): void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const [dateField, setDateField] = useState<DateField>('created');
  const [statuses, setStatuses] = useState<CaseStatus[]>([]);
  const [decisions, setDecisions] = useState<DecisionFilter[]>([]);
  const [countries, setCountries] = useState('');
  const [profileType, setProfileType] = useState<'' | 'PERSON' | 'COMPANY'>('');
  const [format, setFormat] = useState<Format>('zip');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api.call('reports.startExport', {
      filters: {
        from,
        to,
        dateField,
        statuses,
        decisions,
        countries: countries.split(/[\s,;]+/).filter(Boolean),
        ...(profileType ? { profileType } : {}),
      },
      format,
    });
    setBusy(false);
    if (r.ok) onStarted(r.value);
    else {
      setError(errorMessage(r.error));
      handleError(r.error);
    }
  };

  return (
    <form className="panel export-form" onSubmit={(e) => void submit(e)} aria-labelledby="export-form-title">
      <h2 id="export-form-title">{t('reports.form.heading')}</h2>
      <div className="filter-bar">
        <label>
          {t('reports.form.from')}
          <input type="date" value={from} max={to} required onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t('reports.form.to')}
          <input type="date" value={to} min={from} required onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t('reports.form.dateField')}
          <select value={dateField} onChange={(e) => setDateField(e.target.value as DateField)}>
            {EXPORT_DATE_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`reports.form.dateFields.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.form.profileType')}
          <select value={profileType} onChange={(e) => setProfileType(e.target.value as '' | 'PERSON' | 'COMPANY')}>
            <option value="">{t('reports.form.anyType')}</option>
            <option value="PERSON">{t('reports.form.person')}</option>
            <option value="COMPANY">{t('reports.form.company')}</option>
          </select>
        </label>
        <label>
          {t('reports.form.countries')}
          <input type="text" className="countries" value={countries} placeholder="CO, MX, CN" aria-describedby="countries-hint" onChange={(e) => setCountries(e.target.value.toUpperCase())} />
          <span id="countries-hint" className="visually-hidden">
            {t('reports.form.countriesHint')}
          </span>
        </label>
      </div>
      <fieldset>
        <legend>{t('reports.form.statuses')}</legend>
        {CASE_STATUSES.map((s) => (
          <label key={s} className={`chip${statuses.includes(s) ? ' active' : ''}`}>
            <input type="checkbox" checked={statuses.includes(s)} onChange={() => setStatuses(toggle(statuses, s))} />
            {t(`status.${s}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('reports.form.decisions')}</legend>
        {EXPORT_DECISIONS.map((d) => (
          <label key={d} className={`chip${decisions.includes(d) ? ' active' : ''}`}>
            <input type="checkbox" checked={decisions.includes(d)} onChange={() => setDecisions(toggle(decisions, d))} />
            {d === 'none' ? t('reports.form.decisionNone') : t(`action.${d}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('reports.form.format')}</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f} className="radio">
            <input type="radio" name="export-format" value={f} checked={format === f} onChange={() => setFormat(f)} />
            {t(`reports.form.formats.${f}`)}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('reports.form.starting') : t('reports.form.start')}
        </button>
      </div>
    </form>
  );
}
