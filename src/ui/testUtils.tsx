// Test helpers: render a component with its own store and a stub of the services.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { AppServices } from '../services';
import { createAppStore, StoreProvider, type AppStore } from '../store';
import { ServicesContext } from './ServicesContext';

export function stubServices(): AppServices {
  return {
    run: {
      run: vi.fn(async () => null),
      step: vi.fn(async () => {}),
      pause: vi.fn(),
      resume: vi.fn(),
      stop: vi.fn(async () => {}),
      reset: vi.fn(async () => {}),
      runToCursor: vi.fn(async () => {}),
      runToLine: vi.fn(async () => {}),
      dispose: vi.fn(async () => {}),
    },
    loader: {
      loadText: vi.fn(),
      loadFile: vi.fn(async () => ({ ok: true as const })),
      loadUrl: vi.fn(async () => ({ ok: true as const })),
      loadShare: vi.fn(() => ({ ok: true as const })),
      loadExample: vi.fn(async () => ({ ok: true as const })),
      gallery: vi.fn(async () => []),
      initial: vi.fn(),
      preload: vi.fn(),
    },
    parsing: { flush: vi.fn(), dispose: vi.fn() },
    shareLink: vi.fn(() => 'http://h/#s=x'),
    download: vi.fn(),
    dispose: vi.fn(async () => {}),
  } as unknown as AppServices;
}

export function renderWith(ui: ReactElement, store: AppStore = createAppStore(), services = stubServices()) {
  const r = render(
    <StoreProvider store={store}>
      <ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>
    </StoreProvider>,
  );
  return { ...r, store, services };
}
