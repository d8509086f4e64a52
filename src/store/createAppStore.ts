// The page's one store: a factory, so tests and the app each get their own.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createDocumentsSlice } from './documentsSlice';
import { createRunSlice } from './runSlice';
import { createScriptSlice } from './scriptSlice';
import { createSettingsSlice } from './settingsSlice';
import { createSuiteSlice } from './suiteSlice';
import { createUiSlice } from './uiSlice';
import { createLiveSlice } from './liveSlice';
import type { AppState } from './types';

export type AppStore = StoreApi<AppState>;

export function createAppStore(initial?: Partial<AppState>): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createScriptSlice(...a),
    ...createRunSlice(...a),
    ...createSettingsSlice(...a),
    ...createUiSlice(...a),
    ...createDocumentsSlice(...a),
    ...createSuiteSlice(...a),
    ...createLiveSlice(...a),
    ...initial,
  }));
}
