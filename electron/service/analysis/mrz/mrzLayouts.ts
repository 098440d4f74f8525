import type { MrzResult } from '../../../../shared/schemas/analysis';

/**
 * The ICAO 9303 machine-readable zone layouts the reader knows (TD1, TD2, TD3 and the MRV-A and
 * MRV-B visas): each position's character class and where each field and check digit stands.
 */

export type MrzFormat = MrzResult['format'];

/** Position classes: A letter or filler, N digit (check digits too), D digit or filler, X any, S sex. */
export type Cls = 'A' | 'N' | 'D' | 'X' | 'S';

export interface Layout {
  format: MrzFormat;
  lineLength: number;
  lines: string[]; // one class per position
  docNumber: [line: number, start: number, end: number, check: number];
  birth: [line: number, start: number];
  sex: [line: number, pos: number];
  expiry: [line: number, start: number];
  nationality: [line: number, start: number];
  names: [line: number, start: number, end: number];
  personal: [line: number, start: number, end: number, check: number] | null;
  composite: { line: number; pos: number; ranges: [number, number, number][] } | null;
}

const rep = (c: Cls, n: number): string => c.repeat(n);

/** The letters a document code may start with, per layout: passports P, visas V, cards A, C or I. */
export const DOCUMENT_CODE_FIRST: Record<MrzFormat, string> = { TD3: 'P', MRVA: 'V', MRVB: 'V', TD2: 'ACI', TD1: 'ACI' };

export const LAYOUTS: Layout[] = [
  {
    format: 'TD3',
    lineLength: 44,
    lines: [rep('A', 44), 'XXXXXXXXXNAAANNNNNNNSNNNNNNNXXXXXXXXXXXXXXDN'],
    docNumber: [1, 0, 9, 9],
    nationality: [1, 10],
    birth: [1, 13],
    sex: [1, 20],
    expiry: [1, 21],
    names: [0, 5, 44],
    personal: [1, 28, 42, 42],
    composite: { line: 1, pos: 43, ranges: [[1, 0, 10], [1, 13, 20], [1, 21, 43]] },
  },
  {
    format: 'MRVA',
    lineLength: 44,
    lines: [rep('A', 44), 'XXXXXXXXXNAAANNNNNNNSNNNNNNN' + rep('X', 16)],
    docNumber: [1, 0, 9, 9],
    nationality: [1, 10],
    birth: [1, 13],
    sex: [1, 20],
    expiry: [1, 21],
    names: [0, 5, 44],
    personal: null,
    composite: null,
  },
  {
    format: 'TD2',
    lineLength: 36,
    lines: [rep('A', 36), 'XXXXXXXXXNAAANNNNNNNSNNNNNNNXXXXXXXN'],
    docNumber: [1, 0, 9, 9],
    nationality: [1, 10],
    birth: [1, 13],
    sex: [1, 20],
    expiry: [1, 21],
    names: [0, 5, 36],
    personal: null,
    composite: { line: 1, pos: 35, ranges: [[1, 0, 10], [1, 13, 20], [1, 21, 35]] },
  },
  {
    format: 'MRVB',
    lineLength: 36,
    lines: [rep('A', 36), 'XXXXXXXXXNAAANNNNNNNSNNNNNNN' + rep('X', 8)],
    docNumber: [1, 0, 9, 9],
    nationality: [1, 10],
    birth: [1, 13],
    sex: [1, 20],
    expiry: [1, 21],
    names: [0, 5, 36],
    personal: null,
    composite: null,
  },
  {
    format: 'TD1',
    lineLength: 30,
    lines: ['AAAAAXXXXXXXXXDXXXXXXXXXXXXXXX', 'NNNNNNNSNNNNNNNAAAXXXXXXXXXXXN', rep('A', 30)],
    docNumber: [0, 5, 14, 14],
    nationality: [1, 15],
    birth: [1, 0],
    sex: [1, 7],
    expiry: [1, 8],
    names: [2, 0, 30],
    personal: null,
    composite: { line: 1, pos: 29, ranges: [[0, 5, 30], [1, 0, 7], [1, 8, 15], [1, 18, 29]] },
  },
];

export const LAYOUT_FOR = (f: MrzFormat): Layout => LAYOUTS.find((l) => l.format === f)!;
