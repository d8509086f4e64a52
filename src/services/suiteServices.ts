// The suite, trace and comparison services, composed once for startServices.
import type { AppStore } from '../store';
import { createCompareService, type CompareService } from './compareService';
import type { SuiteRunOptions } from './suiteRunner';
import { createSuiteService, type SuiteService } from './suiteService';
import { createTraceService, type TraceService } from './traceService';
import { runTransportFactory, type TransportFactory } from './transports';

export interface SuiteServices {
  trace: TraceService;
  suite: SuiteService;
  compare: CompareService;
}

export interface SuiteServicesDeps {
  createRunner?: SuiteRunOptions['createRunner'];
  makeTransport?: TransportFactory;
  stopRun: () => Promise<void>;
  flushParse: () => void;
  baseUrl?: string;
  win?: Window;
}

export function createSuiteServices(
  store: AppStore,
  deps: SuiteServicesDeps,
): SuiteServices & { dispose(): void } {
  const makeTransport = deps.makeTransport ?? runTransportFactory;
  const common = { store, makeTransport, stopRun: deps.stopRun, flushParse: deps.flushParse };
  const trace = createTraceService({
    store,
    createRunner: deps.createRunner,
    stopRun: deps.stopRun,
    flushParse: deps.flushParse,
  });
  const suite = createSuiteService({
    ...common,
    createRunner: deps.createRunner,
    baseUrl: deps.baseUrl,
    win: deps.win as SuiteServicesDeps['win'] & { showDirectoryPicker?: () => Promise<unknown> },
  });
  const compare = createCompareService({ ...common, createRunner: deps.createRunner });
  return {
    trace,
    suite,
    compare,
    dispose() {
      suite.dispose();
      compare.stop();
    },
  };
}
