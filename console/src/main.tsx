import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { I18nProvider } from './i18n.tsx';

createRoot(document.getElementById('root') as HTMLElement).render(
  <I18nProvider>
    <App />
  </I18nProvider>,
);
