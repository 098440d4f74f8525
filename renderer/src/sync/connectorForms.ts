import type { InputOf } from '../../../shared/contract';
import type { ConnectorId, ConnectorView } from '../../../shared/schemas/sync';

/** One editable, non-secret setting of a connector (its `config`). */
export interface FieldSpec {
  key: string;
  type: 'url' | 'email' | 'text';
  required: boolean;
  labelKey: string;
  hintKey?: string;
  placeholder?: string;
}

/** The write-only secrets `sync.configure` takes: every connector's `secret`, and Didit's webhook signing secret. */
export type SecretKey = 'secret' | 'webhookSecret';

export interface SecretSpec {
  key: SecretKey;
  labelKey: string;
  hintKey?: string;
}

export interface ConnectorForm {
  id: ConnectorId;
  fields: readonly FieldSpec[];
  secrets: readonly SecretSpec[];
}

const baseUrl = (placeholder: string): FieldSpec => ({ key: 'baseUrl', type: 'url', required: true, labelKey: 'sync.fields.baseUrl', placeholder });

/** The cards, in the order the page shows them; the fields follow shared/schemas/sync.ts. */
export const CONNECTOR_FORMS: readonly ConnectorForm[] = [
  {
    id: 'didit',
    fields: [
      baseUrl('https://verification.didit.me'),
      { key: 'callbackUrl', type: 'url', required: false, labelKey: 'sync.fields.callbackUrl', hintKey: 'sync.fields.callbackUrlHint', placeholder: 'https://…' },
      { key: 'workflowId', type: 'text', required: false, labelKey: 'sync.fields.workflowId', hintKey: 'sync.fields.workflowIdHint' },
    ],
    secrets: [
      { key: 'secret', labelKey: 'sync.fields.apiKey' },
      { key: 'webhookSecret', labelKey: 'sync.fields.webhookSecret', hintKey: 'sync.fields.webhookSecretHint' },
    ],
  },
  {
    id: 'killb',
    fields: [baseUrl('https://killb.example'), { key: 'email', type: 'email', required: true, labelKey: 'sync.fields.email', placeholder: 'connector@example.com' }],
    secrets: [{ key: 'secret', labelKey: 'sync.fields.password' }],
  },
  { id: 'central', fields: [baseUrl('https://central.example/')], secrets: [{ key: 'secret', labelKey: 'sync.fields.apiToken' }] },
];

/** Whether a secret is stored, and its masked tail when the service gives one. */
export function secretState(view: ConnectorView | undefined, key: SecretKey): { set: boolean; hint: string | null } {
  if (key === 'secret') return { set: view?.secretSet ?? false, hint: view?.secretHint ?? null };
  return { set: view?.webhookSecretSet ?? false, hint: null };
}

/** The form's starting values: the stored settings, as strings for the inputs. */
export function initialValues(form: ConnectorForm, view: ConnectorView | undefined): Record<string, string> {
  return Object.fromEntries(form.fields.map((f) => [f.key, typeof view?.config[f.key] === 'string' ? (view.config[f.key] as string) : '']));
}

/**
 * The `sync.configure` input for a card. An empty optional field is left out (cleared); an
 * empty secret is left out, which keeps the stored one; what the service records by itself
 * (the policy version Didit's workflow was pushed from) is sent back as stored, or saving would
 * forget it.
 */
export function configureInput(id: ConnectorId, enabled: boolean, values: Record<string, string>, secrets: Partial<Record<SecretKey, string>>, view: ConnectorView | undefined): InputOf<'sync.configure'> {
  const v = (key: string) => (values[key] ?? '').trim();
  const optional = (key: string) => (v(key) ? { [key]: v(key) } : {});
  const secret = secrets.secret ? { secret: secrets.secret } : {};
  switch (id) {
    case 'didit': {
      // The version travels back only with the workflow it belongs to: a workflow id the admin
      // typed has none, which tells the service an admin named it (used until the next policy).
      const pushedFrom = view?.config.workflowPolicyVersion;
      const sameWorkflow = v('workflowId') === (typeof view?.config.workflowId === 'string' ? view.config.workflowId : '');
      return {
        id,
        enabled,
        config: { baseUrl: v('baseUrl'), ...optional('callbackUrl'), ...optional('workflowId'), ...(sameWorkflow && typeof pushedFrom === 'number' ? { workflowPolicyVersion: pushedFrom } : {}) },
        ...secret,
        ...(secrets.webhookSecret ? { webhookSecret: secrets.webhookSecret } : {}),
      };
    }
    case 'killb':
      return { id, enabled, config: { baseUrl: v('baseUrl'), email: v('email') }, ...secret };
    case 'central':
      return { id, enabled, config: { baseUrl: v('baseUrl') }, ...secret };
  }
}
