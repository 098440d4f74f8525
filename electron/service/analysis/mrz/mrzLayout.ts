import type { MrzResult } from '../../../../shared/schemas/analysis';

export type MrzFormat = MrzResult['format'];

/** What each character position holds, per ICAO 9303 layout. */
type Kind = 'code' | 'alpha' | 'digit' | 'alnum' | 'name' | 'sex';

interface Field {
  name: string;
  line: number;
  start: number;
  end: number;
  kind: Kind;
  /** Position of the check digit covering this field. */
  check?: { line: number; pos: number };
}

const TD3: Field[] = [
  { name: 'documentCode', line: 0, start: 0, end: 2, kind: 'code' },
  { name: 'issuingState', line: 0, start: 2, end: 5, kind: 'alpha' },
  { name: 'names', line: 0, start: 5, end: 44, kind: 'name' },
  { name: 'documentNumber', line: 1, start: 0, end: 9, kind: 'alnum', check: { line: 1, pos: 9 } },
  { name: 'nationality', line: 1, start: 10, end: 13, kind: 'alpha' },
  { name: 'birthDate', line: 1, start: 13, end: 19, kind: 'digit', check: { line: 1, pos: 19 } },
  { name: 'sex', line: 1, start: 20, end: 21, kind: 'sex' },
  { name: 'expiryDate', line: 1, start: 21, end: 27, kind: 'digit', check: { line: 1, pos: 27 } },
  { name: 'personalNumber', line: 1, start: 28, end: 42, kind: 'alnum', check: { line: 1, pos: 42 } },
];
const TD2: Field[] = [
  { name: 'documentCode', line: 0, start: 0, end: 2, kind: 'code' },
  { name: 'issuingState', line: 0, start: 2, end: 5, kind: 'alpha' },
  { name: 'names', line: 0, start: 5, end: 36, kind: 'name' },
  { name: 'documentNumber', line: 1, start: 0, end: 9, kind: 'alnum', check: { line: 1, pos: 9 } },
  { name: 'nationality', line: 1, start: 10, end: 13, kind: 'alpha' },
  { name: 'birthDate', line: 1, start: 13, end: 19, kind: 'digit', check: { line: 1, pos: 19 } },
  { name: 'sex', line: 1, start: 20, end: 21, kind: 'sex' },
  { name: 'expiryDate', line: 1, start: 21, end: 27, kind: 'digit', check: { line: 1, pos: 27 } },
  { name: 'optional', line: 1, start: 28, end: 35, kind: 'alnum' },
];
const MRVA: Field[] = [...TD3.slice(0, 8), { name: 'optional', line: 1, start: 28, end: 44, kind: 'alnum' }];
const MRVB: Field[] = [...TD2.slice(0, 8), { name: 'optional', line: 1, start: 28, end: 36, kind: 'alnum' }];
const TD1: Field[] = [
  { name: 'documentCode', line: 0, start: 0, end: 2, kind: 'code' },
  { name: 'issuingState', line: 0, start: 2, end: 5, kind: 'alpha' },
  { name: 'documentNumber', line: 0, start: 5, end: 14, kind: 'alnum', check: { line: 0, pos: 14 } },
  { name: 'optional1', line: 0, start: 15, end: 30, kind: 'alnum' },
  { name: 'birthDate', line: 1, start: 0, end: 6, kind: 'digit', check: { line: 1, pos: 6 } },
  { name: 'sex', line: 1, start: 7, end: 8, kind: 'sex' },
  { name: 'expiryDate', line: 1, start: 8, end: 14, kind: 'digit', check: { line: 1, pos: 14 } },
  { name: 'nationality', line: 1, start: 15, end: 18, kind: 'alpha' },
  { name: 'optional2', line: 1, start: 18, end: 29, kind: 'alnum' },
  { name: 'names', line: 2, start: 0, end: 30, kind: 'name' },
];

export const LAYOUTS: Record<MrzFormat, { lines: number; length: number; fields: Field[]; composite: { line: number; pos: number; ranges: [number, number, number][] } | null }> = {
  TD3: { lines: 2, length: 44, fields: TD3, composite: { line: 1, pos: 43, ranges: [[1, 0, 10], [1, 13, 20], [1, 21, 43]] } },
  TD2: { lines: 2, length: 36, fields: TD2, composite: { line: 1, pos: 35, ranges: [[1, 0, 10], [1, 13, 20], [1, 21, 35]] } },
  MRVA: { lines: 2, length: 44, fields: MRVA, composite: null },
  MRVB: { lines: 2, length: 36, fields: MRVB, composite: null },
  TD1: { lines: 3, length: 30, fields: TD1, composite: { line: 1, pos: 29, ranges: [[0, 5, 30], [1, 0, 7], [1, 8, 15], [1, 18, 29]] } },
};

export type { Field, Kind };
