// Page object of the playground: every spec talks to the page through this, by the test ids and the
// automation hook of UI-CONTRACT.md, so a markup change is fixed here once.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { AutomationWindow } from '../support/automation';
import { singleEntry, type ReportEntryView } from '../support/report';

export type RunState = 'idle' | 'running' | 'paused' | 'pass' | 'fail' | 'error' | 'invalid';
export const FINISHED = /^(pass|fail|error)$/;
/** Class names the editor's current-step decoration may carry (checked against src/editor). */
export const STEP_HIGHLIGHT = /^scs-step-current(-block|-bar)?$/;

export interface GotoOptions {
  example?: string;
  /** URL (or same-origin path) the page fetches the script from. */
  script?: string;
  target?: string;
  autorun?: boolean;
  /** A raw query+hash suffix, e.g. a share link's `#s=…`. */
  suffix?: string;
}

export class PlaygroundPage {
  readonly runStatus: Locator;
  readonly runButton: Locator;
  readonly stepButton: Locator;
  readonly pauseButton: Locator;
  readonly stopButton: Locator;
  readonly resetButton: Locator;
  readonly runBlockedReason: Locator;
  readonly stepList: Locator;
  readonly stepItems: Locator;
  readonly diff: Locator;
  readonly mismatches: Locator;
  readonly console: Locator;
  readonly consoleEntries: Locator;
  readonly editor: Locator;
  readonly targetSelect: Locator;
  readonly targetUrl: Locator;
  readonly galleryButton: Locator;
  readonly galleryItems: Locator;
  readonly openFileInput: Locator;
  readonly shareButton: Locator;
  readonly shareLink: Locator;

  constructor(
    readonly page: Page,
    readonly testInfo?: TestInfo,
  ) {
    const id = (s: string) => page.getByTestId(s);
    this.runStatus = id('run-status');
    this.runButton = id('run-button');
    this.stepButton = id('step-button');
    this.pauseButton = id('pause-button');
    this.stopButton = id('stop-button');
    this.resetButton = id('reset-button');
    this.runBlockedReason = id('run-blocked-reason');
    this.stepList = id('step-list');
    this.stepItems = id('step-list.item');
    this.diff = id('diff');
    this.mismatches = id('diff.mismatch');
    this.console = id('console');
    this.consoleEntries = id('console.entry');
    this.editor = id('editor');
    this.targetSelect = id('target-select');
    this.targetUrl = id('target-url');
    this.galleryButton = id('gallery');
    this.galleryItems = id('gallery.item');
    this.openFileInput = id('open-file');
    this.shareButton = id('share-button');
    this.shareLink = id('share-link');
  }

  static url(opts: GotoOptions = {}): string {
    const q = new URLSearchParams();
    if (opts.example) q.set('example', opts.example);
    if (opts.script) q.set('script', opts.script);
    if (opts.target) q.set('target', opts.target);
    if (opts.autorun) q.set('autorun', '1');
    const qs = q.toString();
    return `/${qs ? `?${qs}` : ''}${opts.suffix ?? ''}`;
  }

  /** Load the page and wait until the app has rendered its run status. */
  async goto(opts: GotoOptions = {}): Promise<void> {
    await this.page.goto(PlaygroundPage.url(opts));
    await this.ready();
  }

  async ready(): Promise<void> {
    await expect(this.runStatus).toBeVisible({ timeout: 20_000 });
    await this.page.waitForFunction(() => !!(window as unknown as { __scansion?: unknown }).__scansion);
  }

  /** Wait for Monaco (lazy) to replace the fallback textarea (`__scsEditor.monaco` turns true). */
  async editorReady(): Promise<void> {
    await this.page.waitForFunction(
      () => (window as unknown as { __scsEditor?: { monaco?: boolean } }).__scsEditor?.monaco === true,
      null,
      { timeout: 20_000 },
    );
    await expect(this.editor.locator('.monaco-editor').first()).toBeVisible();
  }

