import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AUDIT_ANCHOR_FORMAT, anchorStatement, type AuditAnchor } from '../../../shared/schemas/auditAnchor';

/** Signs checkpoints of the audit chain with a data folder's Ed25519 key. */
export interface AuditSigner {
  keyId: string;
  publicKey: string;
  anchor(seq: number, head: string, at: string): AuditAnchor;
}

/** The key id printed beside a public key: the start of its DER's SHA-256. */
export function publicKeyId(publicKeyDerBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyDerBase64, 'base64')).digest('hex').slice(0, 16);
}

export function auditSigner(privateKeyDer: Buffer): AuditSigner {
  const privateKey = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64');
  const keyId = publicKeyId(publicKey);
  return {
    keyId,
    publicKey,
    anchor(seq, head, at) {
      const signature = sign(null, Buffer.from(anchorStatement({ seq, head, at })), privateKey).toString('base64');
      return { format: AUDIT_ANCHOR_FORMAT, seq, head, at, keyId, publicKey, signature };
    },
  };
}

/** Whether the anchor's signature holds under the public key it carries (which key that is, is the caller's question). */
export function anchorSignatureValid(a: AuditAnchor): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(a.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return false;
  }
  if (key.asymmetricKeyType !== 'ed25519' || publicKeyId(a.publicKey) !== a.keyId) return false;
  try {
    return verify(null, Buffer.from(anchorStatement(a)), key, Buffer.from(a.signature, 'base64'));
  } catch {
    return false;
  }
}
