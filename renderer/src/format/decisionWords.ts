import type { TFunction } from 'i18next';
import { fourEyesReasonKey } from '../../../shared/fourEyesReasons';
import type { ReasonKind } from '../../../shared/reasonCodes';

/** A decision's reason code in the UI's language: "The document has expired (retry)". The code itself stays beside it where a reader may quote it. */
export function reasonCodeWords(code: string, kind: ReasonKind | null, t: TFunction): string {
  const words = t(`onboarding.reason.${code}`, { defaultValue: code });
  return kind ? `${words} (${t(kind === 'RETRY' ? 'decide.retry' : 'decide.final')})` : words;
}

/** Why a decision waits for a second review, in the UI's language (the decision records it in English). */
export function fourEyesWords(recorded: string | null, t: TFunction): string {
  if (!recorded) return '';
  const key = fourEyesReasonKey(recorded);
  return key ? t(`decide.fourEyes.${key}`) : recorded;
}
