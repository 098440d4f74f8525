import { describe, expect, it } from 'vitest';
import { translator } from '../helpers/translator';
import { compactAge } from '../../renderer/src/format/compactAge';

const now = new Date('2026-12-07T12:00:00Z');
const before = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

describe('queue ages in the UI language', () => {
  it('words minutes, hours and days compactly in English', async () => {
    const t = await translator('en');
    expect(compactAge(before(25), t, now)).toBe('25m');
    expect(compactAge(before(3 * 60 + 5), t, now)).toBe('3h 5m');
    expect(compactAge(before((20 * 24 + 19) * 60 + 59), t, now)).toBe('20d 19h');
    expect(compactAge(null, t, now)).toBe('—');
    // A time in the future (clock skew) is not a negative age.
    expect(compactAge(new Date(now.getTime() + 60_000).toISOString(), t, now)).toBe('0m');
  });

  it('words them in Chinese, with no English unit left', async () => {
    const t = await translator('zh-CN');
    expect(compactAge(before(25), t, now)).toBe('25分钟');
    expect(compactAge(before(3 * 60 + 5), t, now)).toBe('3小时5分');
    expect(compactAge(before((20 * 24 + 19) * 60), t, now)).toBe('20天19小时');
  });
});
