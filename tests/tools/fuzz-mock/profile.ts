// Where a fuzz run's wall time goes: each phase of a flow (opening the clients on each side, the steps on
// each side, the mock's snapshot for the coverage table, closing) timed and counted. Phases of concurrent
// flows overlap, so the phases add up to more than the wall time when flows run side by side.
export class Profile {
  private readonly ms = new Map<string, number>();
  private readonly n = new Map<string, number>();

  async time<T>(phase: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  }

  add(phase: string, ms: number, count = 1): void {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
    this.n.set(phase, (this.n.get(phase) ?? 0) + count);
  }

  /** Count an event that takes no time of its own (a stall, a flow). */
  count(what: string): void {
    this.add(what, 0);
  }

  total(phase: string): { ms: number; n: number } {
    return { ms: this.ms.get(phase) ?? 0, n: this.n.get(phase) ?? 0 };
  }

  /** One line per phase: total seconds, count, mean milliseconds. */
  report(): string {
    const rows = [...this.ms.keys()].sort();
    return rows
      .map((k) => {
        const { ms, n } = this.total(k);
        const mean = n === 0 ? 0 : ms / n;
        return `  ${k.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(8)} s ${String(n).padStart(8)} x ${mean.toFixed(1).padStart(8)} ms`;
      })
      .join('\n');
  }
}
