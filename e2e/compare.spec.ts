// Comparing two targets from the page: the mock against real Prosody on the corpus's MUC scripts (the
// same verdicts), and two Prosody servers with different MUC defaults on a script whose result depends
// on them (the first divergent step, with both stanzas and the sentence). Serial: both use Prosody.
import path from 'node:path';
import { test, expect } from './support/test';
import { CORPUS_MISSING, MUC_012_SCRIPTS, corpusFile, fixturesDir, hasCorpusFile } from './support/paths';
import { PROSODY_MISSING, PROSODY_WS_URL, prosodyInstalled, restartProsody } from './support/prosody';
import { startProsodyVariant } from './support/prosodyVariant';
import { SuitePage } from './pages/SuitePage';

test.describe.configure({ mode: 'serial' });

// Left out: scripts where Prosody decides some orders by Lua hash order (tests/differential.test.ts, RACY).
const RACY = new Set(['issue978-multi.scs', 'muc_register.scs', 'muc_show_offline.scs']);

test.describe('compare two targets', () => {
  test.skip(!prosodyInstalled(), PROSODY_MISSING);

  test('the mock and real Prosody give the corpus MUC scripts the same verdicts', async ({
    playground: pg,
    page,
  }) => {
    const files = MUC_012_SCRIPTS.filter((f) => !RACY.has(f) && hasCorpusFile(f)).map(corpusFile);
    test.skip(files.length === 0 && !process.env.CI, CORPUS_MISSING);
    expect(files.length, CORPUS_MISSING).toBeGreaterThan(0);
    test.setTimeout(300_000);
    await pg.goto();
    const suite = new SuitePage(page);
    // One script at a time on a freshly restarted Prosody (as tests/differential.test.ts does): a suite
    // on one server would carry one script's rooms into the next.
    const verdicts: Record<string, string> = {};
    const runs: Record<string, [string, string]> = {};
    for (const file of files) {
      const id = path.basename(file);
      // Prosody's own broadcast orders vary from run to run: like tests/differential.test.ts, a script
      // whose verdicts differ is compared again (up to 3 times) before the difference counts.
      for (let attempt = 1; attempt <= 3; attempt++) {
        restartProsody(); // throws when the server does not come up
        await suite.show('suite');
        const clear = page.getByRole('button', { name: 'Clear' });
        if (await clear.isEnabled()) await clear.click();
        await suite.filesInput.setInputFiles(file);
        await expect(suite.items).toHaveCount(1);
        await suite.show('compare');
        await suite.setCompareTarget('a', 'mock');
        await suite.setCompareTarget('b', PROSODY_WS_URL);
        await page.getByTestId('compare-run').click();
        Object.assign(verdicts, await suite.compareVerdicts(60_000));
        runs[id] = [
          await suite.row(id).getByTestId('compare-row.a').innerText(),
          await suite.row(id).getByTestId('compare-row.b').innerText(),
        ];
        if (runs[id][0] === runs[id][1]) break;
      }
    }
    expect(Object.keys(verdicts).sort()).toEqual(files.map((f) => path.basename(f)).sort());
    await pg.shot('compare: mock vs Prosody (the last script)');
    // Equal verdicts is the bar; where both fail at one step for different reasons the row says
    // "differs", and the sentences are attached for a look.
    const differ = Object.entries(verdicts).filter(([, v]) => v !== 'same');
    if (differ.length)
      await test
        .info()
        .attach('rows that differ', { body: JSON.stringify(differ), contentType: 'application/json' });
    expect(
      Object.fromEntries(Object.entries(runs).filter(([, [a, b]]) => a !== b)),
      'verdicts that differ',
    ).toEqual({});
  });

  test('two Prosody servers with different MUC defaults: the first divergent step', async ({
    playground: pg,
    page,
  }) => {
    restartProsody();
    // Only the service's admins may create rooms on B; Romeo is not one.
    const b = await startProsodyVariant({ mucOptions: ['restrict_room_creation = true'] });
    try {
      await pg.goto();
      const suite = new SuitePage(page);
      await suite.show('suite');
      await suite.filesInput.setInputFiles(path.join(fixturesDir, 'room-creation.scs'));
      await suite.show('compare');
      await suite.setCompareTarget('a', PROSODY_WS_URL);
      await suite.setCompareTarget('b', b.url);
      await page.getByTestId('compare-run').click();
      expect(await suite.compareVerdicts(60_000)).toEqual({ 'room-creation.scs': 'differs' });
      const row = suite.row('room-creation.scs');
      await expect(row.getByTestId('compare-row.a')).toHaveText('pass');
      await expect(row.getByTestId('compare-row.b')).toHaveText('fail');
      const sentence = row.getByTestId('compare-row.divergence');
      await expect(sentence).toContainText('At step 3 (Romeo receives:, line 20): passed on');
      await sentence.getByRole('button').click();
      // Both stanzas: A received the 201 presence, B an error presence (not-allowed).
      await expect(page.getByTestId('compare-detail.a')).toContainText('status code="201"');
      await expect(page.getByTestId('compare-detail.b')).toContainText('not-allowed');
      await pg.shot('compare: two Prosody servers differ at the first step');
    } finally {
      b.stop();
    }
  });
});
