// A Web Storage in memory for the services' tests: optionally pre-filled, optionally with a quota (in
// characters per value) past which `setItem` throws the browser's QuotaExceededError.
export function memoryStorage(opts: { init?: Record<string, string>; quotaChars?: number } = {}): Storage {
  const m = new Map(Object.entries(opts.init ?? {}));
  const quota = opts.quotaChars ?? Infinity;
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      if (String(v).length > quota) throw new DOMException('quota', 'QuotaExceededError');
      m.set(k, String(v));
    },
  };
}
