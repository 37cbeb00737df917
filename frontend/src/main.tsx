import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from './auth/session-context.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { Root } from './root.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <Root />
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
);
