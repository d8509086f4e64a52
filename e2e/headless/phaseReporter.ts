// Writes <out>/phases.json when the run ends: when the set-up, the pages, the first and the last script
// happened, and the time the scripts spent running and being photographed (see phases.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { mark, phases } from './phases';
import { reportDir } from './scriptRunner';

export default class PhaseReporter implements Reporter {
  onTestBegin(): void {
    mark('firstTest');
  }

  onTestEnd(_test: TestCase, result: TestResult): void {
    mark('lastTest', true);
    const timings = result.attachments.find((a) => a.name === 'timings (ms)')?.body;
    if (!timings) return;
    try {
      const t = JSON.parse(timings.toString('utf8')) as { run: number; screenshot: number; load: number };
      const s = phases().scripts;
      s.count++;
      s.run += t.run;
      s.screenshot += t.screenshot;
      s.load += t.load;
    } catch {
      // not the scripts' own attachment: nothing to add
    }
  }

  onEnd(): void {
    mark('end');
    const out = reportDir();
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'phases.json'), JSON.stringify(phases(), null, 2));
  }

  printsToStdio(): boolean {
    return false;
  }
}
