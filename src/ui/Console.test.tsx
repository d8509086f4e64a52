// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { createAppStore } from '../store';
import { Console } from './Console';
import { SequenceView } from './SequenceView';
import { renderWith } from './testUtils';

afterEach(cleanup);

function storeWithStanzas() {
  const store = createAppStore();
  const { script } = parse(
    `[Client] Romeo\n\tjid: r@localhost\n\tpassword: p\n[Client] Juliet\n\tjid: j@localhost\n\tpassword: p\n-----\nRomeo connects\n`,
  );
  store.getState().beginRun({ runId: 'r', script, target: 'mock' });
  const ev = (client: string, direction: 'in' | 'out', xml: string) =>
    store.getState().applyEvent({ type: 'stanza', runId: 'r', at: 1000, client, direction, xml });
  store.getState().applyEvent({
    type: 'connection',
    runId: 'r',
    at: 900,
    client: 'Romeo',
    state: 'online',
    jid: 'r@localhost/1',
  });
  ev(
    'Romeo',
    'out',
    '<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>',
  );
  ev('Romeo', 'in', '<presence from="room@conference.localhost/Romeo"/>');
  ev(
    'Juliet',
    'out',
    '<message to="room@conference.localhost" type="groupchat"><body>hello &lt;b&gt;</body></message>',
  );
  return store;
}

describe('Console', () => {
  it('lists every stanza with client and direction, pretty-printed', () => {
    renderWith(<Console />, storeWithStanzas());
    const entries = screen.getAllByTestId('console.entry');
    expect(entries.map((e) => [e.dataset.client, e.dataset.direction])).toEqual([
      ['Romeo', 'out'],
      ['Romeo', 'in'],
      ['Juliet', 'out'],
    ]);
    expect(entries[0].textContent).toContain('<x xmlns="http://jabber.org/protocol/muc"/>');
    expect(entries[2].textContent).toContain('hello &lt;b&gt;');
  });

  it('filters by text, client and direction', () => {
    renderWith(<Console />, storeWithStanzas());
    fireEvent.change(screen.getByTestId('console.filter'), { target: { value: 'groupchat' } });
    expect(screen.getAllByTestId('console.entry').map((e) => e.dataset.client)).toEqual(['Juliet']);
    fireEvent.change(screen.getByTestId('console.filter'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: 'in' } });
    expect(screen.getAllByTestId('console.entry')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Direction'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Client'), { target: { value: 'Romeo' } });
    expect(screen.getAllByTestId('console.entry')).toHaveLength(2);
  });

  it('shows new stanzas as they arrive', () => {
    const store = storeWithStanzas();
    renderWith(<Console />, store);
    act(() =>
      store.getState().applyEvent({
        type: 'stanza',
        runId: 'r',
        at: 2000,
        client: 'Juliet',
        direction: 'in',
        xml: '<iq/>',
      }),
    );
    expect(screen.getAllByTestId('console.entry')).toHaveLength(4);
  });
});

describe('SequenceView', () => {
  it('draws one arrow per stanza between the client and the server, in order', () => {
    renderWith(<SequenceView />, storeWithStanzas());
    const seq = screen.getByTestId('sequence');
    expect([...seq.querySelectorAll('.seq-head')].map((h) => h.textContent)).toEqual([
      'Romeo',
      'Server',
      'Juliet',
    ]);
    const rows = [...seq.querySelectorAll('.seq-row')];
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      'Romeo sent presence · muc (to room@conference.localhost/Romeo)',
      'Romeo received presence (from room@conference.localhost/Romeo)',
      'Juliet sent message groupchat · body (to room@conference.localhost)',
    ]);
    expect(seq.querySelector('.seq-note')?.textContent).toBe('online as r@localhost/1');
    // Romeo (left of the server) sends rightwards; Juliet (right of it) sends leftwards.
    expect(rows[0].querySelector('.seq-line')?.classList.contains('to-right')).toBe(true);
    expect(rows[1].querySelector('.seq-line')?.classList.contains('to-left')).toBe(true);
    expect(rows[2].querySelector('.seq-line')?.classList.contains('to-left')).toBe(true);
  });
});
