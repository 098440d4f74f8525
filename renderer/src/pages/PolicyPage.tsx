import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../shared/contract';
import type { Policy } from '../../../shared/schemas/policy';
import { useOperation } from '../api/useOperation';
import { SkeletonBlock } from '../components/Skeleton';
import { useSession } from '../store/sessionStore';
import { CurrentPolicyVersion } from '../policy/CurrentPolicyVersion';
import { PolicyEditor } from '../policy/PolicyEditor';
import { PolicyHistory } from '../policy/PolicyHistory';
import '../policy/policy.css';

const allowed = (roles: readonly string[] | 'public', role: string | undefined) => role !== undefined && roles !== 'public' && roles.includes(role);

/**
 * The verification policy: the version in force, every field of it (editable by admins, read
 * only for everyone else), and the history of versions with what each one changed.
 */
export function PolicyPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.session?.operator.role);
  const canEdit = allowed(contract['policy.update'].roles, role);
  const current = useOperation('policy.get', {});
  const versions = useOperation('policy.versions', allowed(contract['policy.versions'].roles, role) ? {} : null);
  // The version just saved shows at once; the reloads below catch up with it.
  const [saved, setSaved] = useState<Policy | null>(null);
  // Set when a save was refused because another admin saved first; cleared by the next save.
  const [stale, setStale] = useState(false);
  const policy = saved && (!current.data || saved.version >= current.data.version) ? saved : current.data;

  return (
    <main className="page policy-page">
      <div className="page-title">
        <h1>{t('policy.title')}</h1>
      </div>
      <p className="muted intro">{t('policy.intro')}</p>
      {!canEdit && (
        <p className="hint policy-read-only" data-testid="policy-read-only">
          {t('policy.readOnly')}
        </p>
      )}
      <div className="policy-layout">
        <div className="policy-main">
          {policy ? (
            <>
              <CurrentPolicyVersion policy={policy} savedNow={saved?.version === policy.version} />
              {stale && (
                // Shown at the top while the admin was at the save bar: brought into view.
                <p className="form-error" role="alert" data-testid="policy-stale" ref={(el) => el?.scrollIntoView({ block: 'center' })}>
                  {t('policy.staleReloaded')}
                </p>
              )}
              <PolicyEditor
                key={policy.version}
                policy={policy}
                canEdit={canEdit}
                onSaved={(p) => {
                  setSaved(p);
                  setStale(false);
                  current.reload();
                  versions.reload();
                }}
                onStale={() => {
                  setStale(true);
                  current.reload();
                  versions.reload();
                }}
              />
            </>
          ) : (
            <SkeletonBlock lines={12} />
          )}
        </div>
        {versions.data !== null || versions.loading ? <PolicyHistory versions={versions.data} /> : null}
      </div>
    </main>
  );
}
