import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The part of an audit row that the chain covers. The payload is covered through its hash. */
export interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  type: string;
  caseId: string | null;
  profileId: string | null;
  payloadHash: string;
}

/** hash = SHA-256(prevHash || "\n" || canonical(row)). */
export function chainHash(prevHash: string, row: ChainedFields): string {
  return sha256Hex(`${prevHash}\n${canonicalJson(row)}`);
}

export function payloadHash(payload: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(payload));
}
