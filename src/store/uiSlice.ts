// Editor bridge and view state: requests between the run panel and the editor, panel choice, notices.
import type { StateCreator } from 'zustand';
import type { AppState, EditorBridgeSlice, UiSlice } from './types';

export const createUiSlice: StateCreator<AppState, [], [], EditorBridgeSlice & UiSlice> = (set) => ({
  revealRequest: null,
  cursorLine: 1,
  requestReveal: (line) =>
    set((s) => ({ revealRequest: { line, nonce: (s.revealRequest?.nonce ?? 0) + 1 } })),
  setCursorLine: (line) => set((s) => (s.cursorLine === line ? s : { cursorLine: line })),
  tabMovesFocus: true,
  toggleTabMovesFocus: () => set((s) => ({ tabMovesFocus: !s.tabMovesFocus })),
  bottomPanel: 'details',
  setBottomPanel: (bottomPanel) => set({ bottomPanel }),
  notice: null,
  notify: (kind, text) => set((s) => ({ notice: { kind, text, nonce: (s.notice?.nonce ?? 0) + 1 } })),
  clearNotice: () => set({ notice: null }),
});
