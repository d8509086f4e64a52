// Components act through services (run controller, loader), provided once by the composition root.
import { createContext, useContext } from 'react';
import type { AppServices } from '../services';

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices() outside <ServicesContext.Provider>');
  return s;
}
