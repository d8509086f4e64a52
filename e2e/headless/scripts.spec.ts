// One test per script given to `npm run e2e:scripts`, each run through the real page in Chromium. The
// browser and its pages live in Playwright's runner process (scriptRunner.ts, started by
// global-setup.ts): one page per worker slot, loaded once, given its target through an init script, never
// through a link. A test asks it to run its script, attaches what came back and records the verdict; a
// script that did not pass is reported as a failed test by verdictReporter.ts. Every script's trace is attached (and opens in the playground from the HTML report); a
// screenshot is taken only when a script does not pass.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { describeEntry, singleEntry } from '../support/report';
import { reportDir, type RunRequest, type RunResponse } from './scriptRunner';
import { verdictAnnotation } from './verdictReporter';

interface ScriptItem {
  file: string;
  title: string;
}

const listFile = process.env.SCS_E2E_SCRIPTS_LIST;
const items: ScriptItem[] = listFile ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : [];

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

async function runInPage(req: RunRequest): Promise<RunResponse> {
  const url = process.env.SCS_E2E_RUNNER_URL;
  if (!url) throw new Error('the page runner is not up (SCS_E2E_RUNNER_URL unset; see global-setup.ts)');
  const res = await fetch(`${url}/run`, { method: 'POST', body: JSON.stringify(req) });
  const body = (await res.json()) as RunResponse & { error?: string };
  if (!res.ok) throw new Error(`the page could not run ${req.file}: ${body.error}`);
  return body;
}

items.forEach((item, index) => {
  // eslint-disable-next-line no-empty-pattern -- no fixtures: the browser lives in the runner process
  test(item.title, async ({}, testInfo) => {
    const result = await runInPage({ slot: testInfo.parallelIndex, file: item.file, index });
    await testInfo.attach('timings (ms)', {
      body: JSON.stringify(result.timings),
      contentType: 'application/json',
    });
    if (result.traceFile) {
      const tracePath = path.join(reportDir(), 'traces', result.traceFile);
      await testInfo.attach('trace.json', { path: tracePath, contentType: 'application/json' });
      await testInfo.attach('open the trace in the playground', {
        body: openerHtml(result.traceFile, item.title),
        contentType: 'text/html',
      });
    }
    if (result.pageErrors.length) {
      await testInfo.attach('page errors', {
        body: result.pageErrors.join('\n\n'),
        contentType: 'text/plain',
      });
    }
    if (result.screenshot) {
      await testInfo.attach(`${item.title}: ${result.status}`, {
        path: result.screenshot,
        contentType: 'image/png',
      });
    }
    let verdict: string;
    let sentence: string;
    if (result.status === 'invalid' || !result.report) {
      verdict = 'invalid';
      sentence = `${item.title}: ${result.blocked || 'the page did not say why it could not run'}`;
    } else {
      await testInfo.attach('scansion-result.json', {
        body: JSON.stringify(result.report, null, 2),
        contentType: 'application/json',
      });
      const entry = singleEntry(result.report);
      sentence = describeEntry(entry);
      await testInfo.attach('verdict', { body: sentence, contentType: 'text/plain' });
      verdict =
        entry.verdict === 'pass' && result.status === 'pass' ? 'pass' : (entry.verdict ?? 'no verdict');
    }
    // verdictReporter.ts reports a script that did not pass as a failed test, so this worker goes on to
    // the next script (a test that throws ends its worker). With --retries the test throws: a retry
    // needs Playwright to see the failure itself.
    const check = () => expect(verdict, sentence).toBe('pass');
    if (testInfo.project.retries > 0) check();
    else testInfo.annotations.push(verdictAnnotation(verdict, check));
  });
});
