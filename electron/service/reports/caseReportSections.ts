import type { CheckResult, QualityMeasure } from '../../../shared/schemas/analysis';
import { isInEffect } from '../../../shared/schemas/decision';
import { formatPercentRate } from '../../../shared/errorRate';
import { shippedFaceOperatingPoint } from '../../../shared/shippedFaceCalibration';
import { FACE_DESCRIPTION_VERSION } from '../../../shared/faceDescriptionVersion';
import type { CaseReportData, ExportContext } from './loadCaseReport';
import { formatTime, humanize, pct, reasonLabel } from './reportFormat';
import type { Cell, PdfCanvas } from './pdf/PdfCanvas';
import { DANGER, MUTED, OK, TONES, WARN, outcomeTone } from './pdf/palette';
import { chainVerificationRows } from './chainVerificationRows';
import { CROSS_CHECK_FIELDS } from '../../../shared/crossCheckFields';

/** An outcome code as a coloured pill, its underscores read as spaces (NOT_RUN as NOT RUN). */
const pill = (code: string): Cell => ({ text: code.replace(/_/g, ' '), tone: outcomeTone(code) });
/**
 * A quality measure's value or limit: three significant digits, whole numbers from 100, so a glare
 * fade score of 0.00528 and a resolution of 1,200 px both read as they are (fixed decimals showed
 * the first as 0.005 and the second as 1200.000).
 */
const measureNumber = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : String(Number(x.toPrecision(3))));

/** Quality measures as an auditor reads them (every measure the schema knows needs one). */
/** Each measure as an auditor reads it: what is measured, in what unit (assessQuality.ts says which value each is). */
const MEASURE_NAMES: Record<QualityMeasure['name'], string> = {
  resolution: 'Resolution: short side (px)',
  sharpness: 'Blur (0–1, 0 = sharp)',
  glare: 'Glare: share of the image in glare spots',
  glareFade: 'Glare fade on the card (share)',
  darkness: 'Too dark: brightest 5% (luma 0–255)',
  overexposure: 'Washed out: darkest 5% (luma 0–255)',
  fill: 'Document fill: share of the frame',
};

/** Analyses stored before blur was measured kept a sharpness that passes upwards (`>=`): named as what it was. */
const measureName = (m: QualityMeasure) => (m.name === 'sharpness' && m.passWhen === '>=' ? 'Sharpness' : MEASURE_NAMES[m.name]);

const CHECK_NAMES: Record<CheckResult['check'], string> = {
  quality: 'Image quality',
  mrz: 'MRZ reading',
  crossChecks: 'Cross-checks',
  faceMatch: 'Face match',
  presentationAttack: 'Presentation attack',
  liveness: 'Liveness',
};

export function fieldsSection(canvas: PdfCanvas, data: CaseReportData): void {
  canvas.numberedSection('Entered data against the document', 70);
  const a = data.analysis;
  if (!a) {
    canvas.paragraph('The verification engine has not analysed this case, so no document data was extracted.', { color: MUTED });
    return;
  }
  const mismatches = a.crossChecks.filter((x) => x.outcome === 'FAIL').length;
  canvas.paragraph(
    mismatches ? `${mismatches} field(s) do not match the document (marked MISMATCH).` : 'Every compared field matches the document, or could not be compared (see the result column).',
    { color: mismatches ? DANGER : OK },
  );
  canvas.gap(4);
  canvas.table(
    [
      { header: 'Field', width: 1.3 },
      { header: 'Entered', width: 1.8 },
      { header: 'On the document', width: 1.8 },
      { header: 'Result', width: 1.2 },
      { header: 'How it was compared', width: 2.6 },
    ],
    a.crossChecks.map((x) => [
      { text: CROSS_CHECK_FIELDS[x.code], bold: true },
      x.expected ?? '—',
      x.found ?? '—',
      x.outcome === 'FAIL' ? { text: 'MISMATCH', tone: TONES.danger } : x.outcome === 'PASS' ? { text: 'MATCH', tone: TONES.ok } : pill(x.outcome),
      { text: x.detail, small: true },
    ]),
    { empty: 'No fields were compared.' },
  );
  if (a.mrz) {
    canvas.gap(8);
    canvas.subheading(`Machine-readable zone (${a.mrz.format}), confidence ${pct(a.mrz.confidence)}, ${a.mrz.corrections} repaired character(s)`);
    const f = a.mrz.fields;
    const rows = (
      [
        ['Document code', f.documentCode],
        ['Issuing state', f.issuingState],
        ['Surname', f.surname],
        ['Given names', f.givenNames],
        ['Document number', f.documentNumber],
        ['Nationality', f.nationality],
        ['Birth date (YYMMDD)', f.birthDate],
        ['Sex', f.sex],
        ['Expiry date (YYMMDD)', f.expiryDate],
        ['Personal number', f.personalNumber],
      ] as const
    ).flatMap(([label, v]) =>
      v ? [[label, v.value.replace(/</g, ' ').trim() || '—', v.source, pct(v.confidence), v.checkDigitValid === null ? '—' : v.checkDigitValid ? { text: 'valid', tone: TONES.ok } : { text: 'invalid', tone: TONES.danger }] as Cell[]] : [],
    );
    canvas.table(
      [
        { header: 'MRZ field', width: 1.6 },
        { header: 'Value read', width: 2.6 },
        { header: 'Source', width: 0.8 },
        { header: 'Confidence', width: 1, align: 'right' },
        { header: 'Check digit', width: 1.1 },
      ],
      rows,
    );
    canvas.paragraph(a.mrz.lines.join('\n'), { size: 7.5, color: MUTED });
  }
}

