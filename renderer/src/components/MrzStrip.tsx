import { useTranslation } from 'react-i18next';
import type { MrzResult } from '../../../shared/schemas/analysis';

type Format = MrzResult['format'];
type Position = readonly [line: number, column: number];

/**
 * Where each check digit sits in the zone, per ICAO 9303 (part 4 for TD3/MRV-A, 5 for TD1,
 * 6 for TD2/MRV-B). The engine reports check digits by name; the officer sees them in place.
 */
const CHECK_DIGIT_AT: Record<Format, Partial<Record<string, Position>>> = {
  TD3: { documentNumber: [1, 9], birthDate: [1, 19], expiryDate: [1, 27], personalNumber: [1, 42], composite: [1, 43] },
  TD2: { documentNumber: [1, 9], birthDate: [1, 19], expiryDate: [1, 27], composite: [1, 35] },
  MRVA: { documentNumber: [1, 9], birthDate: [1, 19], expiryDate: [1, 27] },
  MRVB: { documentNumber: [1, 9], birthDate: [1, 19], expiryDate: [1, 27] },
  TD1: { documentNumber: [0, 14], birthDate: [1, 6], expiryDate: [1, 14], composite: [1, 29] },
};

/**
 * The machine-readable zone as read, in a monospace block under the document image, with every
 * check digit boxed green (verifies) or red (fails) and listed by name below.
 */
export function MrzStrip({ mrz }: { mrz: MrzResult | null | undefined }) {
  const { t } = useTranslation();
  if (!mrz) return null;
  const at = CHECK_DIGIT_AT[mrz.format];
  const byPosition = new Map<string, { name: string; valid: boolean }>();
  for (const c of mrz.checkDigits) {
    const p = at[c.name];
    if (p) byPosition.set(`${p[0]}:${p[1]}`, c);
  }
  const label = (name: string) => t(`mrz.digit.${name}`, { defaultValue: name });
  return (
    <figure className="mrz-strip" aria-labelledby="mrz-caption">
      <figcaption id="mrz-caption" className="mrz-caption">
        <strong>{t('analysis.mrz')}</strong>
        <span className="muted small">
          {mrz.format} · {t('mrz.confidence', { value: Math.round(mrz.confidence * 100) })}
          {mrz.corrections > 0 && ` · ${t('mrz.corrections', { count: mrz.corrections })}`}
        </span>
        <span className={`badge ${mrz.valid ? 'mrz-ok' : 'mrz-bad'}`}>{mrz.valid ? t('mrz.allValid') : t('mrz.someFail')}</span>
      </figcaption>
      <pre className="mrz-text" aria-label={mrz.lines.join(' ')}>
        {mrz.lines.map((line, li) => (
          <div key={li} className="mrz-line">
            {[...line].map((ch, ci) => {
              const check = byPosition.get(`${li}:${ci}`);
              return check ? (
                <span
                  key={ci}
                  className={`mrz-digit ${check.valid ? 'ok' : 'fail'}`}
                  data-check={check.name}
                  data-valid={check.valid}
                  title={`${label(check.name)}: ${check.valid ? t('analysis.digitOk') : t('analysis.digitBad')}`}
                >
                  {ch}
                </span>
              ) : (
                <span key={ci}>{ch}</span>
              );
            })}
          </div>
        ))}
      </pre>
      <ul className="mrz-legend" aria-label={t('mrz.checkDigits')}>
        {mrz.checkDigits.map((c) => (
          <li key={c.name} className={c.valid ? 'ok' : 'fail'}>
            <span aria-hidden="true">{c.valid ? '✓' : '✗'}</span> {label(c.name)}
            <span className="sr-only">: {c.valid ? t('analysis.digitOk') : t('analysis.digitBad')}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
