import { StatesHarness } from '../internal/states.harness.js';
import type { LensChurnList } from './churn-list.js';

/** A rendered row of the list, as text. */
export interface RenderedRow {
  readonly element: HTMLElement;
  /** Position in the whole list (aria-rowindex − 2). */
  readonly index: number;
  readonly customerId: string;
  readonly cells: readonly string[];
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives `<lens-churn-list>` in tests, without shadow-DOM selectors in the tests themselves. */
export class ChurnListHarness extends StatesHarness<LensChurnList> {
  /** The scrolling grid (`role="grid"`). */
  get grid(): HTMLElement {
    const grid = this.root.querySelector<HTMLElement>('[part~="table"]');
    if (!grid) throw new Error('the churn list shows no table (not ready?)');
    return grid;
  }

  /** Column header texts. */
  get headers(): string[] {
    return [...this.root.querySelectorAll('[part~="header-cell"]')].map((cell) => text(cell));
  }

  /** The header cell of a sortable column (`value-at-risk`, `risk`, `clv`). */
  headerCell(sort: string): HTMLElement {
    const button = this.root.querySelector<HTMLElement>(`[part~="sort-button"][data-sort="${sort}"]`);
    if (!button) throw new Error(`no sortable column "${sort}"`);
    return button.closest<HTMLElement>('[role="columnheader"]')!;
  }

  /** Click a column header's sort button. */
  sortBy(sort: string): void {
    this.headerCell(sort).querySelector('button')!.click();
  }

  /** Every row element in the DOM (customers and placeholders). */
  get rowElements(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('.body [role="row"]')];
  }

  /** The loaded customer rows in the DOM, top to bottom. */
  get rows(): RenderedRow[] {
    return this.rowElements
      .filter((row) => row.dataset.customerId !== undefined)
      .map((row) => ({
        element: row,
        index: Number(row.getAttribute('aria-rowindex')) - 2,
        customerId: row.dataset.customerId!,
        cells: [...row.querySelectorAll('[role="gridcell"]')].map((cell) => text(cell)),
      }))
      .sort((a, b) => a.index - b.index);
  }

  /** The row with this position, if rendered. */
  row(index: number): RenderedRow | undefined {
    return this.rows.find((row) => row.index === index);
  }

  /** The text of the "no match" / loading message row. */
  get messageRow(): string {
    return text(this.root.querySelector('[part~="message"]'));
  }

  /** Whether the grid is waiting for rows. */
  get busy(): boolean {
    return this.grid.getAttribute('aria-busy') === 'true';
  }

  /** The id of the active row element (`row-<index>`), from aria-activedescendant. */
  get activeDescendant(): string | null {
    return this.grid.getAttribute('aria-activedescendant');
  }

  /** The count text ("1,234 customers"). */
  get count(): string {
    return text(this.root.querySelector('[part~="count"]'));
  }

  bandToggle(band: string): HTMLButtonElement {
    return this.root.querySelector<HTMLButtonElement>(`[part~="band-toggle"][data-band="${band}"]`)!;
  }

  get tierSelect(): HTMLSelectElement {
    return this.root.querySelector<HTMLSelectElement>('[part~="tier-filter"]')!;
  }

  /** Choose a tier (`all`, `platinum`, …) as a person would. */
  selectTier(value: string): void {
    const select = this.tierSelect;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }

  get searchInput(): HTMLInputElement {
    return this.root.querySelector<HTMLInputElement>('[part~="search"]')!;
  }

  /** Type into the search box (the list filters after `search-delay`). */
  typeSearch(value: string): void {
    const input = this.searchInput;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  get exportButton(): HTMLButtonElement {
    return this.root.querySelector<HTMLButtonElement>('[part~="export"]')!;
  }

  /**
   * Scroll the grid. The scroll event is dispatched too: browsers fire it while rendering a frame, which a
   * background test page never does.
   */
  scrollTo(top: number): void {
    const grid = this.grid;
    grid.scrollTop = top;
    grid.dispatchEvent(new Event('scroll'));
  }

  /** Wait until the rows in view are loaded. */
  async settled(timeout = 10_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      await this.element.updateComplete;
      const grid = this.root.querySelector<HTMLElement>('[part~="table"]');
      if (grid && grid.getAttribute('aria-busy') === 'false') return;
      if (Date.now() - started > timeout) throw new Error('the churn list did not finish loading rows');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
