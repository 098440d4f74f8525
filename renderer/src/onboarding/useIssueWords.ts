import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueWords } from './formModel';

/** A form's refusals in the UI's language; a document type is named in words, not by its code. */
export function useIssueWords(): IssueWords {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo(() => {
    const typeName = (code: string) => t(`onboarding.docType.${code}`, { defaultValue: t(`onboarding.companyDocType.${code}`, { defaultValue: code }) });
    return {
      required: t('onboarding.form.required'),
      issue: (key, params, fallback) => {
        const type = typeof params.type === 'string' ? params.type : null;
        const scheme = params.scheme === 'company' ? 'company' : 'person';
        return t(`validation.${key}`, {
          ...params,
          ...(type ? { type: typeName(type), format: t(`docFormat.${scheme}.${type}`, { defaultValue: String(params.format ?? '') }) } : {}),
          defaultValue: fallback,
        });
      },
    };
  }, [t, language]);
}
