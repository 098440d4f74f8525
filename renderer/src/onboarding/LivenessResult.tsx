import { useTranslation } from 'react-i18next';
import type { LivenessSession } from '../../../shared/schemas/liveness';

/** The engine's verdict per action, so the operator can tell the customer what to repeat. */
export function LivenessResult({ session }: { session: LivenessSession }) {
  const { t } = useTranslation();
  const passed = session.status === 'PASSED';
  return (
    <div className={`notice ${passed ? 'ok' : 'warn'}`} role="status" data-testid="liveness-result">
      <strong>{passed ? t('onboarding.liveness.passed') : t('onboarding.liveness.failed')}</strong>
      {session.result ? (
        <ul className="liveness-actions">
          {session.result.actions.map((a) => (
            <li key={a.action}>
              <span className={`outcome ${a.detected ? 'outcome-ok' : 'outcome-fail'}`}>{a.detected ? t('onboarding.liveness.detected') : t('onboarding.liveness.notDetected')}</span> {t(`onboarding.liveness.action.${a.action}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {!passed ? <p className="small">{t('onboarding.liveness.failedHint')}</p> : null}
    </div>
  );
}
