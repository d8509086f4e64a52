// The host's wall clock (ms), for the adapters that build a mock server (createMockServer in index.ts,
// hence the in-process transport and the worker). The core never reads a clock: its time is the
// injected `now` (tests give a fixed one).
export const hostClock = (): number => Date.now();
