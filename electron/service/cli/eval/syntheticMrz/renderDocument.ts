import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { states } from 'mrz';
import { OCR_B_FAMILY, registerOcrB } from './ocrBFont';
import type { RandomMrz, SyntheticFormat } from './randomMrz';

/**
 * Prints a synthetic MRZ on a document photographed on a desk: a card or passport page of the
 * format's ICAO size on a varied background (plain, gradients, guilloche-like curves, speckle),
 * a photo box and printed fields above the zone, the MRZ in OCR-B at ICAO's 10 characters per
 * inch, and a desk around the document. Returns raw RGBA pixels for the degradations.
 */

export interface RenderedDocument {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Buffer;
  /** MRZ character pitch in pixels, which sets the scale of every degradation. */
  pitchPx: number;
  background: Background;
}

export type Background = 'plain' | 'linear' | 'radial' | 'guilloche' | 'speckle';
const BACKGROUNDS: readonly Background[] = ['plain', 'linear', 'radial', 'guilloche', 'speckle'];

/** ICAO 9303 part 3: document sizes in millimetres. */
const SIZE_MM: Record<SyntheticFormat, [number, number]> = { TD1: [85.6, 54], TD2: [105, 74], TD3: [125, 88] };
/** 10 characters per inch. */
const PITCH_MM = 2.54;
/** Baseline to baseline, about 6 lines per inch. */
const LINE_MM = 4.2;
/** OCR-B's advance is 0.723 em: the em whose advance is one pitch (OCR-B size 1 at 10 cpi). */
export const EM_PER_PITCH = 1 / 0.723;

