// Page object of the live console, the room inspector and the presentation view (by their test ids).
import { expect, type Locator, type Page } from '@playwright/test';

export class LivePanel {
  readonly root: Locator;
  readonly entries: Locator;
  readonly input: Locator;
  readonly sendAs: Locator;
  readonly sendButton: Locator;
  readonly error: Locator;
  readonly inspector: Locator;

  constructor(readonly page: Page) {
    const id = (s: string) => page.getByTestId(s);
    this.root = id('live');
    this.entries = id('live.entry');
    this.input = id('live.input');
    this.sendAs = id('live.sendAs');
    this.sendButton = id('live.send');
    this.error = id('live.error');
    this.inspector = id('inspector');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('tab.live').click();
    await expect(this.root).toBeVisible();
  }

  async openInspector(): Promise<void> {
    await this.page.getByTestId('tab.inspector').click();
    await expect(this.inspector).toBeVisible();
  }

  /** Connect a client the script declares (by name). */
  async connect(name: string): Promise<void> {
    await this.page.getByTestId('live.connect.client').selectOption(name);
    await this.page.getByTestId('live.connect.go').click();
    await expect(this.client(name)).toHaveAttribute('data-state', 'online');
  }

  client(name: string): Locator {
    return this.page.locator(`[data-testid="live.client"][data-client="${name}"]`);
  }

  async disconnect(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Disconnect ${name}` }).click();
    await expect(this.client(name)).toHaveAttribute('data-state', 'closed');
  }

  /** Send as a live client (`run` true: as the paused run's client) and wait for `until` to arrive. */
  async send(
    client: string,
    xml: string,
    until?: { client: string; text: string },
    run = false,
  ): Promise<void> {
    await this.sendAs.selectOption(`${run ? 'run' : 'live'}:${client}`);
    await this.input.fill(xml);
    await this.sendButton.click();
    await expect(this.input).toHaveValue('');
    if (until) await expect(this.received(until.client, until.text)).not.toHaveCount(0);
  }

  received(client: string, text: string): Locator {
    return this.page.locator(`[data-testid="live.entry"][data-kind="in"][data-client="${client}"]`, {
      hasText: text,
    });
  }

  async quiet(client: string): Promise<void> {
    await this.sendAs.selectOption(`live:${client}`);
    await this.page.getByTestId('live.quiet').click();
  }

  async record(): Promise<void> {
    await this.page.getByTestId('live.record').click();
  }
}
