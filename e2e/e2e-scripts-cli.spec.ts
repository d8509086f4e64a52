// `npm run e2e:scripts` end to end: the wrapper (scripts/e2e-scripts.js) turns each script into one
// Playwright test through the real page, a failing script fails its test (and the exit status), and the
// JUnit + HTML reports land in --out; the HTML report's link opens the failing script's trace in the
// playground, offline. Usage errors exit 2 with a sentence.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { fixturesDir, readFixture, repoRoot } from './support/paths';
import { freePortSync } from './support/ports';

const wrapper = path.join(repoRoot, 'scripts', 'e2e-scripts.js');
const playwrightCli = path.join(repoRoot, 'node_modules', '@playwright', 'test', 'cli.js');

// The outer Playwright's worker variables must not leak into the inner run.
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(TEST_|PW_|PLAYWRIGHT_)/.test(k)) delete env[k];
  delete env.INIT_CWD; // as if typed in `cwd` (npm sets it to where `npm test` was typed)
  return env;
}

function runWrapper(args: string[], cwd = repoRoot) {
  return spawnSync(process.execPath, [wrapper, ...args], {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

test('usage errors exit 2 and say what is wrong', () => {
  const none = runWrapper([]);
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('give at least one .scs file');
  const target = runWrapper([fixturesDir, '--target', 'http://example.org']);
  expect(target.status).toBe(2);
  expect(target.stderr).toContain('--target must be mock or a ws:// or wss:// URL');
  const missing = runWrapper(['no/such/dir']);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('no such file or directory: no/such/dir');
});

test('one test per script through the page; a failing script fails; JUnit and HTML reports; the report opens the failing trace', async ({
  browser,
}) => {
  const testInfo = test.info();
  test.slow(); // starts its own preview server and browser
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scs-e2e-scripts-'));
  try {
    const suite = path.join(dir, 'suite');
    fs.mkdirSync(path.join(suite, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(suite, 'room.scs'), readFixture('simple-room.scs'));
    fs.writeFileSync(
      path.join(suite, 'nested', 'wrong-role.scs'),
      readFixture('simple-room.scs').replace('role="moderator"', 'role="visitor"'),
    );
    fs.writeFileSync(path.join(suite, 'notes.txt'), 'not a script');
    const out = path.join(dir, 'report');

    const r = runWrapper([suite, '--target', 'mock', '--no-build', '--out', out, '--workers=1'], dir);
    await testInfo.attach('e2e:scripts output', { body: r.stdout + r.stderr, contentType: 'text/plain' });
    expect(r.status, 'one script fails, so the run fails').toBe(1);

    const junit = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/tests="2"/);
    expect(junit).toMatch(/failures="1"/);
    expect(junit).toContain('name="suite/room.scs"');
    expect(junit).toContain('name="suite/nested/wrong-role.scs"');
    expect(junit).toMatch(/wrong-role\.scs: fail — [^"]*role/);
    expect(fs.existsSync(path.join(out, 'html', 'index.html'))).toBe(true);

    // The HTML report as a user opens it (`npx playwright show-report`): the failing script's link opens
    // its trace in the playground copied beside the report, with the failing step's diff. Offline: the
    // page may reach the report's server and nothing else (no XMPP server, no WebSocket).
    const port = freePortSync();
    const report = spawn(
      process.execPath,
      [playwrightCli, 'show-report', path.join(out, 'html'), '--host', '127.0.0.1', '--port', String(port)],
      { cwd: dir, env: cleanEnv(), stdio: 'ignore' },
    );
    try {
      const origin = `http://127.0.0.1:${port}`;
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const elsewhere: string[] = [];
      await ctx.route(
        (u) => u.origin !== origin,
        (r) => (elsewhere.push(r.request().url()), r.abort()),
      );
      const sockets: string[] = [];
      const page = await ctx.newPage();
      page.on('websocket', (ws) => sockets.push(ws.url()));
      await expect(async () => {
        await page.goto(origin, { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await page.getByText('suite/nested/wrong-role.scs').first().click();
      // The report opens an attachment in a new tab.
      const [opened] = await Promise.all([
        ctx.waitForEvent('page'),
        page.getByRole('link', { name: 'open the trace in the playground' }).click(),
      ]);
      opened.on('websocket', (ws) => sockets.push(ws.url()));
      const pg = new PlaygroundPage(opened, testInfo);
      await pg.expectStatus('fail', 30_000);
      await expect(pg.mismatches.first()).toContainText(
        "attribute role: expected 'visitor', got 'moderator'",
      );
      await expect(pg.diff).toBeVisible();
      expect(opened.url()).toMatch(new RegExp(`^${origin}/playground/`));
      expect(sockets, 'no connection to any server').toEqual([]);
      expect(elsewhere, 'nothing beyond the report').toEqual([]);
      await pg.shot('trace opened from the HTML report');
      await ctx.close();
    } finally {
      report.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
