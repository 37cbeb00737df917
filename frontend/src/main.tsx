import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { I18nProvider } from './i18n/i18n.tsx';
import { RealtimeProvider } from './realtime/realtime-context.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <RealtimeProvider>
        <App />
      </RealtimeProvider>
    </I18nProvider>
  </StrictMode>,
);
