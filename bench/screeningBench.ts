import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KycService } from '../electron/service/KycService';
import { importSanctionsList } from '../electron/service/screening/importSanctionsList';
import { testKeys } from '../test/helpers/testKeys';
import { DEFAULT_SCREENING_THRESHOLD } from '../shared/schemas/sanctions';
import { round, seededRandom, summarize } from './stats';
import type { BenchContext, BenchGroup, Metric } from './types';

/**
 * The `screening` group: a generated list of 100,000 people in the in-house CSV format (names
 * drawn from pools of given names and surnames of several languages, with aliases, birth dates
 * and nationalities), then
 * - list_import_s: parsing that file and building the screening index;
 * - screen_case_ms_p95: one screening (a case's name, birth date and nationality) against it,
 *   for names on the list, misspelt names on it, and names not on it.
 */
const ENTRIES = 100_000;
const QUERIES = 600;

const GIVEN = ['mohammed', 'ahmad', 'ali', 'hassan', 'ivan', 'sergei', 'olga', 'maria', 'jose', 'juan', 'ana', 'wei', 'li', 'jian', 'kim', 'min', 'abdul', 'omar', 'fatima', 'aisha', 'john', 'james', 'mary', 'peter', 'pierre', 'jean', 'hans', 'klaus', 'yusuf', 'ibrahim', 'nikolai', 'dmitri', 'elena', 'carlos', 'luis', 'sofia', 'amir', 'reza', 'hamid', 'farid', 'tariq', 'bilal', 'khalid', 'nasser', 'viktor', 'andrei', 'irina', 'natalia', 'chen', 'hui'];
const FAMILY = ['al rashid', 'hussein', 'khan', 'petrov', 'ivanov', 'smirnov', 'garcia', 'rodriguez', 'lopez', 'martinez', 'zhang', 'wang', 'liu', 'chen', 'park', 'lee', 'choi', 'haddad', 'nasser', 'mansour', 'smith', 'brown', 'dubois', 'moreau', 'muller', 'schmidt', 'yilmaz', 'kaya', 'demir', 'rahman', 'karimi', 'hosseini', 'tehrani', 'volkov', 'sokolov', 'kuznetsov', 'fernandez', 'gomez', 'diaz', 'torres', 'nguyen', 'tran', 'pham', 'okafor', 'mensah', 'diallo', 'traore', 'kone', 'osei', 'abubakar'];
const COUNTRIES = ['IR', 'RU', 'SY', 'KP', 'VE', 'CU', 'IQ', 'AF', 'YE', 'LY', 'CN', 'CO', 'MX', 'NG', 'SD'];

async function runScreening(ctx: BenchContext): Promise<Metric[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kyc-bench-screening-'));
  let service: KycService | undefined;
  try {
    const r = seededRandom(15);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    // Syllables make most surnames rare, as on a real list, while the pools keep common ones common.
    const syllables = ['ka', 'ro', 'mi', 'tan', 'vel', 'dor', 'sha', 'lin', 'bek', 'zar', 'nu', 'ost', 'ef', 'gul', 'ran'];
    const person = () => `${pick(FAMILY)} ${pick(syllables)}${pick(syllables)}${pick(syllables)}, ${pick(GIVEN)} ${pick(GIVEN)}`;
    const lines = ['entry_id,name,aliases,kind,birth_date,nationality,document_number'];
    const names: string[] = [];
    for (let i = 0; i < ENTRIES; i += 1) {
      const name = person();
      names.push(name);
      const year = 1940 + Math.floor(r() * 60);
      const alias = r() < 0.3 ? person() : '';
      lines.push(`G-${i},"${name}","${alias}",individual,${year}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)},${pick(COUNTRIES)},P${Math.floor(r() * 1e8)}`);
    }
    const file = join(dir, 'generated.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    ctx.log(`screening: generated ${ENTRIES.toLocaleString('en')} entries`);

    // The real import: parsed, written as the active snapshot of a store (SQLite, audited), then
    // the screening index built from the store as the first screening after an import does.
    const dataDir = join(dir, 'store');
    service = KycService.open({ dataDir, keys: testKeys(dataDir) });
    const t0 = performance.now();
    await importSanctionsList(service.deps, { file, format: 'inhouse-csv', source: 'generated' }, { id: null, name: 'bench' });
    const storedS = (performance.now() - t0) / 1000;
    const index = service.deps.sanctionsIndex.index();
    const importS = (performance.now() - t0) / 1000;
    ctx.log(`screening: imported in ${round(storedS, 1)} s, indexed from the store by ${round(importS, 1)} s`);

    const samples: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i += 1) {
      const kind = i % 3;
      const listed = pick(names).replace(',', '');
      const name = kind === 0 ? listed : kind === 1 ? listed.replace(/([a-z])([a-z])/, '$2$1') : `${pick(GIVEN)} ${pick(['restrepo', 'okonkwo', 'lindqvist', 'yamamoto', 'kowalski'])}`;
      const q0 = performance.now();
      hits += index.screen({ name, country: pick(COUNTRIES) }, DEFAULT_SCREENING_THRESHOLD).length;
      samples.push(performance.now() - q0);
    }
    const s = summarize(samples);
    return [
      { key: 'list_import_s', value: importS, unit: 's', target: { kind: 'max', value: 30 }, detail: `${ENTRIES.toLocaleString('en')} entries, in-house CSV parsed, stored as the active snapshot (SQLite, audited) in ${round(storedS, 1)} s, then indexed from the store` },
      { key: 'screen_case_ms_p95', value: s.p95, unit: 'ms', target: { kind: 'max', value: 20 }, detail: `p50 ${round(s.p50, 2)} ms, max ${round(s.max, 1)} ms, n=${s.n}; ${hits} hits at ${DEFAULT_SCREENING_THRESHOLD}` },
    ];
  } finally {
    service?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const screeningGroup: BenchGroup = {
  name: 'screening',
  description: 'sanctions screening: importing a 100,000-entry list and screening one case against it',
  run: runScreening,
};
