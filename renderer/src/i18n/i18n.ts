import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zhCN';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'zh-CN', label: '简体中文' },
] as const;

const STORAGE_KEY = 'kyc.language';
const saved = (() => {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
})();

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: saved && LANGUAGES.some((l) => l.code === saved) ? saved : 'en',
  fallbackLng: 'en',
  // React escapes already.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches at run time; every component re-renders in the new language. */
export function setLanguage(code: (typeof LANGUAGES)[number]['code']): void {
  void i18next.changeLanguage(code);
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Storage can be unavailable; the choice then lasts for this window only.
  }
  document.documentElement.lang = code;
}

export default i18next;
