// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { createAppStore } from '../store';
import { RunPanel } from './RunPanel';
import { renderWith } from './testUtils';

afterEach(cleanup);

const SCRIPT = `[Client] Romeo
	jid: romeo@localhost
	password: p
-----
Romeo connects
# Ping the server
Romeo sends:
	<iq type="get" id="p1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>
Romeo receives:
	<iq type="result" id="p1"/>
# Leave
Romeo disconnects
`;

function storeWith(text: string) {
  const store = createAppStore();
  store.getState().loadScript({ text, fileName: 'a.scs', source: 'api' });
  store.getState().setParsed(parse(text), text);
  return store;
}

describe('RunPanel', () => {
  it('lists steps under their comment headings with line numbers', () => {
    renderWith(<RunPanel />, storeWith(SCRIPT));
    expect(screen.getAllByTestId('step-list.section').map((h) => h.textContent)).toEqual([
      'Ping the server',
      'Leave',
    ]);
    const items = screen.getAllByTestId('step-list.item');
    expect(items.map((i) => i.getAttribute('data-line'))).toEqual(['5', '7', '9', '12']);
    expect(items.every((i) => i.getAttribute('data-status') === 'pending')).toBe(true);
    expect(screen.getByTestId('run-status').getAttribute('data-status')).toBe('idle');
  });

  it('clicking a step selects it and asks the editor to reveal its line', () => {
    const { store } = renderWith(<RunPanel />, storeWith(SCRIPT));
    fireEvent.click(screen.getAllByTestId('step-list.item')[2]);
    expect(store.getState().selectedStep).toBe(2);
    expect(store.getState().revealRequest?.line).toBe(9);
    expect(store.getState().bottomPanel).toBe('details');
  });

  it('blocks Run on syntax errors and says where', () => {
    const bad = SCRIPT.replace('<iq type="result" id="p1"/>', '<iq type="result" id="p1">');
    renderWith(<RunPanel />, storeWith(bad));
    expect(screen.getByTestId('run-status').getAttribute('data-status')).toBe('invalid');
    expect((screen.getByTestId('run-button') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('run-blocked-reason').textContent).toMatch(/^Cannot run: line \d+: /);
  });

  it('buttons follow the run state and call the run controller', () => {
    const store = storeWith(SCRIPT);
    const { services } = renderWith(<RunPanel />, store);
    const btn = (id: string) => screen.getByTestId(id) as HTMLButtonElement;
    expect(btn('run-button').disabled).toBe(false);
    expect(btn('pause-button').disabled).toBe(true);
    expect(btn('stop-button').disabled).toBe(true);
    fireEvent.click(btn('run-button'));
    expect(services.run.run).toHaveBeenCalledTimes(1);

    act(() =>
      store.getState().beginRun({ runId: 'r', script: store.getState().parsed.script, target: 'mock' }),
    );
    act(() => store.getState().applyEvent({ type: 'step-started', runId: 'r', at: 0, step: 1 }));
    expect(btn('run-button').disabled).toBe(true);
    expect(btn('pause-button').disabled).toBe(false);
    expect(screen.getByTestId('run-status').textContent).toContain('Running step 2 of 4');
    fireEvent.click(btn('pause-button'));
    expect(services.run.pause).toHaveBeenCalled();

    act(() => store.getState().applyEvent({ type: 'paused', runId: 'r', at: 1, nextStep: 2 }));
    expect(screen.getByTestId('run-status').getAttribute('data-status')).toBe('paused');
    expect(btn('run-button').textContent).toContain('Continue');
    fireEvent.click(btn('step-button'));
    expect(services.run.step).toHaveBeenCalled();
    fireEvent.click(btn('stop-button'));
    expect(services.run.stop).toHaveBeenCalled();
  });

  it('shows the verdict in words', () => {
    const store = storeWith(SCRIPT);
    renderWith(<RunPanel />, store);
    act(() => {
      store.getState().beginRun({ runId: 'r', script: store.getState().parsed.script, target: 'mock' });
      store.getState().applyEvent({
        type: 'run-finished',
        runId: 'r',
        at: 5,
        result: { verdict: 'pass', durationMs: 42, stepsPassed: 4, stepsTotal: 4, variables: {} },
      });
    });
    const st = screen.getByTestId('run-status');
    expect(st.getAttribute('data-status')).toBe('pass');
    expect(st.textContent).toContain('Passed');
    expect(st.textContent).toContain('4/4 steps');
  });
});
