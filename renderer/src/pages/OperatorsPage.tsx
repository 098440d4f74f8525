import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, ROLES, type Lockout, type Operator, type Role } from '../../../shared/schemas/operator';
import { callOrToast, useOperation } from '../api/useOperation';
import { SkeletonRows } from '../components/Skeleton';
import { formatDateTime } from '../format/formatDateTime';
import { useSession } from '../store/sessionStore';
import { toast } from '../store/toastStore';
import { useTextPrompt } from '../components/TextPromptDialog';
import './apiTokens.css';

function CreateOperatorForm({ onCreated }: { onCreated(): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await callOrToast('operators.create', { email, displayName, role, password });
    setBusy(false);
    if (r) {
      setEmail('');
      setDisplayName('');
      setPassword('');
      onCreated();
    }
  };
  return (
    <form className="panel token-form" onSubmit={(e) => void submit(e)} aria-labelledby="operator-form-title">
      <h2 id="operator-form-title">{t('operators.create.heading')}</h2>
      <div className="token-form-row">
        <label className="token-field">
          <span>{t('operators.create.name')}</span>
          <input type="text" value={displayName} required onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="token-field">
          <span>{t('operators.create.email')}</span>
          <input type="email" value={email} required onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="token-field">
          <span>{t('operators.create.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="token-field">
          <span>{t('operators.create.password', { n: MIN_PASSWORD_LENGTH })}</span>
          <input type="password" autoComplete="new-password" value={password} required minLength={MIN_PASSWORD_LENGTH} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {busy ? t('operators.create.busy') : t('operators.create.submit')}
        </button>
      </div>
    </form>
  );
}

function OperatorRow({ operator, self, onChanged, ask }: { operator: Operator; self: boolean; onChanged(): void; ask: ReturnType<typeof useTextPrompt>['ask'] }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  // A forgotten password: the admin sets a new one to hand over in person; the account's sessions end.
  const resetPassword = async () => {
    const password = await ask(t('operators.list.resetAsk', { email: operator.email, min: MIN_PASSWORD_LENGTH }), t('operators.list.resetConfirm'), 200, { secret: true, minLength: MIN_PASSWORD_LENGTH });
    if (!password) return;
    setBusy(true);
    const r = await callOrToast('operators.resetPassword', { id: operator.id, password });
    setBusy(false);
    if (r) {
      toast(t('operators.list.resetDone', { email: operator.email }));
      onChanged();
    }
  };
  const toggle = async () => {
    // Disabling ends the account's sessions at once, as a role change does: both are confirmed.
    if (operator.active && !window.confirm(t('operators.list.confirmDisable', { email: operator.email }))) return;
    setBusy(true);
    const r = await callOrToast('operators.setActive', { id: operator.id, active: !operator.active });
    setBusy(false);
    if (r) onChanged();
  };
  const changeRole = async (role: Role) => {
    if (!window.confirm(t('operators.list.confirmRole', { email: operator.email, role: t(`role.${role}`) }))) return;
    setBusy(true);
    const r = await callOrToast('operators.setRole', { id: operator.id, role });
    setBusy(false);
    if (r) onChanged();
  };
  return (
    <tr className={operator.active ? undefined : 'token-revoked'} data-operator={operator.email}>
      <td>
        <strong>{operator.displayName}</strong>
      </td>
      <td>{operator.email}</td>
      <td>
        {self ? (
          t(`role.${operator.role}`)
        ) : (
          <select value={operator.role} aria-label={`${t('operators.list.role')} ${operator.email}`} disabled={busy} onChange={(e) => void changeRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>{formatDateTime(operator.createdAt)}</td>
      <td>
        <span className={`badge ${operator.active ? 'token-status-active' : 'token-status-revoked'}`}>{operator.active ? t('operators.list.active') : t('operators.list.disabled')}</span>
      </td>
      <td className="token-actions">
        {!self && (
          <>
            <button type="button" className="button secondary" onClick={() => void resetPassword()} disabled={busy} aria-label={`${t('operators.list.reset')} ${operator.email}`}>
              {t('operators.list.reset')}
            </button>
            <button type="button" className="button secondary" onClick={() => void toggle()} disabled={busy} aria-busy={busy} aria-label={`${operator.active ? t('operators.list.disable') : t('operators.list.enable')} ${operator.email}`}>
              {operator.active ? t('operators.list.disable') : t('operators.list.enable')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Accounts and clients locked out after too many failed sign-ins, each with an unlock. */
function Lockouts() {
  const { t } = useTranslation();
  const list = useOperation('auth.lockouts', {});
  const unlock = async (l: Lockout) => {
    if (await callOrToast('auth.unlock', { scope: l.scope, key: l.key })) list.reload();
  };
  if (!list.data?.length) return null;
  return (
    <section className="panel lockouts" aria-labelledby="lockouts-title">
      <h2 id="lockouts-title">{t('operators.lockouts.title')}</h2>
      <ul>
        {list.data.map((l) => (
          <li key={`${l.scope}:${l.key}`} data-lockout={l.key}>
            <span>{t(`operators.lockouts.${l.scope}`, { key: l.key, failures: l.failures, until: formatDateTime(l.lockedUntil) })}</span>
            <button type="button" className="button secondary" onClick={() => void unlock(l)} aria-label={`${t('operators.lockouts.unlock')} ${l.key}`}>
              {t('operators.lockouts.unlock')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Admins add the workstation's accounts and disable them; passwords are never shown again. */
export function OperatorsPage() {
  const { t } = useTranslation();
  const me = useSession((s) => s.session?.operator.id);
  const list = useOperation('operators.list', {});
  const prompt = useTextPrompt();
  // A reset lifts the account's lock-out: the lock-out list is read again.
  const [lockoutsRead, setLockoutsRead] = useState(0);
  const changed = () => {
    list.reload();
    setLockoutsRead((n) => n + 1);
  };
  return (
    <main className="page api-tokens-page">
      {prompt.dialog}
      <div className="page-title">
        <h1>{t('operators.title')}</h1>
      </div>
      <p className="muted intro">{t('operators.intro')}</p>
      <Lockouts key={lockoutsRead} />
      <CreateOperatorForm onCreated={list.reload} />
      <section className="panel" aria-labelledby="operators-list-title">
        <h2 id="operators-list-title" className="sr-only">
          {t('operators.title')}
        </h2>
        <table className="token-table">
          <thead>
            <tr>
              <th>{t('operators.list.name')}</th>
              <th>{t('operators.list.email')}</th>
              <th>{t('operators.list.role')}</th>
              <th>{t('operators.list.created')}</th>
              <th>{t('operators.list.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data ? list.data.map((o) => <OperatorRow key={o.id} operator={o} self={o.id === me} onChanged={changed} ask={prompt.ask} />) : <SkeletonRows rows={3} columns={6} />}
          </tbody>
        </table>
      </section>
    </main>
  );
}
