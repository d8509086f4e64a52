// @vitest-environment jsdom
// The wrapper's own logic: the fallback textarea is bound to the store until Monaco arrives, and
// window.__scsEditor goes through the store before and through the editor after. Monaco itself is
// replaced by a stand-in (it needs a real browser; the Playwright suite covers it).
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, StoreProvider } from '../store';
import type { MonacoEditorProps } from './MonacoEditor';

let release: () => void = () => {};
const gate = new Promise<void>((r) => (release = r));
const fakeApi = { value: 'from monaco', cursor: [0, 0] as [number, number] };

vi.mock('./MonacoEditor', async () => {
  await gate;
  const { useEffect } = await import('react');
  return {
    default: function FakeMonaco(props: MonacoEditorProps) {
      useEffect(() => {
        props.onReady?.({
          getValue: () => fakeApi.value,
          setValue: (t: string) => {
            fakeApi.value = t;
          },
          setCursor: (l: number, c = 1) => {
            fakeApi.cursor = [l, c];
          },
          focus: () => {},
        });
        return () => props.onReady?.(null);
      }, [props]);
      return <div data-testid="fake-monaco" />;
    },
  };
});

afterEach(cleanup);

type Hook = {
  getValue(): string;
  setValue(t: string): void;
  setCursor(l: number, c?: number): void;
  monaco: boolean;
};
const hook = () => (window as unknown as { __scsEditor: Hook }).__scsEditor;

describe('ScsEditor (LazyEditor)', () => {
  it('edits through the fallback textarea, then hands over to Monaco', async () => {
    const { default: ScsEditor } = await import('./LazyEditor');
    const store = createAppStore();
    store.getState().setText('Romeo connects\n');
    render(
      <StoreProvider store={store}>
        <ScsEditor className="x" />
      </StoreProvider>,
    );
    const container = screen.getByTestId('editor');
    expect(container.getAttribute('data-editor')).toBe('fallback');
    const ta = screen.getByTestId('editor-fallback') as HTMLTextAreaElement;
    expect(ta.value).toBe('Romeo connects\n');

    // Typing in the fallback writes the store; the cursor line follows the caret.
    fireEvent.change(ta, { target: { value: 'Romeo connects\nRomeo disconnects\n' } });
    expect(store.getState().text).toBe('Romeo connects\nRomeo disconnects\n');
    ta.setSelectionRange(20, 20);
    fireEvent.select(ta);
    expect(store.getState().cursorLine).toBe(2);

    // The e2e hook works before Monaco: through the store.
    expect(hook().monaco).toBe(false);
    expect(hook().getValue()).toBe('Romeo connects\nRomeo disconnects\n');
    act(() => hook().setValue('A connects\n'));
    expect(store.getState().text).toBe('A connects\n');
    act(() => hook().setCursor(3));
    expect(store.getState().cursorLine).toBe(3);

    // Monaco arrives: the textarea goes, the hook talks to the editor.
    await act(async () => {
      release();
      await gate;
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(await screen.findByTestId('fake-monaco')).toBeTruthy();
    expect(screen.queryByTestId('editor-fallback')).toBeNull();
    expect(container.getAttribute('data-editor')).toBe('monaco');
    expect(hook().monaco).toBe(true);
    expect(hook().getValue()).toBe('from monaco');
    hook().setValue('new');
    expect(fakeApi.value).toBe('new');
    hook().setCursor(4, 2);
    expect(fakeApi.cursor).toEqual([4, 2]);
  });
});
