// Composition root of automation.html, the page of headless suite runs (`npm run e2e:scripts`): the same
// store and services as the playground (main.tsx), the driver's target from its init script
// (window.__scsAutomation, see services/suiteAutomation.ts), and no UI until a script does not pass.
// A passing script needs nothing on screen, so this page loads neither React's renderer, nor the
// workbench, nor the editor (Monaco, the largest part of the page); the first script that does not pass
// loads the ordinary workbench (automationView.tsx), which shows that script's failing step for the
// driver's screenshot and stays mounted for the next one.
import { applyDriverTarget, pageStorage, readAutomationRequest, startServices } from './services';
import type { SuiteAutomationHook, SuiteAutomationResult } from './services/suiteAutomation';
import { appStore } from './store';

type AutomationWindow = Window & { __scansionSuite?: SuiteAutomationHook };

const storage = pageStorage(window);

const services = startServices(appStore, { storage, baseUrl: import.meta.env.BASE_URL, win: window });
// One document, nothing saved, as for any driven page.
services.documents.preload(true);
const driver = readAutomationRequest(window);
applyDriverTarget(appStore, driver);
services.parsing.flush();
document.documentElement.dataset.theme = appStore.getState().theme;

const w = window as AutomationWindow;
const suite = w.__scansionSuite;
let view: Promise<{ settle(): Promise<void> }> | null = null;

/** The workbench on the page, loaded on first use; a failed load is reported and tried again next time. */
function workbench(): Promise<{ settle(): Promise<void> }> {
  view ??= import('./automationView').then((m) => m.mountWorkbench(appStore, services, root()));
  return view.catch((e: unknown) => {
    view = null;
    throw e;
  });
}

function root(): HTMLElement {
  const el = document.getElementById('root');
  if (!el) throw new Error('automation.html has no #root element');
  return el;
}

if (suite) {
  w.__scansionSuite = {
    async runScript(text: string, name: string): Promise<SuiteAutomationResult> {
      const result = await suite.runScript(text, name);
      if (result.status === 'pass') return result;
      try {
        // The store already holds the failing run (suiteAutomation.ts put it there): show it.
        await (await workbench()).settle();
      } catch (e) {
        // The verdict stands without the view; the driver sees the error as a page error.
        reportError(e);
      }
      return result;
    },
  };
}
