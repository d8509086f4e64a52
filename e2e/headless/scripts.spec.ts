// One test per script given to `npm run e2e:scripts`, all run through the real page in Chromium. Each
// Playwright worker keeps ONE page for all its scripts: the target reaches it through an init script
// (`window.__scsAutomation`, see src/services/suiteAutomation.ts), never through a link, and each script
// is loaded into the workbench and run there by the page's own automation hook. A test passes only if its
// script passes. Every script's trace is attached (and opens in the playground from the HTML report);
// a screenshot is taken only when a script does not pass.
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { describeEntry, singleEntry } from '../support/report';
import type { AutomationWindow } from '../support/automation';
import { e2eScriptsPort } from '../support/browser';

interface ScriptItem {
  file: string;
  title: string;
}

const listFile = process.env.SCS_E2E_SCRIPTS_LIST;
const target = process.env.SCS_E2E_TARGET || 'mock';
const out = process.env.SCS_E2E_SCRIPTS_OUT || 'e2e-scripts-report';
const items: ScriptItem[] = listFile ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : [];

interface Shared {
  page: Page;
  errors: string[];
}

const test = base.extend<object, { shared: Shared }>({
  shared: [
    async ({ browser }, use) => {
      const context = await browser.newContext({
        baseURL: `http://127.0.0.1:${e2eScriptsPort()}`,
        viewport: { width: 1280, height: 800 },
      });
      // The target comes through an init script, not a link; the mock runs on the page's thread.
      await context.addInitScript((t) => {
        (window as unknown as AutomationWindow).__scsAutomation = { target: t, mock: 'page' };
      }, target);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.stack || e.message));
      await page.goto('/');
      await page.waitForFunction(() => Boolean((window as unknown as AutomationWindow).__scansionSuite));
      await use({ page, errors });
      await context.close();
    },
    { scope: 'worker' },
  ],
});

if (!listFile) {
  test('scripts list', () => {
    throw new Error('no scripts given: run this through `npm run e2e:scripts -- DIR_OR_FILES…`');
  });
}

/** A page for the HTML report that opens the script's trace in the playground copied beside it. */
const openerHtml = (traceFile: string, title: string) => `<!doctype html><meta charset="utf-8">
<title>Trace of ${title.replace(/[<&]/g, '')}</title>
<meta http-equiv="refresh" content="0; url=../playground/index.html?trace=../traces/${traceFile}">
<p><a href="../playground/index.html?trace=../traces/${traceFile}">Open the trace in the playground</a></p>`;

items.forEach((item, i) => {
  test(item.title, async ({ shared }, testInfo) => {
    const { page, errors } = shared;
    errors.length = 0;
    // The loader normalises line ends, as the page does for a file.
    const text = fs.readFileSync(item.file, 'utf8').replace(/\r\n?/g, '\n');
    const result = await page.evaluate(
      ([t, n]) => (window as unknown as AutomationWindow).__scansionSuite!.runScript(t, n),
      [text, path.basename(item.file)] as const,
    );
    if (result.trace) {
      const body = JSON.stringify(result.trace);
      const traceFile = `${i}-${path.basename(item.file).replace(/[^\w.-]+/g, '_')}.trace.json`;
      fs.mkdirSync(path.join(out, 'traces'), { recursive: true });
      fs.writeFileSync(path.join(out, 'traces', traceFile), body);
      await testInfo.attach('trace.json', { body, contentType: 'application/json' });
      await testInfo.attach('open the trace in the playground', {
        body: openerHtml(traceFile, item.title),
        contentType: 'text/html',
      });
    }
    if (errors.length) {
      await testInfo.attach('page errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
    }
    if (result.status !== 'pass') {
      await testInfo.attach(`${item.title}: ${result.status}`, {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
    }
    if (result.status === 'invalid' || !result.report) {
      throw new Error(`${item.title}: ${result.blocked || 'the page did not say why it could not run'}`);
    }
    await testInfo.attach('scansion-result.json', {
      body: JSON.stringify(result.report, null, 2),
      contentType: 'application/json',
    });
    const entry = singleEntry(result.report);
    await testInfo.attach('verdict', { body: describeEntry(entry), contentType: 'text/plain' });
    expect(entry.verdict, describeEntry(entry)).toBe('pass');
    expect(result.status, 'the page shows the verdict').toBe('pass');
  });
});
