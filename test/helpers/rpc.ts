import type { Result } from '../../shared/result';

/** Calls the running server's RPC endpoint the way any client would. */
export async function rpc<T = unknown>(base: string, op: string, input: unknown, token?: string): Promise<{ status: number; body: Result<T> }> {
  const r = await fetch(`${base}/rpc/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: r.status, body: (await r.json()) as Result<T> };
}

export async function tokenFor(base: string, email: string, password: string): Promise<string> {
  const r = await rpc<{ token: string }>(base, 'auth.signIn', { email, password });
  if (!r.body.ok) throw new Error(`sign-in failed for ${email}`);
  return r.body.value.token;
}
