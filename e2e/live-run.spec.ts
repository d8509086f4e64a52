// The live console inside a paused run (an ad-hoc stanza reaches the server, its reply comes to the
// console, the run continues green) and the room inspector after a kick, in both themes and in the
// presentation view. On the mock (the inspector reads the mock's rooms).
import { test, expect } from './support/test';
import { LivePanel } from './pages/LivePanel';

const ROOM = 'court@conference.localhost';

test.describe('live console in a run, room inspector', () => {
  test.setTimeout(90_000);
  test('an ad-hoc stanza sent while paused reaches the server and the run continues green', async ({
    page,
    playground: pg,
  }) => {
    await pg.goto({ example: 'muc-moderation' });
    // Six steps: Romeo has created and configured the room.
    for (let i = 0; i < 6; i++) {
      await pg.stepButton.click();
      await pg.expectStatus('paused');
    }
    const live = new LivePanel(page);
    await live.open();
    await live.send(
      'Romeo',
      `<iq type='get' id='adhoc1' to='${ROOM}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`,
      undefined,
      true,
    );
    // The server's answer comes back to the console, marked as the reply, and not to the script.
    const reply = page.locator('[data-testid="live.entry"][data-adhoc="true"][data-kind="in"]', {
      hasText: 'adhoc1',
    });
    await expect(reply).toHaveCount(1);
    await expect(reply).toContainText('http://jabber.org/protocol/muc');
    await pg.shot('ad-hoc reply in the console');
    expect(await pg.runToEnd()).toBe('pass');
    // What the run's clients received afterwards is shown, marked as going to the script.
    await live.open();
    await expect(page.locator('[data-testid="live.entry"][data-to-script="true"]').first()).toBeVisible();
  });

  test('after a kick the inspector shows the occupant gone and the change highlighted', async ({
    page,
    playground: pg,
  }) => {
    await pg.goto({ example: 'muc-moderation' });
    expect(await pg.runToEnd()).toBe('pass');
    const live = new LivePanel(page);
    // Select the kick (Romeo's iq with id "kick"): the rooms after it, against the step before.
    await pg.stepItems.filter({ hasText: 'id="kick"' }).first().click();
    await live.openInspector();
    await expect(page.getByTestId('inspector.source')).toContainText('Romeo sends');
    const room = page.locator(`[data-testid="inspector.room"][data-room="${ROOM}"]`);
    const juliet = room.locator('[data-testid="inspector.occupant"][data-nick="Juliet"]');
    await expect(juliet).toHaveAttribute('data-change', 'removed');
    await expect(juliet).toHaveClass(/insp-removed/);
    await expect(room.locator('[data-testid="inspector.occupant"][data-nick="Romeo"]')).not.toHaveAttribute(
      'data-change',
      /./,
    );
    for (const theme of ['light', 'dark'] as const) {
      await pg.useTheme(theme);
      await expect(juliet).toBeInViewport();
      await pg.shot(`inspector after the kick, ${theme}`);
    }
    // Presentation: the sequence view and the inspector side by side, larger type; Esc leaves it.
    await page.getByTestId('presentation.toggle').click();
    const pres = page.getByTestId('presentation');
    await expect(pres.getByTestId('inspector')).toBeInViewport();
    await expect(pres.getByTestId('sequence')).toBeInViewport();
    const size = await pres.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    await pg.shot('presentation');
    await page.keyboard.press('Escape');
    await expect(pres).toHaveCount(0);
  });
});
