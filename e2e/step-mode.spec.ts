// Issue #7: step mode. Each Step runs exactly one step, then pauses; the step list and the editor's
// highlighted line follow the current step.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { stepLines } from './support/text';

test('Step advances one step at a time and the highlighted line follows', async ({
  page,
  playground: pg,
}) => {
  const text = readFixture('simple-room.scs');
  const lines = stepLines(text);
  expect(lines.length).toBe(5);
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', text), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(text);
  await pg.editorReady();
  await expect(pg.stepItems).toHaveCount(lines.length);

  for (let n = 1; n < lines.length; n++) {
    await pg.stepButton.click();
    await pg.expectStatus('paused');
    // Exactly n steps have run, all passed; the rest wait.
    await expect
      .poll(() => pg.stepStatuses())
      .toEqual([...Array(n).fill('passed'), ...Array(lines.length - n).fill('pending')]);
    // The editor's step highlight sits on the step that just ran or the next one, nowhere else.
    const [from, until] = [lines[n - 1], lines[n + 1] ?? Infinity];
    await expect
      .poll(
        async () => {
          const hl = await pg.editorStepHighlight();
          const onStep = hl.includes(lines[n - 1]) || hl.includes(lines[n]);
          return onStep && hl.every((l) => l >= from && l < until) ? 'follows' : hl;
        },
        { message: `after ${n} step(s) the highlight is on the step at line ${from} or ${lines[n]}` },
      )
      .toBe('follows');
    if (n === 2) await pg.shot('paused after two steps');
  }
  await pg.stepButton.click();
  await expect.poll(() => pg.stepStatuses()).toEqual(Array(lines.length).fill('passed'));
  await pg.expectStatus('pass');
  await pg.shot('stepped to the end');
});
