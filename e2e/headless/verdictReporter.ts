// Reports a script that did not pass as a failed test, without ending the Playwright worker that ran it.
//
// Playwright ends a worker after every failed test and starts a new one for the next test; with one test
// per script, a suite with many failing scripts spent most of its time starting workers. So a script's
// test records the page's verdict as an annotation (VERDICT_ANNOTATION: "pass", or the message of its
// failed `expect(verdict, sentence).toBe('pass')`) and finishes; this reporter, listed before every other
// one, turns a non-passing verdict into a failed result with that message as its error. The other reporters (list, HTML, JUnit, blob), the exit status
// and --max-failures all see a failed test, as if the test had thrown.
import type { Reporter, TestCase, TestError, TestResult } from '@playwright/test/reporter';

export const VERDICT_ANNOTATION = 'scansion-verdict';

/**
 * The annotation a script's test adds: `pass`, or the message of the failed expectation (`check`, the
 * test's `expect(verdict, sentence).toBe('pass')`) when the script did not pass.
 */
export function verdictAnnotation(verdict: string, check: () => void): { type: string; description: string } {
  if (verdict === 'pass') return { type: VERDICT_ANNOTATION, description: 'pass' };
  try {
    check();
  } catch (e) {
    // eslint-disable-next-line no-control-regex -- the terminal colours of expect's message
    const message = (e instanceof Error ? e.message : String(e)).replace(/\u001b\[[0-9;]*m/g, '');
    return { type: VERDICT_ANNOTATION, description: message };
  }
  return { type: VERDICT_ANNOTATION, description: `the script's verdict is ${verdict}` };
}

export default class VerdictReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'passed') return;
    const verdict = (result.annotations ?? test.annotations).find((a) => a.type === VERDICT_ANNOTATION);
    if (!verdict || verdict.description === 'pass') return;
    const error: TestError = { message: verdict.description ?? 'the script did not pass' };
    result.status = 'failed';
    result.errors.push(error);
    result.error ??= error;
  }

  printsToStdio(): boolean {
    return false;
  }
}
