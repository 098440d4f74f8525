import i18next, { type TFunction } from 'i18next';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';

/** The UI's own strings in a fresh i18next instance, for testing how a module words things in a language. */
export async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction> {
  const i = i18next.createInstance();
  await i.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i.t;
}
