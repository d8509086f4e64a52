// Issue #7: Prosody's own muc_password.scs, opened as a file through the page, passes on the mock.
import fs from 'node:fs';
import { test, expect } from './support/test';
import { stepLines } from './support/text';
import { CORPUS_MISSING, corpusFile, hasCorpusFile } from './support/paths';

test("Prosody's muc_password.scs opened as a file passes on the mock", async ({ playground: pg }) => {
  test.skip(!hasCorpusFile('muc_password.scs'), CORPUS_MISSING);
  const file = corpusFile('muc_password.scs');
  await pg.goto({ target: 'mock' });

  await pg.openFile(file);
  const text = fs.readFileSync(file, 'utf8');
  await expect.poll(() => pg.getScript()).toBe(text);
  await expect(pg.stepItems).toHaveCount(stepLines(text).length);
  await pg.shot('muc_password.scs opened');

  expect(await pg.runToEnd()).toBe('pass');
  const statuses = await pg.stepStatuses();
  expect(statuses.length).toBe(stepLines(text).length);
  expect(
    statuses.filter((s) => s !== 'passed'),
    'every step passed',
  ).toEqual([]);
  const entry = await pg.resultEntry();
  expect(entry.verdict).toBe('pass');
  expect(entry.file).toBe('muc_password.scs');
  await pg.shot('muc_password.scs passed');
});
