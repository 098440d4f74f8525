import anyAscii from 'any-ascii';

/** Legal forms and filler words that say nothing about who an entity is. */
const NOISE = new Set(['ltd', 'llc', 'inc', 'co', 'corp', 'corporation', 'company', 'limited', 'gmbh', 'sa', 'srl', 'plc', 'the', 'of', 'and']);
const CJK_OR_HANGUL = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** Scripts written without short vowels: their romanisation is a consonant skeleton. */
export const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}]/u;

/**
 * A name as comparable tokens: any script romanised (any-ascii: Cyrillic, Greek, Arabic,
 * Chinese by pinyin syllable, Korean by Revised Romanisation), accents and case dropped,
 * punctuation and word order ignored ("MADURO MOROS, Nicolas" and "Nicolas Maduro Moros" give the
 * same set). A CJK or Hangul word is split into its syllables, one token each.
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  for (const word of name.normalize('NFKC').split(/[\s,;]+/)) {
    if (!word) continue;
    let latin = anyAscii(word);
    if (CJK_OR_HANGUL.test(word)) latin = latin.replace(/([a-z])([A-Z])/g, '$1 $2');
    for (const t of latin.toLowerCase().replace(/['’`]/g, '').split(/[^a-z0-9]+/)) if (t && !NOISE.has(t)) out.push(t);
  }
  return out;
}

/** A token without its vowels (and y, w, h, which romanisations add or drop): how an abjad spells it. */
export function skeleton(token: string): string {
  const s = token.replace(/[aeiouyhw]/g, '').replace(/(.)\1+/g, '$1');
  return s || token.slice(0, 1);
}
