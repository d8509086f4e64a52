// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { stubServices } from './testUtils';
import { focusPane, useShortcuts } from './useShortcuts';

afterEach(cleanup);

function Harness(props: { services: ReturnType<typeof stubServices> }) {
  useShortcuts(props.services);
  return (
    <div>
      <header data-pane="header">
        <button>Examples</button>
      </header>
      <section data-pane="editor">
        <textarea aria-label="Script" />
      </section>
      <section data-pane="run">
        <button disabled>Run</button>
        <button>Step</button>
      </section>
    </div>
  );
}

describe('keyboard shortcuts', () => {
  it('Ctrl/Cmd+Enter runs, F10 steps, Shift+F5 stops', () => {
    const services = stubServices();
    const { getByLabelText } = render(<Harness services={services} />);
    const ta = getByLabelText('Script');
    fireEvent.keyDown(ta, { key: 'Enter', ctrlKey: true });
    fireEvent.keyDown(ta, { key: 'Enter', metaKey: true });
    expect(services.run.run).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(ta, { key: 'F10' });
    expect(services.run.step).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(ta, { key: 'F5', shiftKey: true });
    expect(services.run.stop).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(ta, { key: 'Enter' });
    expect(services.run.run).toHaveBeenCalledTimes(2);
  });

  it('F6 moves focus pane to pane, skipping disabled controls, and wraps around', () => {
    const { getByLabelText, getByText } = render(<Harness services={stubServices()} />);
    getByLabelText('Script').focus();
    focusPane(1);
    expect(document.activeElement).toBe(getByText('Step'));
    focusPane(1);
    expect(document.activeElement).toBe(getByText('Examples'));
    focusPane(-1);
    expect(document.activeElement).toBe(getByText('Step'));
  });
});
