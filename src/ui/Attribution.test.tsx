// @vitest-environment jsdom
// The console and the step list word each received stanza's attribution from the reducer's fields:
// the step that matched it, or dropped (with the runner's reason), or unread at the end.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import type { Script } from '../scansion/types';
import { createAppStore, StoreProvider, type StanzaEntry } from '../store';
import { Console } from './Console';
import { StepList } from './StepList';

afterEach(cleanup);

const script: Script = parse(
  [
    '[Client] Juliet',
    '\tjid: juliet@localhost',
    '\tpassword: password',
    '',
    '-----',
    '',
    'Juliet receives:',
    '\t<message id="m1"/>',
    '',
    'Juliet receives:',
    '\t<message id="m3"/>',
    '',
  ].join('\n'),
).script;

const stanza = (id: number, over: Partial<StanzaEntry>): StanzaEntry =>
  ({
    id,
    client: 'Juliet',
    direction: 'in',
    xml: `<message id="m${id}"/>`,
    at: id,
    step: null,
    ...over,
  }) as StanzaEntry;

function setup() {
  const store = createAppStore();
  store.setState({
    runId: 'r',
    status: 'pass',
    runScript: script,
    steps: [{ status: 'passed' }, { status: 'passed' }],
    stanzas: [
      stanza(1, { step: 0, fate: 'matched' } as Partial<StanzaEntry>),
      stanza(2, {
        step: 0,
        fate: 'dropped',
        reason: 'rest of a burst: step 2 is not a receive of Juliet',
      } as Partial<StanzaEntry>),
      stanza(3, { step: 1, fate: 'matched' } as Partial<StanzaEntry>),
      stanza(4, { fate: 'unread' } as Partial<StanzaEntry>),
    ],
  });
  return store;
}

describe('attribution in the console and the step list', () => {
  it('the console labels each stanza with its step, or dropped with the reason, or unread', () => {
    render(
      <StoreProvider store={setup()}>
        <Console />
      </StoreProvider>,
    );
    const fates = screen
      .getAllByTestId('console.fate')
      .map((e) => [e.getAttribute('data-fate'), e.textContent]);
    expect(fates).toEqual([
      ['matched', 'step 1'],
      ['dropped', 'dropped — rest of a burst: step 2 is not a receive of Juliet'],
      ['matched', 'step 2'],
      ['unread', 'unread'],
    ]);
  });

  it('the step list counts matched stanzas per step and lists the leftovers', () => {
    render(
      <StoreProvider store={setup()}>
        <StepList />
      </StoreProvider>,
    );
    const counts = screen.getAllByTestId('step-list.matched').map((e) => e.textContent);
    expect(counts).toEqual(['⇐1', '⇐1']);
    const left = screen.getAllByTestId('step-list.leftover');
    expect(left.map((e) => e.getAttribute('data-fate'))).toEqual(['dropped', 'unread']);
    expect(within(left[0]).getByText(/rest of a burst/)).toBeTruthy();
  });
});
