import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_TOKEN_ROLES, apiTokenNameSchema, type ApiToken, type ApiTokenRole } from '../../../shared/contracts/apiTokenContract';
import { api } from '../api/apiClient';
import { callOrToast, handleError, useOperation } from '../api/useOperation';
import { errorMessage } from '../api/errorMessage';
import { SkeletonRows } from '../components/Skeleton';
import { formatDateTime } from '../format/formatDateTime';
import './apiTokens.css';

const COLUMNS = 7;

/** The raw token, shown once right after creation, with a copy button. */
function CreatedToken({ name, token, onDone }: { name: string; token: string; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure origin or permission): the field stays selectable.
      document.getElementById('new-api-token')?.focus();
    }
  };
  return (
    <section className="panel token-created" role="status" aria-labelledby="token-created-title">
      <h2 id="token-created-title">{t('apiTokens.created.heading', { name })}</h2>
      <p className="muted">{t('apiTokens.created.once')}</p>
      <div className="token-value-row">
        <input id="new-api-token" className="token-value" readOnly value={token} aria-label={t('apiTokens.created.heading', { name })} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button secondary" onClick={() => void copy()}>
          {copied ? t('apiTokens.created.copied') : t('apiTokens.created.copy')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('apiTokens.created.done')}
        </button>
      </div>
    </section>
  );
}

function CreateForm({ onCreated }: { onCreated(name: string, token: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('branch_staff');
  const [busy, setBusy] = useState(false);
  /** A refused name is said under the field, where it is corrected, not in a passing toast. */
  const [nameError, setNameError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The same schema as the service's: a name it would refuse is caught here, in the UI's words.
    if (!apiTokenNameSchema.safeParse(name).success) {
      setNameError(t('apiTokens.create.nameRules'));
      return;
    }
    setBusy(true);
    const r = await api.call('apiTokens.create', { name, role });
    setBusy(false);
    if (r.ok) {
      setName('');
      setNameError(null);
      onCreated(r.value.apiToken.name, r.value.token);
    } else if (r.error.field === 'name') setNameError(errorMessage(r.error));
    else handleError(r.error);
  };
  return (
    <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-labelledby="token-form-title">
      <h2 id="token-form-title">{t('apiTokens.create.heading')}</h2>
      <div className="token-form-row">
        <label className="token-field">
          <span>{t('apiTokens.create.name')}</span>
          <input
            type="text"
            value={name}
            required
            maxLength={60}
            placeholder={t('apiTokens.create.namePlaceholder')}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? 'token-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
          />
          {nameError ? (
            <span id="token-name-error" className="field-error" role="alert">
              {nameError}
            </span>
          ) : null}
        </label>
        <label className="token-field">
          <span>{t('apiTokens.create.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as ApiTokenRole)}>
            {API_TOKEN_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`apiTokens.create.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button" disabled={busy || !name.trim()} aria-busy={busy}>
          {busy ? t('apiTokens.create.busy') : t('apiTokens.create.submit')}
        </button>
      </div>
    </form>
  );
}

function TokenRow({ token, onChanged }: { token: ApiToken; onChanged(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    if (!window.confirm(t('apiTokens.list.confirmRevoke', { name: token.name }))) return;
    setBusy(true);
    const r = await callOrToast('apiTokens.revoke', { id: token.id });
    setBusy(false);
    if (r) onChanged();
  };
  return (
    <tr className={token.revokedAt ? 'token-revoked' : undefined}>
      <td>
        <strong>{token.name}</strong>
      </td>
      <td>{t(`apiTokens.create.roles.${token.role}`)}</td>
      <td>{token.createdBy}</td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : <span className="muted">{t('apiTokens.list.never')}</span>}</td>
      <td>
        {token.revokedAt ? (
          <span className="badge token-status-revoked">{t('apiTokens.list.revoked', { at: formatDateTime(token.revokedAt) })}</span>
        ) : (
          <span className="badge token-status-active">{t('apiTokens.list.active')}</span>
        )}
      </td>
      <td className="token-actions">
        {!token.revokedAt && (
          <button type="button" className="button secondary" onClick={() => void revoke()} disabled={busy} aria-busy={busy} aria-label={`${t('apiTokens.list.revoke')} ${token.name}`}>
            {busy ? t('apiTokens.list.revoking') : t('apiTokens.list.revoke')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** Admins create REST API tokens (shown once), see when each was last used, and revoke them. */
export function ApiTokensPage() {
  const { t } = useTranslation();
  const list = useOperation('apiTokens.list', {});
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const tokens = list.data;
  return (
    <main className="page api-tokens-page">
      <div className="page-title">
        <h1>{t('apiTokens.title')}</h1>
      </div>
      <p className="muted intro">{t('apiTokens.intro')}</p>
      {created ? (
        <CreatedToken name={created.name} token={created.token} onDone={() => setCreated(null)} />
      ) : (
        <CreateForm
          onCreated={(name, token) => {
            setCreated({ name, token });
            list.reload();
          }}
        />
      )}
      <section aria-labelledby="tokens-list-title">
        <h2 id="tokens-list-title">{t('apiTokens.list.heading')}</h2>
        <div className="table-wrap">
          {tokens && tokens.length === 0 ? (
            <div className="empty-state">
              <strong>{t('apiTokens.list.empty')}</strong>
              <span className="muted">{t('apiTokens.list.emptyHint')}</span>
            </div>
          ) : (
            <table className="token-table" aria-busy={list.loading && !tokens}>
              <thead>
                <tr>
                  <th scope="col">{t('apiTokens.list.name')}</th>
                  <th scope="col">{t('apiTokens.list.role')}</th>
                  <th scope="col">{t('apiTokens.list.createdBy')}</th>
                  <th scope="col">{t('apiTokens.list.createdAt')}</th>
                  <th scope="col">{t('apiTokens.list.lastUsed')}</th>
                  <th scope="col">{t('apiTokens.list.status')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('apiTokens.list.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>{tokens ? tokens.map((tok) => <TokenRow key={tok.id} token={tok} onChanged={list.reload} />) : <SkeletonRows rows={3} columns={COLUMNS} />}</tbody>
            </table>
          )}
        </div>
      </section>
    </main>
  );
}
