import { diditSection } from './diditSection';
import { isApplicant, LEGAL_STRUCTURE_NAMES } from '../../../shared/schemas/profile';
import { countryName } from '../../../shared/countries';
import type { Evidence } from '../../../shared/schemas/evidence';
import { isInEffect } from '../../../shared/schemas/decision';
import type { CaseReportData, ExportContext } from './loadCaseReport';
import type { EvidenceThumbnails, Thumbnail } from './evidenceThumbnails';
import { CONTENT_WIDTH, FONT_BOLD, FONT_REGULAR, PAGE, PdfCanvas, type Cell } from './pdf/PdfCanvas';
import { formatTime, humanize } from './reportFormat';
import { BORDER, MUTED, TONES, outcomeTone, statusTone } from './pdf/palette';
import { auditSection, checksSection, decisionsSection, fieldsSection, sanctionsSection, screeningSection, verificationSection } from './caseReportSections';
import { keyFramesOf, livenessSection } from './livenessSection';

/** Key frames printed per liveness action; the strip holds about five. */
const MAX_KEY_FRAMES = 5;

/** Images printed in the evidence section, in this order; other evidence is listed only. */
const IMAGE_KINDS = ['DOCUMENT_FRONT', 'DOCUMENT_BACK', 'SELFIE'] as const;

/** ASCII only (external ids may hold anything); `at` stamps single exports so none overwrites another. */
export function reportFileName(data: Pick<CaseReportData, 'case' | 'profile'>, at?: Date): string {
  const stamp = at ? `-${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z` : '';
  return `${reportFilePrefix(data.case.id, data.profile.externalId)}${stamp}.pdf`;
}

/** What every report file of one case starts with (the retention purge finds them by it). */
export function reportFilePrefix(caseId: string, externalId: string): string {
  const safe = externalId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40) || 'case';
  return `kyc-report-${safe}-${caseId.slice(0, 8)}`;
}

/**
 * Renders one case's audit report: header and summary, evidence images, entered against
 * extracted fields, every check with its score and threshold, liveness, screening, the
 * decision history with its four-eyes steps, the case's audit events with their hashes, and
 * the chain verification at export time.
 */
export async function renderCaseReport(data: CaseReportData, ctx: ExportContext, thumbnails: EvidenceThumbnails): Promise<{ pdf: Buffer; pages: number }> {
  const c = data.case;
  const exported = `${ctx.exportedBy.displayName} (${ctx.exportedBy.role}) at ${formatTime(ctx.exportedAt.toISOString())}`;
  const canvas = new PdfCanvas(
    {
      kicker: 'KYC audit report · confidential',
      title: data.profile.displayName,
      reference: `Case ${c.id}`,
      footer: `Exported by ${exported} · SHA-256 of this file in its .sha256 sidecar`,
    },
    { title: `KYC audit report — ${data.profile.displayName}`, author: ctx.exportedBy.displayName, subject: `Case ${c.id}`, createdAt: ctx.exportedAt, anchor: ctx.anchor },
  );
  const images = await Promise.all(data.evidence.filter((e) => (IMAGE_KINDS as readonly string[]).includes(e.kind)).map(async (e) => ({ e, t: await thumbnails.get(e) })));
  const frameHashes = [...new Set(data.liveness.flatMap((s) => s.result?.actions.flatMap((a) => keyFramesOf(a).slice(0, MAX_KEY_FRAMES)) ?? []))];
  const keyFrames = new Map<string, Thumbnail>();
  for (const sha256 of frameHashes) {
    const t = await thumbnails.get({ sha256, mimeType: 'image/jpeg' });
    if (t) keyFrames.set(sha256, t);
  }

  summary(canvas, data, ctx);
  evidenceSection(canvas, data.evidence, images);
  fieldsSection(canvas, data);
  checksSection(canvas, data);
  livenessSection(canvas, data, keyFrames);
  diditSection(canvas, data);
  screeningSection(canvas, data);
  sanctionsSection(canvas, data);
  decisionsSection(canvas, data);
  auditSection(canvas, data);
  verificationSection(canvas, data, ctx, exported);
  return canvas.finish();
}

