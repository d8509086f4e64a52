// @vitest-environment jsdom
// The step list of a long script is windowed: a few rows in the DOM, list semantics with each row's
// place, keys move by step (also to rows not rendered yet), and the selected row stays rendered.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { createAppStore } from '../store';
import { StepList } from './StepList';
import { WINDOWED_MIN_STEPS } from './stepRows';
import { renderWith } from './testUtils';

afterEach(cleanup);

function scriptOf(steps: number): string {
  const lines = ['[Client] Romeo', '\tjid: r@localhost', '\tpassword: p', '-----', 'Romeo connects', ''];
  for (let i = 1; i < steps; i++) {
    if (i % 10 === 1) lines.push(`# Part ${Math.ceil(i / 10)}`);
    lines.push('Romeo sends:', `\t<message to="a@localhost" id="m${i}"/>`, '');
  }
  return lines.join('\n');
}

function storeWith(steps: number) {
  const store = createAppStore();
  store.getState().setText(scriptOf(steps));
  const { script } = parse(scriptOf(steps));
  store.getState().beginRun({ runId: 'r', script, target: 'mock' });
  return store;
}

const items = () => screen.queryAllByTestId('step-list.item');

describe('step list', () => {
  it('renders every step of a short script', () => {
    renderWith(<StepList />, storeWith(20));
    expect(items()).toHaveLength(20);
    expect(screen.getByTestId('step-list').classList.contains('windowed')).toBe(false);
  });

  it('renders a window of a long script, each row with its place in the list', () => {
    const n = WINDOWED_MIN_STEPS + 150;
    renderWith(<StepList />, storeWith(n));
    const shown = items();
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(80);
    const li = shown[3].closest('li')!;
    // 300 steps and a heading every ten of them after the first.
    const rows = n + Math.ceil((n - 1) / 10);
    expect(li.getAttribute('aria-setsize')).toBe(String(rows));
    expect(li.getAttribute('aria-posinset')).toBe('5');
    expect(screen.getAllByTestId('step-list.section')[0].textContent).toBe('Part 1');
  });

  it('moves by keys to steps not rendered yet and keeps the selected one rendered', () => {
    const n = WINDOWED_MIN_STEPS + 150;
    const store = storeWith(n);
    renderWith(<StepList />, store);
    const first = items()[0];
    first.focus();
    fireEvent.keyDown(first, { key: 'End' });
    expect(store.getState().selectedStep).toBe(n - 1);
    const last = screen
      .getAllByTestId('step-list.item')
      .find((e) => e.getAttribute('data-step') === String(n - 1))!;
    expect(last).toBeTruthy();
    expect(document.activeElement).toBe(last);
    expect(last.getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(last, { key: 'ArrowUp' });
    expect(store.getState().selectedStep).toBe(n - 2);
    expect(document.activeElement?.getAttribute('data-step')).toBe(String(n - 2));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(store.getState().selectedStep).toBe(0);
    expect(document.activeElement?.getAttribute('data-step')).toBe('0');
  });

  it('keeps the running step rendered while the run moves through a long script', () => {
    const n = WINDOWED_MIN_STEPS + 150;
    const store = storeWith(n);
    renderWith(<StepList />, store);
    act(() => {
      store.getState().applyEvent({ type: 'step-started', runId: 'r', at: 1, step: n - 5 });
    });
    const running = items().find((e) => e.getAttribute('data-step') === String(n - 5));
    expect(running?.getAttribute('data-status')).toBe('running');
    expect(running?.getAttribute('aria-current')).toBe('step');
  });
});
