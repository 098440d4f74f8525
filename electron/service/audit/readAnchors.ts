import { readFileSync } from 'node:fs';
import { auditAnchorSchema, type AuditAnchor } from '../../../shared/schemas/auditAnchor';
import type { AuditRepository } from '../repositories/AuditRepository';
import { anchorSignatureValid } from './auditSigner';

/** The document-information key under which a report PDF carries its anchor (JSON). */
export const ANCHOR_INFO_KEY = 'KycAuditAnchor';

/** A PDF literal string's escapes (pdfkit escapes backslash, parentheses and control characters). */
function unescapePdfString(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, c: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[c] ?? String.fromCharCode(parseInt(c, 8));
  });
}

/**
 * The anchors a file carries: a case report PDF (its document information), an export
 * manifest (`auditAnchor`), or a JSON anchor or list of anchors. Unparseable content yields none.
 */
export function readAnchors(path: string): AuditAnchor[] {
  const bytes = readFileSync(path);
  const found: unknown[] = [];
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const text = bytes.toString('latin1');
    // The information entry is a literal string, inline or (as pdfkit writes it) an indirect object.
    const literal = String.raw`\(((?:\\.|[^\\)])*)\)`;
    const strings: string[] = [];
    for (const m of text.matchAll(new RegExp(String.raw`/${ANCHOR_INFO_KEY}\s*${literal}`, 'g'))) strings.push(m[1]!);
    for (const m of text.matchAll(new RegExp(String.raw`/${ANCHOR_INFO_KEY}\s+(\d+)\s+(\d+)\s+R`, 'g'))) {
      const obj = new RegExp(String.raw`(?:^|[\r\n])${m[1]}\s+${m[2]}\s+obj\s*${literal}\s*endobj`).exec(text);
      if (obj) strings.push(obj[1]!);
    }
    for (const str of strings) {
      try {
        found.push(JSON.parse(unescapePdfString(str)));
      } catch {
        // Not an anchor after all: reported as none found.
      }
    }
  } else {
    try {
      const json = JSON.parse(bytes.toString('utf8')) as unknown;
      const items = Array.isArray(json) ? json : [json];
      for (const item of items) found.push(item && typeof item === 'object' && 'auditAnchor' in item ? (item as { auditAnchor: unknown }).auditAnchor : item);
    } catch {
      // Neither a PDF nor JSON: no anchors.
    }
  }
  return found.flatMap((f) => {
    const parsed = auditAnchorSchema.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

export type AnchorCheck = { ok: true } | { ok: false; problem: string };

/**
 * Whether an anchor handed out earlier still holds for this store: signed by the folder's key,
 * and the chain still has, at the anchor's sequence number, the hash the anchor recorded (so
 * the chain as it was then is a prefix of the chain now; the full walk checks the rest).
 */
export function checkAnchor(repo: AuditRepository, publicKey: string | null, a: AuditAnchor): AnchorCheck {
  if (!anchorSignatureValid(a)) return { ok: false, problem: 'its signature does not verify' };
  if (publicKey !== null && a.publicKey !== publicKey) return { ok: false, problem: `it is signed by key ${a.keyId}, not this data folder's` };
  const hash = repo.hashAt(a.seq);
  if (hash === null) return { ok: false, problem: `the chain no longer reaches event #${a.seq}: it was cut` };
  if (hash !== a.head) return { ok: false, problem: `event #${a.seq} has another hash now: the chain was rewritten since` };
  return { ok: true };
}
