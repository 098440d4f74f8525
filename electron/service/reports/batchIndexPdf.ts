import type { ChainVerification } from '../../../shared/schemas/audit';
import type { Operator } from '../../../shared/schemas/operator';
import type { ExportFilters } from '../../../shared/schemas/report';
import { CASE_STATUSES } from '../../../shared/caseStatus';
import type { BatchRow, BatchStats, Distribution } from './batchStats';
import { PdfCanvas, type Cell } from './pdf/PdfCanvas';
import { MUTED, outcomeTone, statusTone } from './pdf/palette';
import { chainVerificationRows } from './chainVerificationRows';
import { formatTime, humanize } from './reportFormat';

export interface IndexInput {
  exportId: string;
  filters: ExportFilters;
  exportedBy: Pick<Operator, 'id' | 'displayName' | 'role'>;
  exportedAt: Date;
  chain: ChainVerification;
  rows: readonly BatchRow[];
  stats: BatchStats;
}

const hours = (h: number | null) => (h === null ? '—' : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`);
const dist = (label: string, d: Distribution): Cell[] => [label, String(d.n), hours(d.median), hours(d.p90), hours(d.max)];

function describeFilters(f: ExportFilters): string {
  const parts = [`${humanize(f.dateField)} between ${f.from} and ${f.to}`];
  if (f.statuses.length) parts.push(`status ${f.statuses.map(humanize).join(', ')}`);
  if (f.countries.length) parts.push(`country ${f.countries.join(', ')}`);
  if (f.decisions.length) parts.push(`decision ${f.decisions.map(humanize).join(', ')}`);
  if (f.profileType) parts.push(`${f.profileType.toLowerCase()} profiles`);
  return parts.join(' · ');
}

/**
 * The batch's index: what was selected and by whom, counts by status, decision times,
 * the engine's recommendations that people overrode, four-eyes statistics, and one line per
 * case with its report's SHA-256.
 */
export function renderBatchIndex(input: IndexInput): Promise<{ pdf: Buffer; pages: number }> {
  const { stats, rows, chain } = input;
  const exported = `${input.exportedBy.displayName} (${input.exportedBy.role}) at ${formatTime(input.exportedAt.toISOString())}`;
  const canvas = new PdfCanvas(
    { kicker: 'KYC audit export · index', title: `Batch export of ${rows.length} case${rows.length === 1 ? '' : 's'}`, reference: `Export ${input.exportId}`, footer: `Exported by ${exported} · hashes of every file in manifest.json and manifest.csv` },
    { title: `KYC audit export ${input.exportId}`, author: input.exportedBy.displayName, subject: 'Batch audit export index', createdAt: input.exportedAt },
  );
  canvas.section('Selection', 60);
  canvas.keyValues(
    [
      ['Filters', describeFilters(input.filters)],
      ['Cases', String(rows.length)],
      ['Exported by', exported],
      ...chainVerificationRows(chain),
    ],
    3,
  );
  canvas.table(
    [
      { header: 'Reference', width: 1.6 },
      { header: 'SHA-256', width: 5 },
    ],
    [['Chain head at export', { text: chain.headHash ?? '—', fit: true, bold: true }]],
  );

  canvas.section('Cases by status', 80);
  canvas.table(
    [
      { header: 'Status', width: 2 },
      { header: 'Cases', width: 1, align: 'right' },
      { header: 'Share', width: 1, align: 'right' },
    ],
    CASE_STATUSES.filter((s) => stats.byStatus[s] > 0).map((s): Cell[] => [{ text: humanize(s).toUpperCase(), tone: statusTone(s) }, String(stats.byStatus[s]), `${((100 * stats.byStatus[s]) / Math.max(1, rows.length)).toFixed(1)} %`]),
    { empty: 'No cases matched the filters.' },
  );

  canvas.section('Decisions and decision times', 80);
  canvas.paragraph(
    `Decisions in effect: ${Object.entries(stats.decisionsByAction).map(([a, n]) => `${humanize(a)} ${n}`).join(', ') || 'none'}. Time is measured from submission to the decision that took effect.`,
    { size: 8, color: MUTED },
  );
  canvas.gap(3);
  canvas.table(
    [
      { header: 'Measure', width: 2.2 },
      { header: 'n', width: 0.6, align: 'right' },
      { header: 'Median', width: 1, align: 'right' },
      { header: 'p90', width: 1, align: 'right' },
      { header: 'Longest', width: 1, align: 'right' },
    ],
    [dist('Submission to decision', stats.decisionHours), dist('Proposal to second review', stats.fourEyes.reviewHours)],
  );

  canvas.section(`Engine overrides (${stats.overrides.length})`, 50);
  canvas.paragraph('Cases where a person decided against the engine, as it stood when they decided: approved although it recommended Decline, or rejected / sent back although it recommended Auto approve.', { size: 8, color: MUTED });
  canvas.gap(3);
  canvas.table(
    [
      { header: 'Case', width: 2 },
      { header: 'Engine, when decided', width: 1.2 },
      { header: 'Decision', width: 1.3 },
      { header: 'By', width: 1.3 },
      { header: 'When', width: 1.4 },
    ],
    stats.overrides.map((r): Cell[] => [r.name, { text: r.recommendationAtDecision ? humanize(r.recommendationAtDecision) : '—', tone: outcomeTone(r.recommendationAtDecision ?? '') }, humanize(r.decision?.action ?? '—'), r.decision?.actorName ?? '—', formatTime(r.decision?.at)]),
    { empty: 'No overrides: every decision agreed with the engine or the engine asked for a manual review.' },
  );

  canvas.section('Four-eyes reviews', 60);
  const f = stats.fourEyes;
  canvas.keyValues(
    [
      ['Cases with a second review', String(f.cases)],
      ['Confirmed', String(f.confirmed)],
      ['Returned to review', String(f.returned)],
      ['Still waiting', String(f.proposed)],
      ['Confirmation rate', f.confirmed + f.returned ? `${((100 * f.confirmed) / (f.confirmed + f.returned)).toFixed(1)} %` : '—'],
      ['Median time to second review', hours(f.reviewHours.median)],
    ],
    3,
  );

  canvas.section('Cases', 60);
  canvas.table(
    [
      { header: '#', width: 0.4, align: 'right' },
      { header: 'Name / external ID', width: 1.45 },
      { header: 'Country', width: 0.8 },
      { header: 'Status', width: 1.3 },
      { header: 'Engine', width: 0.95 },
      { header: 'Decision', width: 1.3 },
      { header: 'Report SHA-256', width: 3.9 },
    ],
    rows.map((r, i): Cell[] => [
      String(i + 1),
      `${r.name}\n${r.externalId}`,
      r.country,
      { text: humanize(r.status).toUpperCase(), tone: statusTone(r.status) },
      r.recommendation ? humanize(r.recommendation) : '—',
      r.decision ? `${humanize(r.decision.action)}${r.override ? ' (override)' : ''}\n${r.decision.at.slice(0, 10)}` : '—',
      { text: r.sha256, fit: true },
    ]),
    { fontSize: 7, empty: 'No cases.' },
  );
  return canvas.finish();
}
