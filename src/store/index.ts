// The store's public door: the factory, types, selectors, and the hooks components use.
import { createContext, createElement, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createAppStore, type AppStore } from './createAppStore';
import type { AppState } from './types';

export { createAppStore, type AppStore } from './createAppStore';
export { EMPTY_PARSE, DEFAULT_FILE_NAME } from './scriptSlice';
export { DEFAULT_WS_URL } from './settingsSlice';
export { reduceRunEvent, reduceRunEvents, MAX_STANZAS } from './runReducer';
export * from './selectors';
export { currentDocs, isModified, newDocId, emptyDoc } from './documentsSlice';
export type * from './documentTypes';
export * from './suiteSelectors';
export type * from './suiteSlice';
export { DEFAULT_DROP, MAX_LIVE_LOG } from './liveSlice';
export type * from './liveSlice';
export type * from './types';

/** The app's store (main.tsx uses it; tests create their own and pass it to StoreProvider). */
export const appStore: AppStore = createAppStore();

const StoreContext = createContext<AppStore>(appStore);

export function StoreProvider(props: { store: AppStore; children?: ReactNode }) {
  return createElement(StoreContext.Provider, { value: props.store }, props.children);
}

/** Read the store through a selector (re-renders when the selected value changes). */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useContext(StoreContext), selector);
}

/** The store itself, for event handlers that need getState() without subscribing. */
export function useAppStoreApi(): AppStore {
  return useContext(StoreContext);
}
