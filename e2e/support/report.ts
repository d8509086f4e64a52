// Reading `scs run --reporter json` reports (buildJsonReport in src/runner/report.ts), which the page also
// exposes as window.scansionResult: { summary, scripts: [{ file, status, durationMs, failure }] }.
// Tolerant of a nested result.verdict too, so a reshaped entry fails a spec with a clear message.
export type Verdict = 'pass' | 'fail' | 'error';

export interface ReportEntryView {
  file: string;
  verdict: Verdict | undefined;
  message: string | undefined;
  raw: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null;

export function reportEntries(report: unknown): ReportEntryView[] {
  if (!isObj(report) || !Array.isArray(report.scripts)) return [];
  return report.scripts.filter(isObj).map((e) => {
    const result = isObj(e.result) ? e.result : e;
    const failure = isObj(result.failure) ? result.failure : isObj(e.failure) ? e.failure : undefined;
    const verdict = (e.status ?? result.verdict ?? e.verdict) as Verdict | undefined;
    const message =
      (failure && typeof failure.message === 'string' ? failure.message : undefined) ??
      (typeof e.error === 'string' ? e.error : isObj(e.error) ? String(e.error.message) : undefined);
    return { file: String(e.file ?? e.name ?? ''), verdict, message, raw: e };
  });
}

/** The single entry of a page report (window.scansionResult holds exactly one script). */
export function singleEntry(report: unknown): ReportEntryView {
  const entries = reportEntries(report);
  if (entries.length !== 1) {
    throw new Error(`expected a report with exactly one entry in scripts, got: ${JSON.stringify(report)}`);
  }
  return entries[0];
}

/** A short human summary for test attachments and failure messages. */
export function describeEntry(e: ReportEntryView): string {
  return `${e.file}: ${e.verdict ?? 'no verdict'}${e.message ? ` — ${e.message}` : ''}`;
}