function checkScores(a: NonNullable<CaseReportData['analysis']>, c: CheckResult, liveness: CaseReportData['liveness']): { score: string; threshold: string } {
  if (c.check === 'faceMatch' && a.faceMatch) {
    const parts = a.faceMatch.components;
    // Analyses made before the fusion carry face-api's similarity alone.
    const from = parts ? ` (face-api ${pct(parts.faceApi, 3)}, MobileFace ${pct(parts.mobileFace, 3)})` : '';
    // The decline band, when the analysis kept it: below it the score declines outright.
    const decline = a.faceMatch.declineBelow !== undefined ? `; declined below ${pct(a.faceMatch.declineBelow, 2)}` : '';
    return { score: `face score ${pct(a.faceMatch.similarity, 3)}${from}`, threshold: `≥ ${pct(a.faceMatch.threshold, 3)}${decline}` };
  }
  if (c.check === 'presentationAttack' && a.presentationAttack) return { score: `attack score ${pct(a.presentationAttack.score, 3)}`, threshold: `< ${pct(a.presentationAttack.threshold, 3)}` };
  if (c.check === 'mrz' && a.mrz) return { score: `confidence ${pct(a.mrz.confidence)}`, threshold: 'all check digits valid' };
  if (c.check === 'crossChecks') return { score: `${a.crossChecks.filter((x) => x.outcome === 'PASS').length}/${a.crossChecks.length} pass`, threshold: 'no FAIL' };
  // The newest verified session, the one the check reads (its actions in the Liveness section).
  const session = c.check === 'liveness' ? liveness.filter((s) => s.result !== null).sort((x, y) => (x.completedAt ?? '').localeCompare(y.completedAt ?? '')).at(-1) : undefined;
  if (session?.result) {
    const r = session.result;
    const face = r.faceMatch;
    const faceScore = face ? `; face ${face.similarity === null ? 'not compared' : pct(face.similarity, 3)}` : '';
    return {
      score: `${r.passedActions}/${r.actions.length} actions, confidence ${pct(r.confidence)}${faceScore}`,
      threshold: `${r.requiredActions}/${r.actions.length} actions${face ? `; face ≥ ${pct(face.threshold, 3)}` : ''}`,
    };
  }
  return { score: '—', threshold: '—' };
}

