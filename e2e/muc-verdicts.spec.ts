// Prosody 0.12's MUC scripts run through the page on the mock (?script=…&target=mock&autorun=1, as
// `npm run e2e:scripts` does), and each verdict equals the CLI's `scs run --mock --reporter json`.
// The CLI runs once for all of them (started by global setup). The scripts are loaded one after another
// into one page (a fresh document per script, the browser's cache warm), one step per script; a script
// whose verdicts differ is reported and the others are still checked.
import path from 'node:path';
import { test, expect } from './support/test';
import { CORPUS_MISSING, MUC_012_SCRIPTS, corpusFile, hasCorpusFile } from './support/paths';
import { serveScriptFile } from './support/serve';
import { readScsRunJson } from './support/cli';
import { describeEntry } from './support/report';

const present = MUC_012_SCRIPTS.filter(hasCorpusFile);

test('0.12 MUC scripts: page verdicts equal `scs run --mock`', async ({ page, playground: pg }, testInfo) => {
  test.skip(present.length === 0 && !process.env.CI, CORPUS_MISSING);
  expect(present, CORPUS_MISSING).toEqual(MUC_012_SCRIPTS);
  // About 4 s a script on a loaded two-core machine.
  test.setTimeout(30_000 + present.length * 15_000);
  const cli = await readScsRunJson(); // started by global setup, in the background
  for (const name of present) {
    await test.step(name, async () => {
      const cliEntry = cli.entries.find((e) => path.basename(e.file) === name);
      expect(
        cliEntry,
        `scs run --mock --reporter json reported ${name} (exit ${cli.status}; stderr: ${cli.stderr.slice(0, 500)})`,
      ).toBeTruthy();
      const url = await serveScriptFile(page, corpusFile(name), name);
      await pg.goto({ script: url, target: 'mock', autorun: true });
      // A load starts idle (run results are not kept across loads): this is the verdict of this run.
      const shown = await pg.waitFinished();
      const entry = await pg.resultEntry();
      await testInfo.attach(`verdicts of ${name}`, {
        body: `page: ${describeEntry(entry)}\ncli:  ${describeEntry(cliEntry!)}\n`,
        contentType: 'text/plain',
      });
      expect.soft(entry.file).toBe(name);
      expect.soft(shown, `${name}: the page shows the verdict of its report`).toBe(entry.verdict);
      expect.soft(entry.verdict, `${name}: the page's verdict equals the CLI's`).toBe(cliEntry!.verdict);
    });
  }
});
