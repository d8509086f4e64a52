// Composition root: the store, the services, the automation hook, the first script, then the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { startServices } from './services';
import { appStore } from './store';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();

const services = startServices(appStore, { storage, baseUrl: import.meta.env.BASE_URL, win: window });
// Autosave first (synchronously), so the first paint already shows the user's last text.
services.loader.preload(window.location.href);
services.parsing.flush();
document.documentElement.dataset.theme = appStore.getState().theme;

// Start fetching the editor (and Monaco behind it) now, in parallel with the first render, instead of
// when the lazy editor mounts: Monaco is the largest download of the page.
void import('./editor/LazyEditor').then((m) => m.preloadMonaco?.()).catch(() => undefined);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App store={appStore} services={services} />
  </StrictMode>,
);

void services.loader.initial(window.location.href).then(({ request, cleanedHref }) => {
  services.parsing.flush();
  if (cleanedHref && cleanedHref !== window.location.href) window.history.replaceState(null, '', cleanedHref);
  if (request.autorun) void services.run.run();
  // `?trace=URL`: open a saved run (after the first script, which it replaces).
  const traceUrl = new URL(window.location.href).searchParams.get('trace');
  if (traceUrl) {
    const u = new URL(window.location.href);
    u.searchParams.delete('trace');
    window.history.replaceState(null, '', u.toString());
    void services.trace.openUrl(traceUrl);
  }
});