export function checksSection(canvas: PdfCanvas, data: CaseReportData): void {
  canvas.numberedSection('Verification checks', 70);
  const a = data.analysis;
  if (!a) {
    canvas.paragraph('No verification result is stored for this case.', { color: MUTED });
    return;
  }
  canvas.keyValues(
    [
      ['Recommendation', { text: humanize(a.recommendation), tone: outcomeTone(a.recommendation) }],
      ['Policy version', `v${a.policyVersion}`],
      ['Completed', formatTime(a.completedAt)],
    ],
    3,
  );
  if (a.reasons.length) canvas.paragraph(`Reasons: ${a.reasons.map((r) => `${r.code} (${r.message})`).join('; ')}`, { size: 8 });
  const late = decidedBefore(data, a.completedAt);
  if (late) canvas.paragraph(late, { size: 8, color: WARN });
  canvas.gap(4);
  canvas.table(
    [
      { header: 'Check', width: 1.4 },
      { header: 'Outcome', width: 1 },
      { header: 'Score', width: 1.6 },
      { header: 'Threshold', width: 1.3 },
      { header: 'Reasons', width: 3 },
      { header: 'ms', width: 0.6, align: 'right' },
    ],
    a.checks.map((c) => {
      const s = checkScores(a, c, data.liveness);
      return [{ text: CHECK_NAMES[c.check], bold: true }, pill(c.outcome), s.score, s.threshold, { text: c.reasons.map((r) => `${r.code}: ${r.message}`).join('\n') || '—', small: true }, c.ms === null ? '—' : String(Math.round(c.ms))];
    }),
  );
  if (a.faceMatch && a.faceMatch.similarity !== null) faceErrorRates(canvas, a.faceMatch.threshold, a.faceMatch.descriptionVersion ?? 1);
  const quality = Object.entries(a.quality);
  if (quality.length) {
    canvas.gap(8);
    canvas.subheading('Image quality measures');
    canvas.table(
      [
        { header: 'Image', width: 1.1 },
        { header: 'Measure', width: 2.2 },
        { header: 'Value', width: 1, align: 'right' },
        { header: 'Threshold', width: 1.1, align: 'right' },
        { header: 'Result', width: 0.8 },
        { header: 'Reason', width: 1.3 },
      ],
      quality.flatMap(([image, q]) =>
        q.measures.map((m): Cell[] => [humanize(image), measureName(m), measureNumber(m.value), `${m.passWhen} ${measureNumber(m.threshold)}`, m.pass ? { text: 'PASS', tone: TONES.ok } : { text: 'FAIL', tone: TONES.danger }, m.reason ?? '—']),
      ),
      { fontSize: 7.5 },
    );
  }
  if (a.presentationAttack?.signals.length) {
    canvas.gap(4);
    canvas.paragraph(`Presentation-attack signals: ${a.presentationAttack.signals.map((s) => `${s.name} ${pct(s.value, 3)}`).join(', ')}`, { size: 7.5, color: MUTED });
  }
}

/**
 * What the face threshold means: the error rates measured at it, so an auditor can weigh the match;
 * and, for a score computed with an earlier face description version, that the rates are not its own.
 */
function faceErrorRates(canvas: PdfCanvas, threshold: number, scoredWith: number): void {
  const op = shippedFaceOperatingPoint(threshold);
  const target = `${op.fmrTarget * 100}%`;
  canvas.gap(4);
  canvas.paragraph(
    `Face match (the score fuses face-api's and MobileFace's similarities, each weighed against how alike strangers score on it) at threshold ${threshold}, measured on ${op.dataset.photos} labelled photos of ${op.dataset.persons} people (every pair): ` +
      `false match rate ${formatPercentRate(op.fmr)}, false non-match rate ${formatPercentRate(op.fnmr)} (95% intervals). ` +
      `The shipped threshold aims at a false match rate of at most ${target}.` +
      (op.fmr.rate !== null && op.fmr.ci95[1] > op.fmrTarget ? ` With ${op.dataset.persons} people the interval still reaches above ${target}: the target is aimed at, not yet shown.` : '') +
      (op.meetsTarget ? '' : ` This policy's threshold is below the calibrated ${op.calibratedThreshold}: its false match rate is above the target.`) +
      (scoredWith === FACE_DESCRIPTION_VERSION
        ? ''
        : ` This score was computed with face description version ${scoredWith}; the rates were measured with version ${FACE_DESCRIPTION_VERSION}, which scores faces otherwise.`),
    { size: 7.5, color: op.meetsTarget ? MUTED : DANGER },
  );
}

