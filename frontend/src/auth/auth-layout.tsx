import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { LanguageSwitch } from '../shell/language-switch.tsx';

/** The frame of the pages shown before sign-in: the name, the language switch, one card. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <p className="brand">{t('app.name')}</p>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">{children}</div>
      </main>
    </>
  );
}
