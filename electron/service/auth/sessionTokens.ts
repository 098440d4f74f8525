import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are looked up by hash; the raw token never touches the database. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
