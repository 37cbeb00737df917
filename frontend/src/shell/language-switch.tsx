import { useLocale, useT } from '../i18n/i18n.tsx';
import { LOCALES, LOCALE_NAMES } from '../i18n/locale.ts';

/** Two toggle buttons, each language named in itself. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <div className="language-switch" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
        >
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
