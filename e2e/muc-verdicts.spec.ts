// Issue #7: Prosody 0.12's MUC scripts run through the page on the mock (?script=…&target=mock&autorun=1,
// as `npm run e2e:scripts` does), and each verdict equals the CLI's `scs run --mock --reporter json`.
// The CLI runs once for all of them (started by global setup); each script is its own test.
import path from 'node:path';
import { test, expect } from './support/test';
import { CORPUS_MISSING, MUC_012_SCRIPTS, corpusFile, hasCorpusFile } from './support/paths';
import { serveScriptFile } from './support/serve';
import { readScsRunJson, type CliRun } from './support/cli';
import { describeEntry } from './support/report';

const present = MUC_012_SCRIPTS.filter(hasCorpusFile);
let cli: CliRun | undefined;

test.describe('0.12 MUC scripts: page verdicts equal `scs run --mock`', () => {
  test.skip(present.length === 0, CORPUS_MISSING);

  test.beforeAll(async () => {
    cli = await readScsRunJson(); // started by global setup, in the background
  });

  for (const name of MUC_012_SCRIPTS) {
    test(name, async ({ page, playground: pg }, testInfo) => {
      test.skip(!hasCorpusFile(name), `${name}: ${CORPUS_MISSING}`);
      const cliEntry = cli?.entries.find((e) => path.basename(e.file) === name);
      expect(
        cliEntry,
        `scs run --mock --reporter json reported ${name} (exit ${cli?.status}; stderr: ${cli?.stderr.slice(0, 500)})`,
      ).toBeTruthy();

      const url = await serveScriptFile(page, corpusFile(name));
      await pg.goto({ script: url, target: 'mock', autorun: true });
      const shown = await pg.waitFinished();
      const entry = await pg.resultEntry();
      await testInfo.attach('verdicts', {
        body: `page: ${describeEntry(entry)}\ncli:  ${describeEntry(cliEntry!)}\n`,
        contentType: 'text/plain',
      });
      expect(entry.file).toBe(name);
      expect(shown, 'the page shows the verdict of its report').toBe(entry.verdict);
      expect(entry.verdict, `${name}: the page's verdict equals the CLI's`).toBe(cliEntry!.verdict);
    });
  }
});
