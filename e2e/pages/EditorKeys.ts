// Page object for typing in the Monaco editor and reading its suggestion list and the focus.
import { expect, type Locator, type Page } from '@playwright/test';
import type { PlaygroundPage } from './PlaygroundPage';

export class EditorKeys {
  readonly suggestWidget: Locator;
  readonly tabMode: Locator;
  constructor(
    readonly page: Page,
    readonly pg: PlaygroundPage,
  ) {
    this.suggestWidget = page.locator('.monaco-editor .suggest-widget.visible');
    this.tabMode = page.getByTestId('tab-mode');
  }

  /** Put `text` in the editor and the cursor at the end of its last line. */
  async startWith(text: string): Promise<void> {
    await this.pg.setScriptInEditor(text);
    await this.pg.editor.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+End');
  }

  /** Type like a person (one key at a time, so Monaco's triggers and auto-closing run). */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 15 });
  }

  /** Labels in the open suggestion list (waits for it). */
  async suggestions(): Promise<string[]> {
    await expect(this.suggestWidget).toBeVisible();
    const rows = this.suggestWidget.locator('.monaco-list-row');
    await expect(rows.first()).toBeVisible();
    return rows.evaluateAll((els) =>
      els.map(
        (e) => e.querySelector('.label-name')?.textContent?.trim() ?? e.getAttribute('aria-label') ?? '',
      ),
    );
  }

  /** The data-testid (or tag and aria-label) of the element that has the focus. */
  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a) return '';
      const tid = a.closest('[data-testid]')?.getAttribute('data-testid');
      return tid ?? `${a.tagName.toLowerCase()}:${a.getAttribute('aria-label') ?? ''}`;
    });
  }
}
