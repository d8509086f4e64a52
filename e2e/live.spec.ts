// Live sessions: flows typed in the live console and recorded as scripts, one on each target, each
// replayed green on both; the console and the recorder's output in both themes.
import type { Page } from '@playwright/test';
import { test, expect } from './support/test';
import { serveScriptText } from './support/serve';
import { LivePanel } from './pages/LivePanel';
import type { PlaygroundPage } from './pages/PlaygroundPage';
import { PROSODY_MISSING, skipWithoutProsody } from './support/prosody';

const MUC = 'http://jabber.org/protocol/muc';
const CLIENTS = `# Live
[Client] Romeo
	jid: romeo@localhost
	password: password

[Client] Juliet
	jid: juliet@localhost
	password: password

-----
`;

/** Each test its own room: recordings and replays on the worker's Prosody never meet an earlier room. */
const roomName = (tag: string) => `${tag}-${Date.now().toString(36)}@conference.localhost`;

async function createRoom(live: LivePanel, room: string): Promise<void> {
  await live.connect('Romeo');
  await live.send('Romeo', `<presence to='${room}/Romeo'><x xmlns='${MUC}'/></presence>`, {
    client: 'Romeo',
    text: 'subject',
  });
  await live.send(
    'Romeo',
    `<iq type='set' to='${room}' id='create1'><query xmlns='${MUC}#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`,
    { client: 'Romeo', text: 'create1' },
  );
  await live.connect('Juliet');
  await live.send('Juliet', `<presence to='${room}/Juliet'><x xmlns='${MUC}'/></presence>`, {
    client: 'Juliet',
    text: 'subject',
  });
}

/** In both themes: the given parts are visible and inside the viewport; a screenshot of each theme. */
async function bothThemes(page: Page, pg: PlaygroundPage, what: string, parts: string[]): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await pg.useTheme(theme);
    for (const id of parts) await expect(page.getByTestId(id).last()).toBeInViewport();
    await pg.shot(`${what}, ${theme}`);
  }
}

async function replayBoth(pg: PlaygroundPage, first: 'mock' | 'ws', wsUrl: string): Promise<void> {
  for (const target of first === 'mock' ? (['mock', 'ws'] as const) : (['ws', 'mock'] as const)) {
    await pg.selectTarget(target, target === 'ws' ? wsUrl : undefined);
    const verdict = await pg.runToEnd();
    if (verdict !== 'pass') {
      const entry = await pg.resultEntry();
      expect(entry.message ?? '', `replay on ${target}`).toBe('');
    }
    expect(verdict, `replay on ${target}`).toBe('pass');
  }
}

test.describe('live console and recorder', () => {
  test.skip(skipWithoutProsody(), PROSODY_MISSING);
  // Each test types a flow, records it and replays it on two servers.
  test.setTimeout(120_000);

  test('a kick typed on the mock is recorded and replays green on the mock and on Prosody', async ({
    page,
    playground: pg,
    prosody,
  }) => {
    await pg.goto({ script: await serveScriptText(page, 'live.scs', CLIENTS) });
    const live = new LivePanel(page);
    await live.open();
    const room = roomName('kick');
    await createRoom(live, room);
    await live.send(
      'Romeo',
      `<iq type='set' to='${room}' id='kick1'><query xmlns='${MUC}#admin'><item nick='Juliet' role='none'/></query></iq>`,
      { client: 'Romeo', text: 'kick1' },
    );
    // The status code as XML: the room's random name may itself contain "307".
    await expect(live.received('Juliet', '<status code="307"/>')).toHaveCount(1);
    await expect(page.getByTestId('live.target')).toHaveText('on mock');
    await bothThemes(page, pg, 'live console', ['live.log', 'live.entry', 'live.input', 'live.record']);
    await live.quiet('Juliet');
    await live.disconnect('Juliet');
    await live.disconnect('Romeo');

    await live.record();
    await expect.poll(() => pg.getScript()).toContain('Juliet receives: nothing');
    const script = await pg.getScript();
    expect(script).toContain(`jid="\${Juliet's full JID}"`);
    expect(script).toContain('<status code="307"/>');
    await expect(page.getByTestId('live.restore')).toBeVisible();
    await pg.editorReady();
    await bothThemes(page, pg, 'recorded script', ['editor', 'live.restore']);
    await replayBoth(pg, 'mock', prosody.wsUrl);
  });

  test('a groupchat typed on Prosody is recorded and replays green on Prosody and on the mock', async ({
    page,
    playground: pg,
    prosody,
  }) => {
    await pg.goto({ script: await serveScriptText(page, 'live.scs', CLIENTS) });
    await pg.selectTarget('ws', prosody.wsUrl);
    const live = new LivePanel(page);
    await live.open();
    const room = roomName('gc');
    await createRoom(live, room);
    await live.send(
      'Romeo',
      `<message type='groupchat' to='${room}' id='gc1'><body>Wherefore art thou?</body></message>`,
      { client: 'Juliet', text: 'Wherefore' },
    );
    await expect(live.received('Romeo', 'Wherefore')).toHaveCount(1);
    // Bad XML is refused with its position; nothing is sent.
    await live.sendAs.selectOption('live:Juliet');
    await live.input.fill('<message>\n<body>oops</bdy></message>');
    await live.sendButton.click();
    await expect(live.error).toContainText(/^2:\d+: /);
    await live.input.fill('');
    await live.disconnect('Juliet');
    await live.disconnect('Romeo');
    await expect(page.getByTestId('live.target')).toHaveText(`on ${prosody.wsUrl}`);
    // Stream-level traffic, credentials masked.
    await page.getByLabel('Stream traffic (auth, bind)').check();
    const auth = page.locator('[data-testid="live.entry"][data-raw="true"]', { hasText: 'mechanism=' });
    await expect(auth.first()).toContainText('••••••••');
    await live.record();
    await expect.poll(() => pg.getScript()).toContain('Wherefore art thou?');
    await replayBoth(pg, 'ws', prosody.wsUrl);
  });
});