function summary(canvas: PdfCanvas, data: CaseReportData, ctx: ExportContext): void {
  const c = data.case;
  const doc = canvas.doc;
  // The status strip: the facts an auditor looks for first.
  const y = doc.y;
  doc.roundedRect(PAGE.left, y, CONTENT_WIDTH, 46, 6).lineWidth(0.6).strokeColor(BORDER).stroke();
  // Widths by what each holds: a status reads up to "AWAITING SECOND REVIEW", a level "L2".
  const strip: [string, string, ReturnType<typeof statusTone> | null, number][] = [
    ['Status', humanize(c.status).toUpperCase(), statusTone(c.status), 2],
    ['KYC level', c.kycLevel, TONES.info, 0.8],
    ['Engine', c.recommendation ? humanize(c.recommendation).toUpperCase() : 'NOT ANALYSED', c.recommendation ? outcomeTone(c.recommendation) : TONES.neutral, 1.3],
    ['Risk', c.risk ?? '—', c.risk ? outcomeTone(c.risk) : TONES.neutral, 0.9],
    ['Policy', data.policyVersion !== null ? `v${data.policyVersion}` : '—', null, 0.7],
  ];
  const unit = CONTENT_WIDTH / strip.reduce((sum, [, , , weight]) => sum + weight, 0);
  let x = PAGE.left + 12;
  for (const [label, value, tone, weight] of strip) {
    const room = weight * unit - 16;
    doc.font(FONT_REGULAR).fontSize(6.8).fillColor(MUTED).text(label.toUpperCase(), x, y + 8, { lineBreak: false, characterSpacing: 0.3 });
    if (tone) {
      // A value wider than its column is set smaller, never cut or run into the next one.
      doc.font(FONT_BOLD).fontSize(8);
      canvas.pill(value, x, y + 21, tone, Math.min(8, (8 * (room - 10)) / doc.widthOfString(value)));
    } else doc.font(FONT_BOLD).fontSize(10).fillColor('#1c2430').text(value, x, y + 22, { lineBreak: false });
    x += weight * unit;
  }
  doc.x = PAGE.left;
  doc.y = y + 56;

  canvas.numberedSection('Case and profile', 80);
  const p = data.profile;
  const pairs: [string, Cell][] = [
    ['Name', { text: p.displayName, bold: true }],
    ['Profile type', humanize(p.type)],
    ['External ID', p.externalId],
  ];
  const personData = p.type === 'PERSON' ? p.data : null;
  if (personData && isApplicant(personData)) {
    // A kycService applicant: only what the customer and the OCR have supplied so far.
    const d = personData;
    pairs.push(
      ['Stage', 'kycService applicant (no KillB contact or address data)'],
      ['Date of birth', d.dateOfBirth ?? '—'],
      ['Nationality', d.nationality ? `${countryName(d.nationality)} (${d.nationality})` : '—'],
      ['Country', `${countryName(d.country)} (${d.country})`],
      ['Document', d.document?.type ? `${d.document.type.replace(/_/g, ' ')} ${d.document.number ?? ''}`.trim() : '—'],
      ['Issued by', [d.document?.issuer, d.document?.issuedCountryCode].filter(Boolean).join(', ') || '—'],
      ['Expiry date', d.document?.expiryDate ?? '—'],
    );
  } else if (personData) {
    const d = personData;
    pairs.push(
      ['Date of birth', d.dateOfBirth],
      ['Nationality', d.nationality ? `${countryName(d.nationality)} (${d.nationality})` : '—'],
      ['Country of residence', `${countryName(d.address.countryCode)} (${d.address.countryCode})`],
      ['Document', `${d.document.type.replace(/_/g, ' ')} ${d.document.number}`],
      ['Issued by', [d.document.issuer, d.document.issuedCountryCode].filter(Boolean).join(', ')],
      ['Issue date', d.document.expeditionDate ?? '—'],
      ['Expiry date', d.document.expiryDate ?? '—'],
      ['Email', d.email],
      ['Phone', d.phone],
      ['Address', [d.address.street1, d.address.street2, d.address.city, d.address.state, d.address.zipCode].filter(Boolean).join(', ')],
      // The companies whose approval rests on this person's.
      ...data.ownerOf.map((o): [string, Cell] => [
        o.main ? 'Main owner of' : 'Owner of',
        o.displayName === null ? `profile ${o.profileId} (no longer on file)` : `${o.displayName} (${o.externalId ?? '—'}), its case ${o.caseStatus ? humanize(o.caseStatus) : 'not opened'}`,
      ]),
    );
  } else if (p.type === 'COMPANY') {
    const d = p.data;
    pairs.push(
      ['Trade name', d.tradeName ?? '—'],
      ['Registered number', d.registeredNumber ?? '—'],
      ['Legal structure', d.legalStructure ? LEGAL_STRUCTURE_NAMES[d.legalStructure] : '—'],
      ['Document', `${d.document.type.replace(/_/g, ' ')} ${d.document.number}`],
      ['Country', `${countryName(d.address.countryCode)} (${d.address.countryCode})`],
      ['Address', [d.address.street1, d.address.street2, d.address.city, d.address.state, d.address.zipCode].filter(Boolean).join(', ')],
      // Beneficial owners, each verified in its own application: named with where that stands.
      ...data.owners.map((o): [string, Cell] => [
        o.main ? 'Main owner' : 'Owner',
        o.displayName === null ? `profile ${o.profileId} (no longer on file)` : `${o.displayName} (${o.externalId ?? '—'}), ${o.caseStatus ? `own case ${humanize(o.caseStatus)}` : 'no case'}`,
      ]),
      // An approved company whose owner left approval since (or was never approved here): said
      // beside the owners, as the queue's owner alert says it.
      ...(c.ownerAlert ? [['Owner alert', { text: 'Not every owner is approved in their own application now: this approval no longer rests on verified owners', bold: true }] as [string, Cell]] : []),
    );
  }
  pairs.push(
    ['Case ID', { text: c.id, fit: true }],
    ['Profile ID', { text: p.id, fit: true }],
    ['Case version', String(c.version)],
    ['Created', formatTime(c.createdAt)],
    ['Submitted', formatTime(c.submittedAt)],
    ['Closed', formatTime(data.closedAt)],
    ['Assignee', c.assigneeName ?? '—'],
    ['Decision in effect', decisionInEffect(data)],
    ['Fields corrected by an officer', c.userModified ? 'Yes' : 'No'],
  );
  if (ctx.batchId) pairs.push(['Batch export', { text: ctx.batchId, fit: true }]);
  canvas.keyValues(pairs, 3);
}