  async getScript(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as AutomationWindow).__scansion!.getScript());
  }

  /** Replace the script through the editor (as typing would), and wait until the store has it. */
  async setScriptInEditor(text: string): Promise<void> {
    await this.editorReady();
    await this.page.evaluate((t) => (window as unknown as AutomationWindow).__scsEditor!.setValue(t), text);
    await expect.poll(() => this.getScript()).toBe(text);
  }

  /** Replace the script through the automation hook (no editor needed). */
  async setScript(text: string): Promise<void> {
    await this.page.evaluate((t) => (window as unknown as AutomationWindow).__scansion!.setScript(t), text);
    await expect.poll(() => this.getScript()).toBe(text);
  }

  async status(): Promise<RunState> {
    return (await this.runStatus.getAttribute('data-status')) as RunState;
  }

  async expectStatus(status: RunState | RegExp, timeout?: number): Promise<void> {
    await expect(this.runStatus).toHaveAttribute('data-status', status, timeout ? { timeout } : undefined);
  }

  /** Wait for the run to finish (pass, fail or error) and return the verdict the page shows. */
  async waitFinished(timeout = 30_000): Promise<RunState> {
    await this.expectStatus(FINISHED, timeout);
    return this.status();
  }

  /** Click Run (once it is enabled) and wait for the verdict. */
  async runToEnd(timeout?: number): Promise<RunState> {
    await expect(this.runButton).toBeEnabled();
    await this.runButton.click();
    return this.waitFinished(timeout);
  }

  /** window.scansionResult's single entry, once the run has finished. */
  async resultEntry(): Promise<ReportEntryView> {
    const handle = await this.page.waitForFunction(
      () => (window as unknown as AutomationWindow).scansionResult,
      null,
      {
        timeout: 10_000,
      },
    );
    return singleEntry(await handle.jsonValue());
  }

  stepItem(index: number): Locator {
    return this.page.locator(`[data-testid="step-list.item"][data-step="${index}"]`);
  }

  /** data-status of every step item, in order. */
  async stepStatuses(): Promise<string[]> {
    return this.stepItems.evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
  }

  async openGallery(): Promise<void> {
    await this.galleryButton.click();
    await expect(this.galleryItems.first()).toBeVisible();
  }

  /**
   * Pick the first gallery item whose data-name matches, and wait until the editor holds that example
   * (compared with the file the page serves), so a following Run cannot start on the previous script.
   */
  async pickGalleryItem(match: RegExp): Promise<{ name: string; text: string }> {
    await this.openGallery();
    const names = await this.galleryItems.evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-name') ?? ''),
    );
    const name = names.find((n) => match.test(n));
    if (!name) throw new Error(`no gallery item matching ${match}; gallery has: ${names.join(', ')}`);
    const index = (await (await this.page.request.get('/examples/index.json')).json()) as {
      name: string;
      file: string;
    }[];
    const entry = index.find((e) => e.name === name);
    if (!entry) throw new Error(`gallery item ${name} is not in examples/index.json`);
    const text = (await (await this.page.request.get(`/examples/${entry.file}`)).text()).replace(
      /\r\n?/g,
      '\n',
    );
    await this.page.locator(`[data-testid="gallery.item"][data-name="${name}"]`).click();
    await expect.poll(() => this.getScript(), { message: `the page loaded example ${name}` }).toBe(text);
    return { name, text };
  }

  async openFile(file: string): Promise<void> {
    await this.openFileInput.setInputFiles(file);
  }

  async selectTarget(kind: 'mock' | 'ws', url?: string): Promise<void> {
    await this.targetSelect.selectOption(kind);
    if (kind === 'ws' && url !== undefined) {
      await this.targetUrl.fill(url);
      await this.targetUrl.press('Enter');
      await this.targetUrl.blur();
    }
  }

  /**
   * Decoration classes Monaco renders on each visible line (glyph margin, line and inline decorations,
   * marker squiggles), keyed by 1-based line number. Monaco's own cursor-line and token classes are left
   * out, so what remains is what the playground put there (step highlight, failure mark, markers).
   */
  async editorLineClasses(): Promise<Record<number, string[]>> {
    await this.editorReady();
    return this.editor.evaluate((root) => {
      const generic =
        /^(current-line|current-line-margin|current-line-both|line-numbers|active-line-number|lh-odd|lh-even|cdr|cgmr|cldr|view-line|mtk\d+|mtkb|mtki|mtku|mtks|codicon|monaco-editor|focused)$/;
      const byTop = new Map<string, number>();
      root.querySelectorAll<HTMLElement>('.margin-view-overlays > div').forEach((d) => {
        const n = d.querySelector('.line-numbers');
        if (n && n.textContent) byTop.set(d.style.top, Number(n.textContent.trim()));
      });
      const out: Record<number, string[]> = {};
      const collect = (d: HTMLElement) => {
        const line = byTop.get(d.style.top);
        if (line === undefined) return;
        const set = new Set(out[line] ?? []);
        [d, ...Array.from(d.querySelectorAll<HTMLElement>('*'))].forEach((e) =>
          (typeof e.className === 'string' ? e.className : '')
            .split(/\s+/)
            .filter((c) => c && !generic.test(c))
            .forEach((c) => set.add(c)),
        );
        out[line] = [...set];
      };
      root
        .querySelectorAll<HTMLElement>(
          '.margin-view-overlays > div, .view-overlays > div, .view-lines > .view-line',
        )
        .forEach(collect);
      return out;
    });
  }

  /** Lines whose decoration classes match `re`. */
  async editorLinesWith(re: RegExp): Promise<number[]> {
    const all = await this.editorLineClasses();
    return Object.entries(all)
      .filter(([, cls]) => cls.some((c) => re.test(c)))
      .map(([l]) => Number(l))
      .sort((a, b) => a - b);
  }

  /** Lines the editor highlights as the run's current step (step decorations, not failures). */
  async editorStepHighlight(): Promise<number[]> {
    return this.editorLinesWith(STEP_HIGHLIGHT);
  }

  /** The theme the page shows now. */
  async theme(): Promise<string | null> {
    return this.page.locator('html').getAttribute('data-theme');
  }

  /** Show the page in `theme` (through the theme toggle when it shows the other one). */
  async useTheme(theme: 'light' | 'dark'): Promise<void> {
    if ((await this.theme()) !== theme) await this.page.getByTestId('theme-toggle').click();
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme);
  }

  /** Attach a screenshot of the page in its current state to the test report. */
  async shot(name: string): Promise<void> {
    if (!this.testInfo) return;
    await this.testInfo.attach(name, { body: await this.page.screenshot(), contentType: 'image/png' });
  }
}
