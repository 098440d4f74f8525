import { readFileSync } from 'node:fs';
import { MrzReader } from './electron/service/analysis/mrz/MrzReader';
const norm = (s: string | null | undefined) => (s ?? '').toUpperCase().replace(/</g, ' ').replace(/\s+/g, ' ').trim();
const r = await MrzReader.create();
const gt = JSON.parse(readFileSync('/work/shared/fixtures/documents/ground_truth.json', 'utf8')).documents;
let fields = 0, ok = 0, exact = 0, fd = 0;
for (const d of gt) {
  const t = performance.now();
  const m = await r.read(readFileSync('/work/shared/fixtures/documents/' + d.file));
  const ms = Math.round(performance.now() - t);
  if (!d.has_mrz) { if (m) fd++; console.log(d.file, 'nomrz ->', m ? 'FALSE' : 'ok', ms); continue; }
  fields += 9;
  if (!m) { console.log(d.file, 'MISSED', ms); continue; }
  const f = m.fields;
  const got = [f.documentCode, f.issuingState, f.surname, f.givenNames, f.documentNumber, f.nationality, f.birthDate, f.sex, f.expiryDate].map((x) => norm(x.value));
  const want = [d.document_code, d.issuing_state, d.surname, d.given_names, d.document_number, d.nationality, d.birth_date_yymmdd, d.sex, d.expiry_date_yymmdd].map(norm);
  const c = want.filter((w: string, i: number) => w === got[i]).length; ok += c; if (c === 9) exact++;
  console.log(d.file.padEnd(28), m.format, c + '/9', ms + 'ms', c < 9 ? want.map((w: string, i: number) => (w === got[i] ? '' : `${w}≠${got[i]}`)).filter(Boolean).join(' | ') : '');
}
console.log('fields', ok, '/', fields, (ok / fields).toFixed(3), 'exact', exact, 'false', fd);
await r.terminate();