type Rnd = () => number;
const between = (rnd: Rnd, a: number, b: number): number => a + (b - a) * rnd();
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h.toFixed(0)}, ${s.toFixed(0)}%, ${l.toFixed(0)}%)`;
}

/** Light paper tints: security backgrounds are pale so the printing stays legible. */
function paper(rnd: Rnd, hue: number): string {
  return hsl(hue + between(rnd, -20, 20), between(rnd, 10, 55), between(rnd, 82, 96));
}

function drawBackground(ctx: SKRSContext2D, rnd: Rnd, kind: Background, w: number, h: number): void {
  const hue = between(rnd, 0, 360);
  ctx.fillStyle = paper(rnd, hue);
  ctx.fillRect(0, 0, w, h);
  if (kind === 'linear') {
    const g = ctx.createLinearGradient(between(rnd, 0, w), 0, between(rnd, 0, w), h);
    g.addColorStop(0, paper(rnd, hue));
    g.addColorStop(0.5, paper(rnd, hue + 40));
    g.addColorStop(1, paper(rnd, hue - 40));
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  } else if (kind === 'radial') {
    const g = ctx.createRadialGradient(between(rnd, 0, w), between(rnd, 0, h), 0, w / 2, h / 2, Math.max(w, h));
    g.addColorStop(0, paper(rnd, hue + 60));
    g.addColorStop(1, paper(rnd, hue));
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  } else if (kind === 'guilloche') {
    // Interleaved sine curves, as on banknotes and passport pages, across the whole page
    // including behind the MRZ (many real documents print it over a pattern).
    const curves = Math.round(between(rnd, 25, 60));
    const amp = between(rnd, 0.02, 0.08) * h;
    const freq = between(rnd, 2, 7);
    ctx.lineWidth = between(rnd, 0.6, 1.6);
    for (let i = 0; i < curves; i++) {
      ctx.strokeStyle = hsl(hue + between(rnd, -30, 30), between(rnd, 20, 60), between(rnd, 62, 85));
      const y0 = (i / curves) * h * 1.2 - 0.1 * h;
      const phase = (i / curves) * Math.PI * 2;
      ctx.beginPath();
      for (let x = 0; x <= w; x += 3) {
        const y = y0 + amp * Math.sin((x / w) * freq * Math.PI * 2 + phase) + amp * 0.5 * Math.sin((x / w) * freq * 3.1 * Math.PI + 2 * phase);
        if (x === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      }
      ctx.stroke();
    }
  } else if (kind === 'speckle') {
    const dots = Math.round((w * h) / between(rnd, 60, 200));
    for (let i = 0; i < dots; i++) {
      ctx.fillStyle = hsl(hue + between(rnd, -40, 40), between(rnd, 10, 50), between(rnd, 55, 90));
      ctx.fillRect(rnd() * w, rnd() * h, between(rnd, 0.8, 2.5), between(rnd, 0.8, 2.5));
    }
  }
}

/** A desk, table or scanner lid around the document. */
function drawDesk(ctx: SKRSContext2D, rnd: Rnd, w: number, h: number): void {
  const light = rnd() < 0.3;
  ctx.fillStyle = hsl(between(rnd, 0, 360), between(rnd, 5, 40), light ? between(rnd, 70, 92) : between(rnd, 12, 45));
  ctx.fillRect(0, 0, w, h);
  if (rnd() < 0.5) {
    // Wood-like grain.
    ctx.globalAlpha = 0.15;
    for (let y = 0; y < h; y += between(rnd, 2, 8)) {
      ctx.fillStyle = rnd() < 0.5 ? '#000' : '#fff';
      ctx.fillRect(0, y, w, between(rnd, 1, 3));
    }
    ctx.globalAlpha = 1;
  }
}

function roundRect(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

const TITLES: Record<SyntheticFormat, string[]> = {
  TD1: ['IDENTITY CARD', 'RESIDENCE PERMIT', 'NATIONAL ID'],
  TD2: ['IDENTITY CARD', 'RESIDENCE PERMIT', 'TRAVEL DOCUMENT'],
  TD3: ['PASSPORT', 'PASSEPORT', 'PASAPORTE'],
};
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** 720301 as "01 MAR 1972" (a century guess is enough for the printed text). */
function printedDate(yymmdd: string, future: boolean): string {
  const yy = Number(yymmdd.slice(0, 2));
  const year = future || yy < 10 ? 2000 + yy : 1900 + yy;
  return `${yymmdd.slice(4, 6)} ${MONTHS[Number(yymmdd.slice(2, 4)) - 1]} ${year}`;
}

/** The human-readable zone above the MRZ: title, country, photo box, labelled fields. */
function drawVisualZone(ctx: SKRSContext2D, rnd: Rnd, mrz: RandomMrz, x: number, y: number, w: number, h: number, mm: number): void {
  const t = mrz.truth;
  const ink = hsl(between(rnd, 200, 240), between(rnd, 20, 60), between(rnd, 15, 35));
  const sans = pick(rnd, ['DejaVu Sans', 'Liberation Sans', 'Liberation Serif']);
  ctx.fillStyle = ink;
  ctx.font = `bold ${(3.2 * mm).toFixed(1)}px "${sans}"`;
  const country = (states as Record<string, string>)[t.issuingState] ?? t.issuingState;
  ctx.fillText(country.toUpperCase().slice(0, 34), x, y + 3.5 * mm);
  ctx.font = `${(2.6 * mm).toFixed(1)}px "${sans}"`;
  ctx.fillText(pick(rnd, TITLES[mrz.format]), x, y + 7 * mm);
  // Photo box with a head-and-shoulders silhouette.
  const photoW = w * 0.28, photoH = Math.min(h - 10 * mm, photoW * 1.3);
  const py = y + 9 * mm;
  ctx.fillStyle = hsl(between(rnd, 0, 360), 10, between(rnd, 60, 85));
  ctx.fillRect(x, py, photoW, photoH);
  ctx.fillStyle = hsl(between(rnd, 0, 360), 15, between(rnd, 25, 50));
  ctx.beginPath();
  ctx.ellipse(x + photoW / 2, py + photoH * 0.38, photoW * 0.2, photoH * 0.2, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.ellipse(x + photoW / 2, py + photoH, photoW * 0.42, photoH * 0.35, 0, Math.PI, 0);
  ctx.fill();
  const fields: [string, string][] = [
    ['Surname', t.surname],
    ['Given names', t.givenNames],
    ['Nationality', t.nationality],
    ['Date of birth', printedDate(t.birthDate, false)],
    ['Sex', t.sex || 'X'],
    ['Document no.', t.documentNumber],
    ['Date of expiry', printedDate(t.expiryDate, true)],
  ];
  const fx = x + photoW + 3 * mm;
  const rowH = Math.min(5.2 * mm, (photoH + 2 * mm) / fields.length);
  fields.forEach(([label, value], i) => {
    const fy = py + i * rowH;
    if (fy + rowH > y + h) return;
    ctx.fillStyle = ink;
    ctx.font = `${(0.3 * rowH).toFixed(1)}px "${sans}"`;
    ctx.fillText(label, fx, fy + 0.3 * rowH);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = `bold ${(0.46 * rowH).toFixed(1)}px "${sans}"`;
    ctx.fillText(value.slice(0, 28), fx, fy + 0.8 * rowH);
  });
}

export function renderDocument(mrz: RandomMrz, rnd: Rnd): RenderedDocument {
  registerOcrB();
  const [wMm, hMm] = SIZE_MM[mrz.format];
  // 200 to 320 dpi: a phone photo filling the frame or an ordinary scan.
  const mm = between(rnd, 8, 12.5);
  const cardW = Math.round(wMm * mm), cardH = Math.round(hMm * mm);
  const margin = Math.round(cardW * between(rnd, 0.04, 0.14));
  const width = cardW + 2 * margin, height = cardH + 2 * margin;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  drawDesk(ctx, rnd, width, height);

  ctx.save();
  ctx.translate(margin, margin);
  roundRect(ctx, 0, 0, cardW, cardH, 3 * mm);
  ctx.clip();
  const background = pick(rnd, BACKGROUNDS);
  drawBackground(ctx, rnd, background, cardW, cardH);

  const pitch = PITCH_MM * mm;
  const lineH = LINE_MM * mm;
  const lineLen = mrz.lines[0]!.length;
  const left = (cardW - lineLen * pitch) / 2 + between(rnd, -0.6, 0.6) * mm;
  const bottom = cardH - between(rnd, 3, 5) * mm;
  const top = bottom - (mrz.lines.length - 1) * lineH;
  drawVisualZone(ctx, rnd, mrz, 5 * mm, 3 * mm, cardW - 10 * mm, top - lineH - 4 * mm, mm);

  ctx.fillStyle = hsl(between(rnd, 200, 260), between(rnd, 0, 30), between(rnd, 3, 14));
  ctx.font = `${(pitch * EM_PER_PITCH).toFixed(2)}px "${OCR_B_FAMILY}"`;
  // One character per grid cell, as MRZ printers do (no kerning, no drift along the line).
  mrz.lines.forEach((line, li) => {
    for (let i = 0; i < line.length; i++) ctx.fillText(line[i]!, left + i * pitch, top + li * lineH);
  });
  ctx.restore();

  const image = ctx.getImageData(0, 0, width, height);
  return { width, height, rgba: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), pitchPx: pitch, background };
}
