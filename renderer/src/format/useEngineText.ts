import { useTranslation } from 'react-i18next';
import { engineParamText, type EngineParamWords, type EngineText } from '../../../shared/schemas/engineText';
import { regionName } from './regionName';

/**
 * The engine's words in the UI's language: a reason or detail's `text` when the service sent one,
 * else its English `fallback` (results stored before the engine sent words).
 */
export function useEngineText(): (text: EngineText | null | undefined, fallback: string) => string {
  const { t, i18n } = useTranslation();
  const words: EngineParamWords = {
    term: (term) => t(`engine.term.${term}`),
    documentType: (code) => t(`onboarding.docType.${code}`, { defaultValue: code }),
    country: (code) => regionName(code, i18n.language),
  };
  return (text, fallback) => {
    if (!text) return fallback;
    const params = Object.fromEntries(Object.entries(text.params).map(([name, p]) => [name, engineParamText(p, words)]));
    return t(`engine.text.${text.key}`, params);
  };
}
