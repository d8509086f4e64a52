// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { match, parse, parseXml } from '../scansion';
import type { Mismatch } from '../scansion';
import { createAppStore } from '../store';
import { StepDetails } from './StepDetails';
import { renderWith } from './testUtils';

afterEach(cleanup);

const SCRIPT = `[Client] Romeo
	jid: romeo@localhost
	password: p
-----
Romeo connects
Romeo receives:
	<presence from="room@conference.localhost/Romeo">
		<x xmlns="http://jabber.org/protocol/muc#user">
			<item affiliation="owner" role="moderator"/>
		</x>
	</presence>
Romeo receives: nothing
`;

const EXPECTED = `<presence from="room@conference.localhost/Romeo">
  <x xmlns="http://jabber.org/protocol/muc#user">
    <item affiliation="owner" role="moderator"/>
  </x>
</presence>`;

function failedStore(received: string, step = 1, mismatches?: Mismatch[]) {
  const store = createAppStore();
  const { script } = parse(SCRIPT);
  store.getState().beginRun({ runId: 'r', script, target: 'mock' });
  store.getState().applyEvent({
    type: 'step-failed',
    runId: 'r',
    at: 1,
    durationMs: 3,
    step,
    line: script.steps[step].headerRange.line,
    stepText: 'Romeo receives:',
    message: 'the stanza does not match',
    expected: step === 1 ? EXPECTED : undefined,
    received,
    mismatches:
      mismatches ??
      (step === 1
        ? [
            {
              kind: 'attribute-value',
              path: '/presence/x[1]/item[1]@role',
              expected: 'moderator',
              received: 'participant',
              message: "attribute role: expected 'moderator', got 'participant'",
              loc: { line: 9, column: 30, endColumn: 46, endLine: 9 },
            },
          ]
        : []),
  });
  return store;
}

