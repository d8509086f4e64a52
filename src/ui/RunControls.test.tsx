// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { createAppStore } from '../store';
import { RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { StatusBar } from './StatusBar';
import { renderWith } from './testUtils';

afterEach(cleanup);

function storeWith(text: string) {
  const store = createAppStore();
  store.getState().loadScript({ text, fileName: 'a.scs', source: 'api' });
  store.getState().setParsed(parse(text), text);
  return store;
}

const OK = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: p\n-----\nRomeo connects\n';

describe('RunControls: why Run is disabled', () => {
  it('names the blocking error in the disabled Run button’s tooltip', () => {
    renderWith(<RunControls />, storeWith(OK + 'Romeo sends:\n\t<presence>\n'));
    const run = screen.getByTestId('run-button');
    expect((run as HTMLButtonElement).disabled).toBe(true);
    expect(run.getAttribute('title')).toMatch(/^Cannot run: line \d+: /);
  });
  it('says the script has no steps yet', () => {
    renderWith(<RunControls />, storeWith('[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: p\n-----\n'));
    expect(screen.getByTestId('run-button').getAttribute('title')).toMatch(/^Cannot run: .*no steps/);
  });
  it('keeps the Run tooltip with its shortcut when Run is enabled', () => {
    renderWith(<RunControls />, storeWith(OK));
    const run = screen.getByTestId('run-button');
    expect((run as HTMLButtonElement).disabled).toBe(false);
    expect(run.getAttribute('title')).toMatch(/^Run the script \((Ctrl|⌘)\+Enter\)$/);
  });
});

describe('RunStatus: a refused connection', () => {
  it('shows the hint to start a server once, under the status', () => {
    const store = storeWith(OK);
    renderWith(<RunStatus />, store);
    act(() => {
      store.setState({
        status: 'error',
        runError:
          'Romeo could not connect: cannot connect to ws://127.0.0.1:6699/xmpp-websocket: no server answered (ECONNERROR)',
      } as never);
    });
    expect(screen.getAllByTestId('run-hint')).toHaveLength(1);
    expect(screen.getByTestId('run-hint').textContent).toContain('npm run prosody');
  });
});

describe('StatusBar: Tab mode', () => {
  it('shows and toggles whether Tab moves the focus', () => {
    const { store } = renderWith(<StatusBar />, storeWith(OK));
    const b = screen.getByTestId('tab-mode');
    expect(b.textContent).toBe('Tab moves focus');
    expect(b.getAttribute('aria-pressed')).toBe('true');
    act(() => b.click());
    expect(store.getState().tabMovesFocus).toBe(false);
    expect(screen.getByTestId('tab-mode').textContent).toBe('Tab indents');
  });
});
