// Page object for the workbench parts of the page: document tabs, version history, banners, evidence.
import { expect, type Locator, type Page } from '@playwright/test';
import { PlaygroundPage } from './PlaygroundPage';

export class Workbench {
  readonly tabs: Locator;
  readonly historyButton: Locator;
  readonly historyItems: Locator;
  readonly conflictBanner: Locator;
  readonly linkBanner: Locator;
  readonly stale: Locator;
  readonly notice: Locator;
  readonly themeToggle: Locator;

  constructor(readonly page: Page) {
    const id = (s: string) => page.getByTestId(s);
    this.tabs = id('doc-tab');
    this.historyButton = id('history-button');
    this.historyItems = id('history.item');
    this.conflictBanner = id('conflict-banner');
    this.linkBanner = id('link-target-banner');
    this.stale = id('results-stale');
    this.notice = page.locator('.sb-notice');
    this.themeToggle = id('theme-toggle');
  }

  tab(i: number): Locator {
    return this.tabs.nth(i);
  }

  /** Makes document tab `i` the current one (its main button; the other one closes it). */
  async open(i: number): Promise<void> {
    await this.tab(i).locator('button.doc-tab-main').click();
  }

  async names(): Promise<string[]> {
    return this.tabs.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
  }

  async setTheme(theme: 'light' | 'dark'): Promise<void> {
    await new PlaygroundPage(this.page).useTheme(theme);
  }

  /** 1-based lines whose gutter glyph has the class `cls` (e.g. scs-glyph-passed). */
  async glyphLines(cls: string): Promise<number[]> {
    return this.page.evaluate((c) => {
      const root = document.querySelector('[data-testid="editor"]');
      if (!root) return [];
      const byTop = new Map<string, number>();
      root.querySelectorAll<HTMLElement>('.margin-view-overlays > div').forEach((d) => {
        const n = d.querySelector('.line-numbers');
        if (n && n.textContent) byTop.set(d.style.top, Number(n.textContent.trim()));
      });
      return Array.from(root.querySelectorAll<HTMLElement>(`.${c}`))
        .map((e) => byTop.get(e.style.top) ?? byTop.get(e.parentElement?.style.top ?? '') ?? -1)
        .sort((a, b) => a - b);
    }, cls);
  }

  /** The last 1-based line the editor has rendered (gutter glyphs exist only for rendered lines). */
  async lastRenderedLine(): Promise<number> {
    return this.page.evaluate(() => {
      const nums = document.querySelectorAll('[data-testid="editor"] .margin-view-overlays .line-numbers');
      return Math.max(0, ...Array.from(nums, (n) => Number(n.textContent?.trim()) || 0));
    });
  }

  /** The locator is fully inside the viewport. */
  async expectInViewport(l: Locator): Promise<void> {
    await expect(l).toBeInViewport({ ratio: 1 });
  }
}
