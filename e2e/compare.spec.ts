// Comparing two targets from the page: the mock against real Prosody on the corpus's MUC scripts (the
// same verdicts), and two Prosody servers with different MUC defaults on a script whose result depends
// on them (the first divergent step, with both stanzas and the sentence). Each uses the worker's own
// Prosody (support/test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './support/test';
import { CORPUS_MISSING, MUC_012_SCRIPTS, corpusFile, fixturesDir, hasCorpusFile } from './support/paths';
import { PROSODY_MISSING, skipWithoutProsody, startTestProsody } from './support/prosody';
import { SuitePage } from './pages/SuitePage';

// Left out: scripts where Prosody decides some orders by Lua hash order (tests/differential.test.ts, RACY).
const RACY = new Set(['issue978-multi.scs', 'muc_register.scs', 'muc_show_offline.scs']);

/**
 * The script with a room name of its own: every `name@conference.localhost` becomes
 * `name-<tag>@conference.localhost`. The scripts then run one after another on one server (a suite)
 * without meeting a room an earlier script left; the mock runs the same text, so the comparison holds.
 */
const withOwnRooms = (text: string, tag: string): string =>
  text.replace(/([A-Za-z0-9._-]+)@conference\.localhost/g, `$1-${tag}@conference.localhost`);

test.describe('compare two targets', () => {
  test.skip(skipWithoutProsody(), PROSODY_MISSING);

  test('the mock and real Prosody give the corpus MUC scripts the same verdicts', async ({
    playground: pg,
    page,
    prosody,
  }, testInfo) => {
    const names = MUC_012_SCRIPTS.filter((f) => !RACY.has(f) && hasCorpusFile(f));
    test.skip(names.length === 0 && !process.env.CI, CORPUS_MISSING);
    expect(names.length, CORPUS_MISSING).toBeGreaterThan(0);
    test.setTimeout(180_000);
    // Copies of the corpus scripts, each with rooms of its own, under the same file names.
    const dir = testInfo.outputPath('own-rooms');
    fs.mkdirSync(dir, { recursive: true });
    const files = names.map((name, i) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, withOwnRooms(fs.readFileSync(corpusFile(name), 'utf8'), `s${i}`));
      return file;
    });
    await pg.goto();
    const suite = new SuitePage(page);
    const verdicts: Record<string, string> = {};
    const runs: Record<string, [string, string]> = {};
    // All scripts in one comparison on a clean server. Prosody's own broadcast orders vary from run to
    // run: like tests/differential.test.ts, a script whose verdicts differ is compared again (up to 3
    // runs, on a restarted server) before the difference counts.
    let pending = files;
    for (let attempt = 1; attempt <= 3 && pending.length > 0; attempt++) {
      prosody.restart(); // throws when the server does not come up
      await suite.show('suite');
      const clear = page.getByRole('button', { name: 'Clear' });
      if (await clear.isEnabled()) await clear.click();
      await suite.filesInput.setInputFiles(pending);
      await expect(suite.items).toHaveCount(pending.length);
      await suite.show('compare');
      await suite.setCompareTarget('a', 'mock');
      await suite.setCompareTarget('b', prosody.wsUrl);
      await page.getByTestId('compare-run').click();
      Object.assign(verdicts, await suite.compareVerdicts(90_000));
      for (const file of pending) {
        const id = path.basename(file);
        runs[id] = [
          await suite.row(id).getByTestId('compare-row.a').innerText(),
          await suite.row(id).getByTestId('compare-row.b').innerText(),
        ];
      }
      pending = pending.filter((f) => new Set(runs[path.basename(f)]).size > 1);
    }
    expect(Object.keys(verdicts).sort()).toEqual([...names].sort());
    await pg.shot('compare: mock vs Prosody');
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
    prosody,
  }) => {
    prosody.restart();
    // Only the service's admins may create rooms on B; Romeo is not one.
    const b = await startTestProsody('e2e-prosody-variant', {
      mucOptions: ['restrict_room_creation = true'],
    });
    try {
      await pg.goto();
      const suite = new SuitePage(page);
      await suite.show('suite');
      await suite.filesInput.setInputFiles(path.join(fixturesDir, 'room-creation.scs'));
      await suite.show('compare');
      await suite.setCompareTarget('a', prosody.wsUrl);
      await suite.setCompareTarget('b', b.wsUrl);
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
