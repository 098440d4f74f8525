import { useTranslation } from 'react-i18next';
import type { ChainVerification } from '../../../shared/schemas/audit';

interface Props {
  result: ChainVerification;
  onShow(seq: number): void;
}

/** The outcome of "Verify chain": intact with its head hash, or the first broken row and what mismatched. */
export function ChainVerifyBanner({ result, onShow }: Props) {
  const { t } = useTranslation();
  if (result.valid) {
    return (
      <div className="chain-banner chain-ok" role="status">
        <strong>✓ {t('auditLog.verify.ok', { count: result.checked })}</strong>
        {result.headHash && (
          <span className="chain-head">
            {t('auditLog.verify.head')}
            {t('case.colon')}
            <code data-testid="head-hash">{result.headHash}</code>
          </span>
        )}
        {result.purgedPayloads > 0 && <span className="muted small">{t('auditLog.verify.purged', { count: result.purgedPayloads })}</span>}
      </div>
    );
  }
  const broken = result.firstBroken!;
  return (
    <div className="chain-banner chain-broken" role="alert">
      <strong>
        ✗ {t('auditLog.verify.broken', { seq: broken.seq, problem: t(`auditLog.verify.${broken.code}`) })}
      </strong>
      <span className="small">{t('auditLog.verify.brokenHint', { count: result.checked })}</span>
      <button type="button" className="button secondary" onClick={() => onShow(broken.seq)}>
        {t('auditLog.verify.show', { seq: broken.seq })}
      </button>
    </div>
  );
}
