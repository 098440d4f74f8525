/** ICAO 9303 check digit: weights 7, 3, 1 over digits, letters A=10..Z=35, and '<' as 0. */
export function checkDigit(field: string): string {
  const weights = [7, 3, 1];
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field[i]!;
    const v = c === '<' ? 0 : c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c >= 'A' && c <= 'Z' ? c.charCodeAt(0) - 55 : 0;
    sum += v * weights[i % 3]!;
  }
  return String(sum % 10);
}

/** Characters OCR confuses, by the kind of position they were read in. */
const TO_DIGIT: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', I: '1', L: '1', T: '1', Z: '2', S: '5', G: '6', B: '8', A: '4', '<': '0' };
const TO_LETTER: Record<string, string> = { '0': 'O', '1': 'I', '2': 'Z', '5': 'S', '6': 'G', '8': 'B', '4': 'A' };

export function asDigits(s: string): string {
  return [...s].map((c) => (c >= '0' && c <= '9' ? c : (TO_DIGIT[c] ?? c))).join('');
}

export function asLetters(s: string): string {
  return [...s].map((c) => TO_LETTER[c] ?? c).join('');
}

/**
 * For an alphanumeric field with a check digit (document numbers), tries the readings OCR
 * could have confused until the check digit agrees; returns the field unchanged if none does.
 */
export function repairByCheckDigit(field: string, digit: string): { value: string; changed: number } {
  if (checkDigit(field) === digit) return { value: field, changed: 0 };
  const changes = (v: string) => [...v].filter((c, i) => c !== field[i]).length;
  const candidates: string[] = [];
  // Document numbers are mostly a letter prefix then digits: read the rest as digits (fillers stay).
  const digitsOnly = (t: string) => [...t].map((c) => (c === '<' ? c : asDigits(c))).join('');
  for (const keep of [0, 1, 2, 3]) candidates.push(field.slice(0, keep) + digitsOnly(field.slice(keep)));
  const alternatives: Record<string, string[]> = {
    '0': ['O', 'D', 'Q'], O: ['0', 'D', 'Q'], D: ['0', 'O'], Q: ['0', 'O'],
    '1': ['I', 'L', 'T'], I: ['1', 'L'], L: ['1', 'I'], T: ['1'],
    '2': ['Z'], Z: ['2'], '5': ['S'], S: ['5'], '6': ['G'], G: ['6'], '8': ['B'], B: ['8'], '4': ['A'], A: ['4'],
    '<': ['K', 'C', 'L'], K: ['<'], C: ['<', 'G'],
  };
  // One substitution, then two: OCR rarely misreads more in one short field.
  for (let i = 0; i < field.length; i++) {
    for (const a of alternatives[field[i]!] ?? []) {
      candidates.push(field.slice(0, i) + a + field.slice(i + 1));
      for (let j = i + 1; j < field.length; j++) {
        for (const b of alternatives[field[j]!] ?? []) candidates.push(field.slice(0, i) + a + field.slice(i + 1, j) + b + field.slice(j + 1));
      }
    }
  }
  // The passing reading that changes the fewest characters.
  const passing = candidates.filter((v) => checkDigit(v) === digit).sort((a, b) => changes(a) - changes(b));
  const best = passing[0];
  return best ? { value: best, changed: changes(best) } : { value: field, changed: 0 };
}
