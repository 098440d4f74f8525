import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PDF's text as pdftotext reads it (poppler-utils), the way an auditor's tools would; `-layout` keeps the page's layout. */
export function pdfText(pdf: Buffer, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-pdf-'));
  try {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
