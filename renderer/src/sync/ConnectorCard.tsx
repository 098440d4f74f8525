import { DIDIT_WEBHOOK_PATH } from '../../../shared/schemas/sync';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCode } from '../../../shared/errorCodes';
import type { ServiceError } from '../../../shared/result';
import type { ConnectorStatus, ConnectorView } from '../../../shared/schemas/sync';
import { api } from '../api/apiClient';
import { handleError } from '../api/useOperation';
import { formatDateTime } from '../format/formatDateTime';
import { CONNECTOR_NAMES } from './connectorNames';
import { configureInput, initialValues, secretState, type ConnectorForm, type SecretKey } from './connectorForms';
import { ConnectorStatusList } from './ConnectorStatusList';
import { errorMessage } from '../api/errorMessage';
import type { TFunction } from 'i18next';

interface Props {
  form: ConnectorForm;
  view: ConnectorView | undefined;
  status: ConnectorStatus | undefined;
  onSaved(view: ConnectorView): void;
}

/** Errors belong next to the card's fields; only a gone session leaves the page. */
function inline(error: ServiceError): ServiceError {
  if (error.code === ErrorCode.SESSION_EXPIRED || error.code === ErrorCode.NOT_AUTHENTICATED) handleError(error);
  return error;
}

/** `config.baseUrl` -> `baseUrl`: which input the service's complaint is about. */
function fieldOf(error: ServiceError | null): string | null {
  return error?.field ? (error.field.split('.').pop() ?? null) : null;
}

/** A refusal of one setting, named by the label the card shows it under ("Base URL: must be …"), not by its key. */
function fieldRefusal(error: ServiceError, form: ConnectorForm, t: TFunction): string {
  const message = errorMessage(error);
  const key = fieldOf(error);
  const spec = [...form.fields, ...form.secrets].find((f) => f.key === key);
  if (!key || !spec) return message;
  const rest = message.startsWith(`${key} `) ? message.slice(key.length + 1) : message;
  return `${t(spec.labelKey)}${t('case.colon')}${rest}`;
}

/**
 * One connector: switch, settings, write-only secrets (the masked tail shown, empty keeps it),
 * Save, a connection test against the saved settings, and the live status below.
 */
