// Page object of the suite and comparison views (src/ui/suite/), by their data-testids.
import { expect, type Locator, type Page } from '@playwright/test';

export class SuitePage {
  readonly items: Locator;
  readonly folderInput: Locator;
  readonly filesInput: Locator;
  readonly runAll: Locator;
  readonly watch: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.items = page.getByTestId('suite-item');
    this.folderInput = page.getByTestId('suite-folder');
    this.filesInput = page.getByTestId('suite-files');
    this.runAll = page.getByTestId('suite-run-all');
    this.watch = page.getByTestId('suite-watch');
    this.rows = page.getByTestId('compare-row');
  }

  async show(view: 'workbench' | 'suite' | 'compare'): Promise<void> {
    await this.page.getByTestId(`view-${view}`).click();
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="suite-item"][data-id="${id}"]`);
  }

  /** Every visible script's id and status. */
  async statuses(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const e of await this.items.all())
      out[(await e.getAttribute('data-id')) ?? ''] = (await e.getAttribute('data-status')) ?? '';
    return out;
  }

  async waitAllFinished(timeout = 60_000): Promise<void> {
    await expect
      .poll(async () => Object.values(await this.statuses()).every((s) => /^(pass|fail|error)$/.test(s)), {
        timeout,
      })
      .toBe(true);
  }

  async filter(status: 'all' | 'failed' | 'passed' | 'not-run'): Promise<void> {
    await this.page.getByTestId(`suite-filter-${status}`).click();
  }

  row(id: string): Locator {
    return this.page.locator(`[data-testid="compare-row"][data-id="${id}"]`);
  }

  async setCompareTarget(side: 'a' | 'b', url: string | 'mock'): Promise<void> {
    await this.page.getByTestId(`compare-target-${side}`).selectOption(url === 'mock' ? 'mock' : 'ws');
    if (url !== 'mock') await this.page.getByTestId(`compare-url-${side}`).fill(url);
  }

  /** Row id → "same" | "differs", once every row is compared. */
  async compareVerdicts(timeout = 120_000): Promise<Record<string, string>> {
    await expect
      .poll(
        async () => {
          const cells = await this.page.getByTestId('compare-row.same').allInnerTexts();
          return cells.length > 0 && cells.every((c) => c.trim() !== '');
        },
        { timeout },
      )
      .toBe(true);
    const out: Record<string, string> = {};
    for (const r of await this.rows.all())
      out[(await r.getAttribute('data-id')) ?? ''] = (
        await r.getByTestId('compare-row.same').innerText()
      ).trim();
    return out;
  }
}
