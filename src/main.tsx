// Composition root: the store, the services, the automation hook, the first script, then the page.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import {
  applyDriverTarget,
  applyLinkTarget,
  parseUrlRequest,
  readAutomationRequest,
  pageStorage,
  startServices,
} from './services';
import { appStore } from './store';

const storage = pageStorage(window);

const services = startServices(appStore, { storage, baseUrl: import.meta.env.BASE_URL, win: window });
// A driver (window.__scsAutomation, set before the page loads) or autorun: one document, nothing saved.
const driver = readAutomationRequest(window);
const firstRequest = parseUrlRequest(window.location.href);
// The saved documents first (synchronously), so the first paint already shows the user's last text.
services.documents.preload(driver !== null || firstRequest.autorun);
applyDriverTarget(appStore, driver);
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

void services.documents
  .restoreLate()
  .then(() => services.loader.initial(window.location.href))
  .then(({ request, cleanedHref }) => {
    services.parsing.flush();
    if (cleanedHref && cleanedHref !== window.location.href)
      window.history.replaceState(null, '', cleanedHref);
    if (request.timeouts) appStore.getState().setRunTimeouts(request.timeouts);
    // A driver's target wins over the link's; a link's non-mock target waits for the user's yes.
    const outcome = driver?.target ? (request.autorun ? 'run' : 'none') : applyLinkTarget(appStore, request);
    if (outcome === 'run') void services.run.run();
    // `?trace=URL`: open a saved run.
    const traceUrl = new URL(window.location.href).searchParams.get('trace');
    if (traceUrl) {
      const u = new URL(window.location.href);
      u.searchParams.delete('trace');
      window.history.replaceState(null, '', u.toString());
      void services.trace.openUrl(traceUrl);
    }
  });
