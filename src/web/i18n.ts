import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Language } from '../shared/i18n/translate';

const STORAGE_KEY = 'overblik.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'da';
}

void i18n.use(initReactI18next).init({
  resources: { da: { translation: resources.da }, en: { translation: resources.en } },
  lng: storedLanguage(),
  fallbackLng: 'da',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export function switchLanguage(): void {
  const next: Language = i18n.language === 'da' ? 'en' : 'da';
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
  void i18n.changeLanguage(next);
}

export default i18n;