describe('StepDetails', () => {
  it('shows expected beside received and marks the mismatch at its line with its sentence', () => {
    const received =
      '<presence from="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="participant"/></x></presence>';
    const { store } = renderWith(<StepDetails />, failedStore(received));
    const sentence = "On <item>, attribute role: expected 'moderator', got 'participant'.";
    expect(screen.getByTestId('diff.mismatch').textContent).toBe(sentence);
    // Clicking the sentence takes the editor to where the expectation was written.
    fireEvent.click(screen.getByText(sentence, { selector: 'button' }));
    expect(store.getState().revealRequest?.line).toBe(9);
    const expected = screen.getByTestId('diff.expected');
    const marked = expected.querySelectorAll('.xml-row.marked');
    expect(marked).toHaveLength(1);
    expect(marked[0].getAttribute('data-line')).toBe('3');
    expect(marked[0].textContent).toContain('role="moderator"');
    expect(marked[0].textContent).toContain(sentence);
    // The attribute itself is underlined, nothing else on the line.
    expect([...marked[0].querySelectorAll('.x-mark')].map((e) => e.textContent).join('')).toBe(
      'role="moderator"',
    );
    // Received is pretty-printed; the same element is marked there.
    const rec = screen.getByTestId('diff.received');
    expect(rec.querySelector('.xml-row.marked')?.textContent).toContain('role="participant"');
  });

  it('renders stanza text as text, never as HTML', () => {
    const evil = '<message><body>&lt;img src=x onerror="alert(1)"&gt;</body></message>';
    const store = failedStore(evil);
    const { container } = renderWith(<StepDetails />, store);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('diff.received').textContent).toContain('&lt;img src=x');
    // Not even malformed markup becomes elements.
    const raw = failedStore('<img src=x onerror=alert(1)>');
    cleanup();
    const r2 = renderWith(<StepDetails />, raw);
    expect(r2.container.querySelector('img')).toBeNull();
    expect(screen.getByTestId('diff.received').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('a failed receives: nothing shows what arrived', () => {
    renderWith(<StepDetails />, failedStore('<message from="x"><body>hi</body></message>', 2));
    expect(screen.getByText('Expected nothing, but this arrived')).toBeTruthy();
    expect(screen.getByTestId('diff.received').textContent).toContain('<body>hi</body>');
  });

  it('switches to the raw view with the toggle', () => {
    renderWith(<StepDetails />, failedStore('<presence/>'));
    fireEvent.click(screen.getByTestId('diff.raw-toggle'));
    expect(screen.queryByTestId('diff.expected')).toBeNull();
    expect(screen.getByTestId('diff.raw-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('without a selection shows the run in brief and its variables', () => {
    const store = createAppStore();
    const { script } = parse(SCRIPT);
    store.getState().beginRun({ runId: 'r', script, target: 'mock' });
    store.getState().applyEvent({
      type: 'run-finished',
      runId: 'r',
      at: 1,
      result: {
        verdict: 'pass',
        durationMs: 12,
        stepsPassed: 3,
        stepsTotal: 3,
        variables: { "Romeo's full JID": 'romeo@localhost/abc' },
      },
    });
    store.getState().selectStep(null);
    renderWith(<StepDetails />, store);
    expect(screen.getByText('Passed: 3 of 3 steps')).toBeTruthy();
    const row = screen.getByText("${Romeo's full JID}").closest('tr');
    expect(row?.textContent).toContain('romeo@localhost/abc');
  });

  it('shows every mismatch, one sentence each, and groups strict extras with the reason', () => {
    const received =
      '<presence from="room@conference.localhost/Juliet"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="participant"/><status code="1"/><status code="2"/></x></presence>';
    const { script } = parse(SCRIPT);
    const step = script.steps[1];
    const r = step.action === 'receives' ? match(step.stanzas[0], parseXml(received).elements[0]) : null;
    const mismatches = r && !r.ok ? r.mismatches : [];
    expect(mismatches.length).toBe(4);
    renderWith(<StepDetails />, failedStore(received, 1, mismatches));
    const shown = screen.getAllByTestId('diff.mismatch').map((e) => e.textContent);
    expect(shown).toEqual([
      "On <presence>, attribute from: expected 'room@conference.localhost/Romeo', got 'room@conference.localhost/Juliet'.",
      "On <item>, attribute role: expected 'moderator', got 'participant'.",
      "<x> has 2 children not in the expectation: <status> ×2. Strict because <x> declares its own namespace 'http://jabber.org/protocol/muc#user'; add scansion:strict='false' to <x> to allow them.",
    ]);
    // Each sentence marks its own node in the expected XML.
    const notes = [...screen.getByTestId('diff.expected').querySelectorAll('.xml-note')].map(
      (n) => n.textContent,
    );
    expect([...notes].sort()).toEqual([...shown].sort());
  });

  it('before a run, the expected XML shows a variable as written, not as ${Romeo&apos;s full JID}', () => {
    const store = createAppStore();
    const text = SCRIPT.replace(
      'room@conference.localhost/Romeo">',
      'room@conference.localhost/Romeo" to="${Romeo\'s full JID}">',
    );
    store.getState().setText(text);
    const { script } = parse(text);
    store.getState().beginRun({ runId: 'r', script, target: 'mock' });
    store.getState().selectStep(1);
    renderWith(<StepDetails />, store);
    const xml = screen.getByTestId('diff.expected').textContent ?? '';
    expect(xml).toContain(`to="\${Romeo's full JID}"`);
    expect(xml).not.toContain('&apos;');
  });

  it('Accept received rewrites the expected block in the script text and says how to undo', () => {
    const received =
      '<presence from="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc#user"><item affiliation="owner" role="participant"/></x></presence>';
    const store = failedStore(received);
    store.getState().setText(SCRIPT);
    renderWith(<StepDetails />, store);
    fireEvent.click(screen.getByTestId('diff.accept'));
    expect(store.getState().text).toContain('\t\t\t<item affiliation="owner" role="participant"/>');
    expect(store.getState().text).not.toContain('role="moderator"');
    expect(screen.getByTestId('diff.accept-note').textContent).toMatch(
      /replaced with what arrived\. Undo with/,
    );
  });
});
