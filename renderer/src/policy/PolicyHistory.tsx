import { useTranslation } from 'react-i18next';
import type { Policy } from '../../../shared/schemas/policy';
import { SkeletonBlock } from '../components/Skeleton';
import { PolicyVersionEntry } from './PolicyVersionEntry';

/** Every version, newest first, each with the fields it changed. */
export function PolicyHistory({ versions }: { versions: readonly Policy[] | null }) {
  const { t } = useTranslation();
  return (
    <section className="panel policy-history" aria-labelledby="policy-history-title">
      <h2 id="policy-history-title">{t('policy.history.heading')}</h2>
      {!versions ? (
        <SkeletonBlock lines={6} />
      ) : versions.length === 0 ? (
        <p className="muted">{t('policy.history.empty')}</p>
      ) : (
        <ol className="policy-versions">
          {versions.map((v, i) => (
            <PolicyVersionEntry key={v.version} version={v} previous={versions[i + 1]} current={i === 0} />
          ))}
        </ol>
      )}
    </section>
  );
}
