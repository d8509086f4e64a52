// The suite view: a folder of scripts opened at once, run all, filter the failed ones, rerun one, open
// one in the workbench; watch mode rerunning a picked file when it changes; a list of URLs and a dropped
// folder.
import path from 'node:path';
import { test, expect } from './support/test';
import { fixturesDir, readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { SuitePage } from './pages/SuitePage';

const folder = path.join(fixturesDir, 'suite');

test('open a folder of scripts, run all, filter failed, rerun one, open it in the workbench', async ({
  playground: pg,
  page,
}) => {
  test.setTimeout(120_000);
  await pg.goto();
  const suite = new SuitePage(page);
  await suite.show('suite');
  await suite.folderInput.setInputFiles(folder);
  await expect(suite.items).toHaveCount(3);
  await suite.runAll.click();
  await suite.waitAllFinished();
  expect(await suite.statuses()).toEqual({
    'suite/ping-wrong.scs': 'fail',
    'suite/ping.scs': 'pass',
    'suite/rooms/room.scs': 'pass',
  });
  await pg.shot('suite: ran all');

  await suite.filter('failed');
  await expect(suite.items).toHaveCount(1);
  const failed = suite.item('suite/ping-wrong.scs');
  await expect(failed.getByTestId('suite-item.message')).toContainText("expected 'error', got 'result'");
  // Rerun just that one: its run count goes up, the others stay at one run.
  await failed.getByTestId('suite-item.run').click();
  await expect(failed).toHaveAttribute('data-runs', '2');
  await expect(failed).toHaveAttribute('data-status', 'fail');
  await suite.filter('all');
  await expect(suite.item('suite/ping.scs')).toHaveAttribute('data-runs', '1');

  // Tags filter too (## broken is on the failing script only).
  await page.getByTestId('suite-tag').selectOption('broken');
  await expect(suite.items).toHaveCount(1);
  await page.getByTestId('suite-tag').selectOption('');

  // Selecting a script opens the workbench on its last run: the failing step's diff, offline.
  await failed.getByTestId('suite-item.open').click();
  await expect(page.getByTestId('view-workbench')).toHaveAttribute('aria-selected', 'true');
  await pg.expectStatus('fail');
  await expect(pg.mismatches.first()).toBeVisible();
  expect(await pg.getScript()).toContain('<iq type="error" id="p1" from="localhost"/>');
});

test('watch mode reruns a picked file within 2 s of its change', async ({ playground: pg, page }) => {
  test.setTimeout(120_000);
  // Playwright cannot drive the browser's folder picker: this stands in for showDirectoryPicker with a
  // folder whose one file the test rewrites (same shape: values(), getFile() with lastModified).
  const passing = 'Romeo connects\n';
  await page.addInitScript((text) => {
    const files: Record<string, { text: string; lastModified: number }> = {
      'watched.scs': { text, lastModified: 1 },
    };
    (window as unknown as { __files: typeof files }).__files = files;
    (window as unknown as { showDirectoryPicker: () => Promise<unknown> }).showDirectoryPicker =
      async () => ({
        name: 'picked',
        kind: 'directory',
        async *values() {
          for (const name of Object.keys(files))
            yield {
              name,
              kind: 'file',
              getFile: async () =>
                new File([files[name].text], name, { lastModified: files[name].lastModified }),
            };
        },
      });
  }, `[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\n${passing}`);
  await pg.goto();
  const suite = new SuitePage(page);
  await suite.show('suite');
  await page.getByTestId('suite-pick-directory').click();
  const item = suite.item('picked/watched.scs');
  await expect(item).toHaveAttribute('data-status', 'idle');
  await suite.watch.check();
  await suite.runAll.click();
  await expect(item).toHaveAttribute('data-status', 'pass');
  // The file changes on disk: a step that cannot pass (a ping answered with an error is expected).
  await page.evaluate(() => {
    const f = (window as unknown as { __files: Record<string, { text: string; lastModified: number }> })
      .__files;
    f['watched.scs'] = {
      text: `${f['watched.scs'].text}\nRomeo sends:\n\t<iq type="get" id="p" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>\n\nRomeo receives:\n\t<iq type="error" id="p"/>\n`,
      lastModified: 2,
    };
  });
  await expect(item).toHaveAttribute('data-status', 'fail', { timeout: 2_500 });
  await expect(item).toHaveAttribute('data-runs', '2');
  await pg.shot('suite: watch mode reran the changed file');
});

test('open a list of URLs and a dropped folder', async ({ playground: pg, page, baseURL }) => {
  test.setTimeout(90_000);
  const ping = readFixture('suite/ping.scs');
  const pingWrong = readFixture('suite/ping-wrong.scs');
  const room = readFixture('suite/rooms/room.scs');
  const a = await serveScriptText(page, 'ping.scs', ping);
  const b = await serveScriptText(page, 'ping-wrong.scs', pingWrong);
  await pg.goto();
  const suite = new SuitePage(page);
  await suite.show('suite');

  // URLs, one a line (a comment and a blank line are skipped); one that is missing says which line.
  await page.getByTestId('suite-open-urls').click();
  await page.getByTestId('suite-urls').fill(`${a}\n# a comment\n\n${b}\n/__e2e__/missing.scs`);
  await page.getByTestId('suite-urls-open').click();
  await expect(suite.items).toHaveCount(2);
  await expect(page.getByText(/line 5: could not fetch \S+\/__e2e__\/missing\.scs/)).toBeVisible();

  // A dropped folder. Playwright cannot drag a folder from the desktop: this stands in for the
  // browser's DataTransfer with the same shape (a directory entry whose reader returns its children in
  // batches, then nothing); files that are not scripts are left out.
  await page.evaluate(
    ([ping, room]) => {
      type Entry = { name: string; isFile: boolean; isDirectory: boolean } & Record<string, unknown>;
      const file = (name: string, text: string): Entry => ({
        name,
        isFile: true,
        isDirectory: false,
        file: (ok: (f: File) => void) => ok(new File([text], name)),
      });
      const dir = (name: string, children: Entry[]): Entry => ({
        name,
        isFile: false,
        isDirectory: true,
        createReader: () => {
          let done = false;
          return {
            readEntries: (ok: (c: Entry[]) => void) => {
              ok(done ? [] : children);
              done = true;
            },
          };
        },
      });
      const root = dir('dropped', [
        file('ping.scs', ping),
        file('notes.txt', 'not a script'),
        dir('rooms', [file('room.scs', room)]),
      ]);
      const dataTransfer = {
        types: ['Files'],
        files: [],
        items: [{ kind: 'file', webkitGetAsEntry: () => root, getAsFile: () => null }],
      };
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: dataTransfer });
      document.body.dispatchEvent(drop);
    },
    [ping, room] as const,
  );
  await expect(suite.items).toHaveCount(4);
  await suite.runAll.click();
  await suite.waitAllFinished();
  expect(await suite.statuses()).toEqual({
    [`${baseURL}${a}`]: 'pass',
    [`${baseURL}${b}`]: 'fail',
    'dropped/ping.scs': 'pass',
    'dropped/rooms/room.scs': 'pass',
  });
  await pg.shot('suite: URLs and a dropped folder');
});