export function ConnectorCard({ form, view: latest, status, onSaved }: Props) {
  const { t } = useTranslation();
  const uid = useId();
  // The stored settings the form started from: the page reloads them in the background (the
  // service records Didit's workflow id itself), and a reload must not wipe what is being typed.
  const [view, setView] = useState(latest);
  const [enabled, setEnabled] = useState(latest?.enabled ?? false);
  const [values, setValues] = useState(() => initialValues(form, latest));
  const [secrets, setSecrets] = useState<Partial<Record<SecretKey, string>>>({});
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<ServiceError | null>(null);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);

  const stored = initialValues(form, view);
  const dirty = enabled !== (view?.enabled ?? false) || Object.values(secrets).some(Boolean) || form.fields.some((f) => values[f.key] !== stored[f.key]);
  const badField = fieldOf(error);

  const startFrom = useCallback(
    (v: ConnectorView | undefined) => {
      setView(v);
      setEnabled(v?.enabled ?? false);
      setValues(initialValues(form, v));
      setSecrets({});
    },
    [form],
  );
  const dirtyNow = useRef(dirty);
  useEffect(() => {
    dirtyNow.current = dirty;
  });
  useEffect(() => {
    if (!dirtyNow.current) startFrom(latest);
  }, [latest, startFrom]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setError(null);
    setTest(null);
    const r = await api.call('sync.configure', configureInput(form.id, enabled, values, secrets, view));
    setBusy(null);
    if (r.ok) {
      // The form starts again from what was saved: the secret fields empty, their masked tails shown.
      startFrom(r.value);
      onSaved(r.value);
    } else setError(inline(r.error));
  };

  const runTest = async () => {
    setBusy('test');
    setTest(null);
    const r = await api.call('sync.test', { id: form.id });
    setBusy(null);
    // The service refusing (e.g. "switch the connector on first") is an answer too.
    setTest(r.ok ? r.value : { ok: false, message: inline(r.error).message });
  };

  const name = CONNECTOR_NAMES[form.id];
  const state = status?.state ?? (view?.enabled ? 'idle' : 'disabled');
  return (
    <section className="panel sync-card" data-connector={form.id} aria-labelledby={`${uid}-title`}>
      <div className="sync-card-head">
        <div>
          <h2 id={`${uid}-title`}>{name}</h2>
          <p className="muted small">{t(`sync.connectors.${form.id}.description`)}</p>
          {form.id === 'didit' && (
            <p className="muted small" data-testid="didit-webhook-url">
              {t('sync.card.webhookUrl', { url: `${window.location.origin}${DIDIT_WEBHOOK_PATH}` })}
            </p>
          )}
        </div>
        <span className={`badge sync-state-${state}`}>{t(`sync.status.states.${state}`)}</span>
      </div>
      <form className="sync-form" onSubmit={(e) => void save(e)} noValidate>
        <label className="sync-switch">
          <input type="checkbox" role="switch" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span className="sync-switch-track" aria-hidden="true" />
          <span>{t('sync.card.enabled')}</span>
        </label>
        {form.fields.map((f) => (
          <label key={f.key} className="sync-field">
            <span>
              {t(f.labelKey)}
              {f.required && <span aria-hidden="true"> *</span>}
            </span>
            <input
              type={f.type}
              value={values[f.key] ?? ''}
              required={f.required}
              placeholder={f.placeholder}
              spellCheck={false}
              aria-invalid={badField === f.key || undefined}
              onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
            />
            {f.hintKey && <small className="muted">{t(f.hintKey)}</small>}
          </label>
        ))}
        {form.secrets.map((spec) => {
          const saved = secretState(view, spec.key);
          const masked = saved.hint ?? '••••';
          return (
            <label key={spec.key} className="sync-field">
              <span>{t(spec.labelKey)}</span>
              <input
                type="password"
                value={secrets[spec.key] ?? ''}
                autoComplete="new-password"
                placeholder={saved.set ? masked : t('sync.card.secretNotSet')}
                aria-invalid={badField === spec.key || undefined}
                onChange={(e) => setSecrets((s) => ({ ...s, [spec.key]: e.target.value }))}
              />
              {spec.hintKey && <small className="muted">{t(spec.hintKey)}</small>}
              {saved.set ? <small className="muted">{t('sync.card.secretKeep', { hint: masked })}</small> : spec.key === 'secret' && <small className="muted">{t('sync.card.secretRequired')}</small>}
            </label>
          );
        })}
        {error && (
          <p className="form-error" role="alert">
            {fieldRefusal(error, form, t)}
          </p>
        )}
        <div className="sync-card-actions">
          <button type="submit" className="button primary" disabled={busy !== null || !dirty} aria-busy={busy === 'save'}>
            {busy === 'save' ? t('sync.card.saving') : t('sync.card.save')}
          </button>
          <button type="button" className="button secondary" disabled={busy !== null || dirty || !view?.enabled}
            title={dirty || !view?.enabled ? t('sync.card.testSaveFirst') : undefined} aria-busy={busy === 'test'} onClick={() => void runTest()}>
            {busy === 'test' ? t('sync.card.testing') : t('sync.card.test')}
          </button>
          <span className="muted small">{dirty ? t('sync.card.unsaved') : view?.updatedAt ? t('sync.card.updatedAt', { at: formatDateTime(view.updatedAt) }) : t('sync.card.neverSaved')}</span>
        </div>
        {test && (
          <p className={`sync-test ${test.ok ? 'sync-test-ok' : 'sync-test-failed'}`} role="status" data-ok={test.ok}>
            {test.ok ? t('sync.card.testOk', { message: test.message }) : t('sync.card.testFailed', { message: test.message })}
          </p>
        )}
      </form>
      <ConnectorStatusList status={status} />
    </section>
  );
}
