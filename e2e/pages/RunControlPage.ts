// Run controls beyond Run/Step/Pause/Stop: "To cursor" at a given line of the editor.
import type { Page } from '@playwright/test';
import type { AutomationWindow } from '../support/automation';

export class RunControlPage {
  constructor(readonly page: Page) {}

  get toCursorButton() {
    return this.page.getByTestId('run-to-cursor-button');
  }

  /** Put the editor's cursor on `line` and press "To cursor". */
  async runToLine(line: number): Promise<void> {
    await this.page.evaluate(
      (l) => (window as unknown as AutomationWindow).__scsEditor?.setCursor(l, 1),
      line,
    );
    await this.toCursorButton.click();
  }
}
