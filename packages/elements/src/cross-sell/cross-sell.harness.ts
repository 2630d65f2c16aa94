import { StatesHarness } from '../internal/states.harness.js';
import type { LensCrossSell } from './cross-sell.js';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A rendered rule row, as text. */
export interface RenderedRule {
  readonly element: HTMLTableRowElement;
  /** The rule's index in the engine's result. */
  readonly index: number;
  readonly cells: readonly string[];
  readonly selected: boolean;
}

/** Reads and drives <lens-cross-sell> in tests, without shadow-DOM selectors in the tests themselves. */
export class CrossSellHarness extends StatesHarness<LensCrossSell> {
  /** The wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The rules grid, once the rules are there. */
  get grid(): HTMLTableElement | null {
    return this.root.querySelector('table[part~="table"]');
  }

  /** Column header texts. */
  get headers(): string[] {
    return [...this.root.querySelectorAll('[part~="header-cell"]')].map((th) => text(th));
  }

  /** The header cell of a sortable column (`support`, `confidence`, `lift`). */
  headerCell(sort: string): HTMLElement {
    const button = this.root.querySelector<HTMLElement>(`[part~="sort-button"][data-sort="${sort}"]`);
    if (!button) throw new Error(`no sortable column "${sort}"`);
    return button.closest('th')!;
  }

  sortBy(sort: string): void {
    this.headerCell(sort).querySelector('button')!.click();
  }

  /** The rule rows, top to bottom. */
  get rows(): RenderedRule[] {
    return [...this.root.querySelectorAll<HTMLTableRowElement>('tbody tr')].map((tr) => ({
      element: tr,
      index: Number(tr.dataset.index),
      cells: [...tr.querySelectorAll('td')].map((td) => text(td)),
      selected: tr.getAttribute('aria-selected') === 'true',
    }));
  }

  /** The id of the active row element, from aria-activedescendant. */
  get activeDescendant(): string | null {
    return this.grid?.getAttribute('aria-activedescendant') ?? null;
  }

  get caption(): string {
    return text(this.root.querySelector('[part~="caption"]'));
  }

  /** The "no rules" / "no baskets" message. */
  get rulesMessage(): string {
    return text(this.root.querySelector('[part~="message"]'));
  }

  /** The rules' loading progress bar (while rules are mined). */
  get rulesProgress(): HTMLElement | null {
    return this.root.querySelector('[part~="rules"] [role="progressbar"]');
  }

  /** The suggestions panel's heading. */
  get panelTitle(): string {
    return text(this.root.querySelector('[part~="suggestions-panel"] h2'));
  }

  /** The suggestions panel's body text. */
  get panelText(): string {
    return text(this.root.querySelector('[part~="suggestions-panel"] .panel-body'));
  }

  get suggestionButtons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]')];
  }

  get suggestedItems(): string[] {
    return this.suggestionButtons.map((b) => b.dataset.item ?? '');
  }

  get clearButton(): HTMLButtonElement | null {
    return this.root.querySelector('[part~="clear"]');
  }

  /** Wait until the rules are shown (or a message instead). */
  async settled(timeout = 15_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      await this.element.updateComplete;
      if (this.grid || this.rulesMessage || this.state === 'error') return;
      if (Date.now() - started > timeout) throw new Error('the cross-sell rules did not load');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Wait until the suggestions of the current customer are shown (or not found). */
  async suggestionsSettled(timeout = 15_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      await this.element.updateComplete;
      if (!/^Finding suggestions|^正在为/.test(this.panelText)) return;
      if (Date.now() - started > timeout) throw new Error('the suggestions did not load');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
