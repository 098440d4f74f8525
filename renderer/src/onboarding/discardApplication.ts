import type { TFunction } from 'i18next';
import { callOrToast } from '../api/useOperation';
import { toast } from '../store/toastStore';

/**
 * Discards an application abandoned before the customer's details were saved, once the operator
 * confirms; says what was deleted. True when it was discarded.
 */
export async function discardApplication(profileId: string, t: TFunction): Promise<boolean> {
  if (!window.confirm(t('onboarding.discard.confirm'))) return false;
  const r = await callOrToast('intake.discard', { profileId });
  if (!r) return false;
  const { acceptances, documents, uploads, drafts } = r.removed;
  const records = acceptances + documents + uploads + drafts;
  toast(records + r.filesDeleted === 0 ? t('onboarding.discard.doneEmpty') : t('onboarding.discard.done', { records, files: r.filesDeleted }));
  return true;
}
