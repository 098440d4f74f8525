import { z } from 'zod';

export const AUDIT_ANCHOR_FORMAT = 'kyc-audit-anchor/1';

/**
 * A signed checkpoint of the audit chain: "at `at`, event #seq of this data folder's chain had
 * hash `head`", signed with the folder's Ed25519 key. Printed in reports and export manifests,
 * it is evidence kept outside the store: whoever later rewrites the chain (dropping the
 * triggers and recomputing every hash) cannot make it agree with the anchors already handed out.
 */
export const auditAnchorSchema = z.object({
  format: z.literal(AUDIT_ANCHOR_FORMAT),
  seq: z.number().int().positive(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  /** The first 16 hex digits of the SHA-256 of the public key (DER): names the signing key. */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** The Ed25519 public key, DER (SPKI), base64: enough to check the signature anywhere. */
  publicKey: z.string(),
  /** Ed25519 over anchorStatement(seq, head, at), base64. */
  signature: z.string(),
});
export type AuditAnchor = z.infer<typeof auditAnchorSchema>;

/** The exact bytes an anchor's signature covers. */
export function anchorStatement(a: Pick<AuditAnchor, 'seq' | 'head' | 'at'>): string {
  return `${AUDIT_ANCHOR_FORMAT}\nseq ${a.seq}\nhead ${a.head}\nat ${a.at}\n`;
}
