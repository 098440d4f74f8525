import { describe, expect, it } from 'vitest';
import { translator } from '../helpers/translator';
import { fourEyesWords, reasonCodeWords } from '../../renderer/src/format/decisionWords';
import { FOUR_EYES_REASONS } from '../../shared/fourEyesReasons';
import { REASON_CODE_LIST, REASON_CODES } from '../../shared/reasonCodes';
import { fourEyesReason } from '../../electron/service/cases/fourEyes';
import { DEFAULT_POLICY } from '../../electron/service/analysis/defaultPolicy';
import type { CaseSummary } from '../../shared/schemas/case';

describe('decisions in the UI language', () => {
  it('words every reason code in Chinese, with its kind', async () => {
    const zh = await translator('zh-CN');
    for (const code of REASON_CODE_LIST) {
      const words = reasonCodeWords(code, REASON_CODES[code].kind, zh);
      expect(words, code).toMatch(/[\u4e00-\u9fff]/);
      expect(words, code).not.toContain(code);
    }
    const enT = await translator('en');
    expect(reasonCodeWords('DOCUMENT_EXPIRED', 'RETRY', enT)).toBe('The document has expired (retry)');
  });

  it('words the four-eyes reason a decision recorded in English, whichever rule held it', async () => {
    const zh = await translator('zh-CN');
    for (const recorded of Object.values(FOUR_EYES_REASONS)) expect(fourEyesWords(recorded, zh), recorded).toMatch(/^[^a-z]*$/);
    // What the service records is one of these.
    const held = fourEyesReason({ ...DEFAULT_POLICY, fourEyes: { ...DEFAULT_POLICY.fourEyes, onHighRisk: true } }, { recommendation: 'MANUAL_REVIEW', risk: 'HIGH' } as CaseSummary, 'approve');
    expect(fourEyesWords(held, zh)).toBe('案件为高风险');
    // A text an older or newer build recorded is shown as it is.
    expect(fourEyesWords('a rule from elsewhere', zh)).toBe('a rule from elsewhere');
    expect(fourEyesWords(null, zh)).toBe('');
  });
});
