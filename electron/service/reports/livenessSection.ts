import type { LivenessSession } from '../../../shared/schemas/liveness';
import type { CaseReportData } from './loadCaseReport';
import { formatTime, humanize, pct } from './reportFormat';
import { CONTENT_WIDTH, FONT_BOLD, PAGE, type Cell, type PdfCanvas } from './pdf/PdfCanvas';
import { BORDER, DANGER, INK, MUTED, TONES } from './pdf/palette';
import type { Thumbnail } from './evidenceThumbnails';

/** Key-frame hashes of an action result, for sessions whose clips were verified with key frames kept. */
export function keyFramesOf(action: object): string[] {
  const k = (action as { keyFrames?: unknown }).keyFrames;
  return Array.isArray(k) ? k.filter((x): x is string => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x)) : [];
}

/** A strip of key frames under the liveness table: what the officer saw in each clip. */
function keyFrameStrip(canvas: PdfCanvas, label: string, frames: Thumbnail[]): void {
  const doc = canvas.doc;
  const h = 58;
  canvas.ensureSpace(h + 16);
  const y = doc.y;
  doc.font(FONT_BOLD).fontSize(7.5).fillColor(INK).text(label, PAGE.left, y + h / 2 - 5, { width: 80, lineBreak: false });
  let x = PAGE.left + 84;
  for (const f of frames) {
    const w = Math.min(90, (f.width / f.height) * h);
    if (x + w > PAGE.left + CONTENT_WIDTH) break;
    doc.image(f.jpeg, x, y, { fit: [w, h], align: 'center', valign: 'center' });
    doc.rect(x, y, w, h).lineWidth(0.4).strokeColor(BORDER).stroke();
    x += w + 6;
  }
  doc.x = PAGE.left;
  doc.y = y + h + 6;
}

/**
 * Whether the clips show the reference photo's person: a session fails on this alone, whatever its
 * actions, so the report says it under the session's heading.
 */
function clipFaceLine(m: NonNullable<NonNullable<LivenessSession['result']>['faceMatch']>): { text: string; color: string } {
  const reference = m.reference === 'selfie' ? 'the selfie' : 'the document portrait';
  if (m.similarity === null) return { text: `The face in the clips was not compared with ${reference}: ${m.detail ?? 'no reason recorded'}.`, color: MUTED };
  if (m.similarity >= m.threshold) return { text: `The face in the clips matches ${reference}: face score ${m.similarity.toFixed(3)}, threshold ${m.threshold}.`, color: MUTED };
  return { text: `The face in the clips is not the person in ${reference}: face score ${m.similarity.toFixed(3)}, below the threshold ${m.threshold}. This fails the session, whatever the actions.`, color: DANGER };
}

export function livenessSection(canvas: PdfCanvas, data: CaseReportData, keyFrames: ReadonlyMap<string, Thumbnail>): void {
  canvas.numberedSection('Liveness', 60);
  if (!data.liveness.length) {
    canvas.paragraph('No liveness session was run for this case.', { color: MUTED });
    return;
  }
  for (const s of data.liveness) {
    const r = s.result;
    canvas.subheading(
      `Session ${s.id.slice(0, 8)} · ${s.status} · started ${formatTime(s.createdAt)}${r ? ` · ${r.passedActions}/${r.requiredActions} actions, confidence ${pct(r.confidence)}` : ''}`,
    );
    if (r?.faceMatch) {
      const line = clipFaceLine(r.faceMatch);
      canvas.paragraph(line.text, { color: line.color });
    }
    canvas.table(
      [
        { header: 'Action', width: 1.1 },
        { header: 'Detected', width: 0.9 },
        { header: 'Confidence', width: 0.9, align: 'right' },
        { header: 'Frames', width: 0.7, align: 'right' },
        { header: 'Faces', width: 0.6, align: 'right' },
        { header: 'What the measurement showed', width: 3.6 },
      ],
      r
        ? r.actions.map((x): Cell[] => [humanize(x.action), x.detected ? { text: 'YES', tone: TONES.ok } : { text: 'NO', tone: TONES.danger }, pct(x.confidence), String(x.frames), String(x.facesFound), { text: x.evidence, small: true }])
        : s.actions.map((x): Cell[] => [humanize(x), { text: 'PENDING', tone: TONES.neutral }, '—', '—', '—', 'No clip was verified for this action.']),
    );
    canvas.gap(4);
    for (const a of r?.actions ?? []) {
      const frames = keyFramesOf(a).flatMap((sha) => keyFrames.get(sha) ?? []);
      if (frames.length) keyFrameStrip(canvas, humanize(a.action), frames);
    }
    canvas.gap(4);
  }
}

