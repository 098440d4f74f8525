import type { CaseReportData } from './loadCaseReport';
import { formatTime } from './reportFormat';
import type { PdfCanvas } from './pdf/PdfCanvas';
import { MUTED, TONES, type Tone } from './pdf/palette';

const score = (s: number | null): string => (s === null ? '—' : `${s} / 100`);

/**
 * What Didit reported for the case, beside the workstation's own checks: its session, status,
 * the status of each check it ran with its score, and its warnings. An approval imported from
 * Didit rests on these, so an auditor reads them here rather than in Didit's console. Scores and
 * codes only: the values Didit read from the document are compared on the case page, not printed
 * twice.
 */
export function diditSection(canvas: PdfCanvas, data: CaseReportData): void {
  const r = data.didit;
  if (!r) return;
  canvas.numberedSection('Remote verification (Didit)', 60);
  // Didit's word after the result (an approval later "Kyc Expired"): said beside it, never over it.
  const now = data.diditNow;
  const later = now && now.sessionId === r.sessionId && now.status !== r.status ? ` (later ${now.status}${now.at ? ` at ${formatTime(now.at)}` : ''})` : '';
  canvas.paragraph(`Session ${r.sessionId} · Didit status ${r.status} at ${formatTime(r.remoteAt)}${later} · imported ${formatTime(r.importedAt)} · features: ${r.features.join(', ') || '—'}`, { size: 7.5, color: MUTED });
  const tone = (status: string | null): Tone => (status === 'Approved' ? TONES.ok : status === 'Declined' ? TONES.danger : TONES.neutral);
  canvas.table(
    [
      { header: 'Didit check', width: 2 },
      { header: 'Status', width: 1.2 },
      { header: 'Score', width: 1 },
      { header: 'Detail', width: 3.5 },
    ],
    [
      ...r.idVerifications.map((v) => ['Document verification', { text: v.status ?? '—', tone: tone(v.status) }, '—', [v.documentType, v.issuingCountry].filter(Boolean).join(', ') || '—']),
      ...r.liveness.map((l) => ['Liveness', { text: l.status ?? '—', tone: tone(l.status) }, score(l.score), l.method ?? '—']),
      ...r.faceMatches.map((f) => ['Face match', { text: f.status ?? '—', tone: tone(f.status) }, score(f.score), '—']),
    ],
    { empty: 'Didit reported no check results.' },
  );
  if (r.warnings.length) {
    canvas.table(
      [
        { header: 'Didit warning', width: 2.4 },
        { header: 'Check', width: 1.4 },
        { header: 'Description', width: 3.9 },
      ],
      r.warnings.map((w) => [w.risk, w.feature ?? '—', w.shortDescription ?? '—']),
    );
  }
}
