/**
 * Didit has two secrets: the `x-api-key` every call carries, and the secret Didit signs its
 * webhooks with. A connector has one sealed secret column, so Didit's holds both as JSON
 * `{"apiKey": ..., "webhookSecret": ...}`, sealed as a whole (secretBox). A value that is not
 * that JSON (a store configured before the webhook secret existed) is the API key alone.
 * Neither is ever logged, audited or answered; the admin page sees whether each is set.
 */
export interface DiditSecrets {
  apiKey: string;
  webhookSecret: string | null;
}

export function parseDiditSecret(plain: string | null): DiditSecrets | null {
  if (!plain) return null;
  try {
    const v = JSON.parse(plain) as unknown;
    if (typeof v === 'object' && v !== null && typeof (v as { apiKey?: unknown }).apiKey === 'string') {
      const w = (v as { webhookSecret?: unknown }).webhookSecret;
      return { apiKey: (v as { apiKey: string }).apiKey, webhookSecret: typeof w === 'string' && w ? w : null };
    }
  } catch {
    // Not JSON: the API key as it was stored before.
  }
  return { apiKey: plain, webhookSecret: null };
}

export function diditSecretText(s: DiditSecrets): string {
  return JSON.stringify({ apiKey: s.apiKey, webhookSecret: s.webhookSecret });
}