export function screeningSection(canvas: PdfCanvas, data: CaseReportData): void {
  if (!data.flags.length && !data.blocklisted.length) return;
  canvas.numberedSection('Screening flags and blocklist', 40);
  if (data.flags.length) {
    canvas.table(
      [
        { header: 'Flag', width: 1.5 },
        { header: 'Other case', width: 1.8 },
        { header: 'Score', width: 0.7, align: 'right' },
        { header: 'Detail', width: 3 },
        { header: 'Raised', width: 1.3 },
      ],
      data.flags.map((f) => [{ text: humanize(f.kind), tone: TONES.danger }, f.otherCaseName ?? f.otherCaseId ?? '—', pct(f.score, 3), f.detail, formatTime(f.createdAt)]),
    );
  }
  if (data.blocklisted.length) {
    canvas.paragraph("On the blocklist from this case (later cases with this face or document are flagged):", { size: 8 });
    canvas.table(
      [
        { header: 'Blocked', width: 2.2 },
        { header: 'Reason', width: 3 },
        { header: 'Added by', width: 1.6 },
        { header: 'Added', width: 1.4 },
      ],
      data.blocklisted.map((e) => [
        e.kind === 'FACE' ? 'Face (selfie)' : `Document ${e.documentType?.replace(/_/g, ' ') ?? ''} ${e.documentNumber ?? ''}${e.documentCountry ? ` (${e.documentCountry})` : ''}`,
        e.reason,
        e.createdBy,
        formatTime(e.createdAt),
      ]),
    );
  }
}

/** The sanctions and PEP screening: the lists screened against, every hit and what the officer decided of it. */
export function sanctionsSection(canvas: PdfCanvas, data: CaseReportData): void {
  const { hits, lists } = data.sanctions;
  if (!hits.length && !lists.length) return;
  canvas.numberedSection('Sanctions and PEP screening', 50);
  canvas.paragraph(
    lists.length
      ? `Active lists: ${lists.map((l) => `${l.source} (${l.entryCount} entries, imported ${formatTime(l.importedAt)}${l.publishedAt ? `, published ${l.publishedAt.slice(0, 10)}` : ''})`).join('; ')}.`
      : 'No list is active on this workstation.',
    { size: 7.5, color: MUTED },
  );
  canvas.table(
    [
      { header: 'List entry', width: 1.6 },
      { header: 'Matched name', width: 2 },
      { header: 'Score', width: 0.6, align: 'right' },
      { header: 'Why', width: 2.6 },
      { header: 'Disposition', width: 2.4 },
    ],
    hits.map((h) => [
      `${h.source}\n#${h.entryId}`,
      h.matchedName,
      String(h.score),
      h.why.join('; '),
      // A toned cell prints as a one-line badge: the reason needs plain, wrapping text.
      h.disposition ? `${humanize(h.disposition)}: ${h.dispositionReason ?? ''}\n${h.disposedByName ?? '—'}, ${h.disposedAt ? formatTime(h.disposedAt) : ''}` : { text: 'OPEN', tone: TONES.warn },
    ]),
    { fontSize: 7.5, empty: 'No list entry scored at or above the review threshold.' },
  );
}

/** What the engine recommended when a decision was taken (the analysis newest before it). */
function engineThen(data: CaseReportData, decisionId: string): string {
  const r = data.recommendationAtDecision[decisionId];
  return r ? humanize(r) : 'no result yet';
}

/**
 * Checks completed after the decision in effect were not what its officer saw (an analysis run
 * again later, a liveness verified after): said so, with what the engine said at the decision.
 */
function decidedBefore(data: CaseReportData, completedAt: string): string | null {
  const d = data.decisions.filter(isInEffect).at(-1);
  if (!d || completedAt <= d.at) return null;
  return `These checks completed after the decision in effect (${humanize(d.action)} by ${d.actorName}, ${formatTime(d.at)}), which was taken when the engine's recommendation was: ${engineThen(data, d.id)}. The decision history shows it for every decision.`;
}

/**
 * What a decision did to the case. A proposal (four-eyes) moved it to a second review, not to its
 * outcome; a returned one never took effect. Only a final or confirmed decision reached `toStatus`.
 */
function decisionCell(d: CaseReportData['decisions'][number]): string {
  const action = humanize(d.action);
  if (d.state === 'proposed') return `${action} (proposed)\n${humanize(d.fromStatus)} → ${humanize('AWAITING_SECOND_REVIEW')}`;
  if (d.state === 'returned') return `${action} (returned)\nnever in effect`;
  return `${action}\n${humanize(d.fromStatus)} → ${humanize(d.toStatus)}`;
}

