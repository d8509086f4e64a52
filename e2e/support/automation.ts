// The page's automation hook (UI-CONTRACT.md "Automation"), typed for use inside page.evaluate().
// A local view rather than a global `interface Window` augmentation, so it never clashes with the app's.
// Use it as a type only, `(window as unknown as AutomationWindow)`, inside page.evaluate callbacks: they
// run in the page, where no helper of ours exists.
export interface AutomationWindow {
  scansionResult?: unknown;
  __scansion?: {
    getScript(): string;
    setScript(text: string): void;
    run(): Promise<unknown>;
  };
  /** Set by an init script: the target of a headless suite run (src/services/suiteAutomation.ts). */
  __scsAutomation?: { target?: string; mock?: 'page' | 'worker' };
  __scansionSuite?: {
    runScript(
      text: string,
      name: string,
    ): Promise<{ status: string; report: unknown; trace: unknown; blocked: string | null }>;
  };
  __scsEditor?: {
    getValue(): string;
    setValue(text: string): void;
    setCursor(line: number, col: number): void;
  };
  /** Set by the XSS spec's payloads if they ever execute. */
  __scsPwned?: unknown;
}