/**
 * The last decision that took effect, with its second reviewer when four-eyes applied; for a case
 * the engine, a remote or a schedule closed, that change instead (an earlier officer's decision is
 * no longer what the case stands on).
 */
function decisionInEffect(data: CaseReportData): Cell {
  if (data.closedBy) return { text: data.closedBy, bold: true };
  const d = data.decisions.filter(isInEffect).at(-1);
  if (!d) return '—';
  const second = d.state === 'confirmed' && d.reviewerName ? `, confirmed by ${d.reviewerName}` : '';
  return { text: `${humanize(d.action)} by ${d.actorName} on ${d.at.slice(0, 10)}${second}`, bold: true };
}

function evidenceSection(canvas: PdfCanvas, evidence: Evidence[], images: { e: Evidence; t: Thumbnail | null }[]): void {
  canvas.numberedSection('Evidence', 150);
  const doc = canvas.doc;
  const shown = images.filter((i) => i.t);
  if (shown.length) {
    const boxW = (CONTENT_WIDTH - 16 * (Math.min(3, shown.length) - 1)) / Math.min(3, shown.length);
    const boxH = 150;
    for (let i = 0; i < shown.length; i += 3) {
      canvas.ensureSpace(boxH + 34);
      const y = doc.y;
      shown.slice(i, i + 3).forEach(({ e, t }, j) => {
        const x = PAGE.left + j * (boxW + 16);
        doc.rect(x, y, boxW, boxH).fill('#f1f3f7');
        doc.image(t!.jpeg, x + 4, y + 4, { fit: [boxW - 8, boxH - 8], align: 'center', valign: 'center' });
        doc.rect(x, y, boxW, boxH).lineWidth(0.5).strokeColor(BORDER).stroke();
        doc.font(FONT_BOLD).fontSize(7.5).fillColor('#1c2430').text(humanize(e.kind), x, y + boxH + 4, { width: boxW, lineBreak: false });
        doc.font(FONT_REGULAR).fontSize(6.2).fillColor(MUTED).text(`${e.fileName} · ${t!.width}×${t!.height} preview · sha256 ${e.sha256.slice(0, 16)}…`, x, y + boxH + 14, { width: boxW, lineBreak: false, ellipsis: true, height: 9 });
      });
      doc.x = PAGE.left;
      doc.y = y + boxH + 28;
    }
  } else {
    canvas.paragraph(images.length ? 'The document and selfie images could not be decoded for this report.' : 'No document or selfie images were added to this case.', { color: MUTED });
    canvas.gap(4);
  }
  canvas.table(
    [
      { header: 'Kind', width: 1.2 },
      { header: 'File', width: 1.7 },
      { header: 'Type', width: 1 },
      { header: 'Size', width: 0.7, align: 'right' },
      { header: 'Added (UTC)', width: 1.1 },
      { header: 'SHA-256', width: 3.6 },
    ],
    evidence.map((e): Cell[] => [humanize(e.kind), e.fileName, e.mimeType, `${Math.max(1, Math.round(e.byteSize / 1024))} KB`, `${e.createdAt.slice(0, 10)}\n${e.createdAt.slice(11, 19)}`, { text: e.sha256, fit: true }]),
    { empty: 'No evidence files.', fontSize: 7.5 },
  );
}