export function decisionsSection(canvas: PdfCanvas, data: CaseReportData): void {
  canvas.numberedSection('Decision history', 60);
  canvas.table(
    [
      { header: 'When', width: 1.25 },
      { header: 'Who', width: 1.1 },
      { header: 'Decision', width: 1.3 },
      { header: 'Engine then', width: 0.95 },
      { header: 'Reason', width: 1.45 },
      { header: 'Comment', width: 1.45 },
      { header: 'Four-eyes', width: 1.7 },
    ],
    data.decisions.map((d): Cell[] => {
      const fourEyes =
        d.state === 'final'
          ? 'Single review'
          : `${humanize(d.state)}${d.fourEyesReason ? ` (${d.fourEyesReason})` : ''}${d.reviewerName ? `\nby ${d.reviewerName} at ${formatTime(d.reviewedAt)}` : '\nwaiting for a second reviewer'}${d.reviewComment ? `\n“${d.reviewComment}”` : ''}`;
      return [
        formatTime(d.at),
        d.actorName,
        { text: decisionCell(d), bold: true },
        { text: engineThen(data, d.id), small: true },
        { text: reasonLabel(d.reasonCode), small: true },
        { text: [d.internalComment, d.customerMessage && `To customer: ${d.customerMessage}`].filter(Boolean).join('\n') || '—', small: true },
        { text: fourEyes, small: true, color: d.state === 'returned' ? DANGER : undefined },
      ];
    }),
    { empty: 'No decision has been recorded.' },
  );
  if (data.closedBy) canvas.paragraph(`The case was closed without an officer's decision: ${data.closedBy}.`, { size: 8 });
}

export function auditSection(canvas: PdfCanvas, data: CaseReportData): void {
  canvas.numberedSection(`Audit events (${data.events.length})`, 60);
  canvas.paragraph('Every event recorded for this case, in chain order. Each hash covers the event and the hash before it (SHA-256).', { size: 7.5, color: MUTED });
  canvas.gap(3);
  canvas.table(
    [
      { header: 'Seq', width: 0.5, align: 'right' },
      { header: 'Time (UTC)', width: 1.05 },
      { header: 'Actor', width: 1.1 },
      { header: 'Event', width: 1.45 },
      { header: 'Event hash / payload hash', width: 4.1 },
    ],
    data.events.map((e): Cell[] => [
      String(e.seq),
      `${e.at.slice(0, 10)}\n${e.at.slice(11, 19)}`,
      e.actorName,
      e.payload === null ? `${e.type}\n(payload purged)` : e.type,
      { text: `${e.hash}\n${e.payloadHash}`, fit: true, color: '#2d3748' },
    ]),
    { fontSize: 7.5, empty: 'No audit events.' },
  );
}

export function verificationSection(canvas: PdfCanvas, data: CaseReportData, ctx: ExportContext, exported: string): void {
  canvas.numberedSection('Verification', 110);
  const v = ctx.chain;
  const last = data.events.at(-1);
  canvas.keyValues(
    chainVerificationRows(v),
    3,
  );
  canvas.table(
    [
      { header: 'Reference', width: 1.6 },
      { header: 'SHA-256', width: 5 },
    ],
    [
      ['Chain head at export', { text: v.headHash ?? '—', fit: true, bold: true }],
      [`Last event of this case${last ? ` (#${last.seq})` : ''}`, { text: last?.hash ?? '—', fit: true }],
      ['Exported by', exported],
      ...(ctx.anchor
        ? ([
            [`Signed checkpoint (#${ctx.anchor.seq})`, { text: `${ctx.anchor.head}\nsigned ${ctx.anchor.at}`, fit: true }],
            ['Signing key (Ed25519)', { text: `key id ${ctx.anchor.keyId}\npublic key ${ctx.anchor.publicKey}`, fit: true }],
            ['Signature', { text: ctx.anchor.signature, fit: true }],
          ] satisfies [string, Cell][])
        : []),
    ],
  );
  canvas.gap(6);
  canvas.paragraph(
    'The report was generated from the workstation’s local store. Its own SHA-256 is written next to it in a .sha256 file (sha256sum format); ' +
      'run `sha256sum -c` on that file to confirm this copy is unaltered, and `npm run audit:verify` to re-check the audit chain. ' +
      'The signed checkpoint is also in this file’s document information: `npm run audit:verify -- --anchors <this file>` checks, at any later time, ' +
      'that the store’s chain still holds this head, so a chain rewritten after this report was handed out is detected.',
    { size: 7.5, color: MUTED },
  );
}
