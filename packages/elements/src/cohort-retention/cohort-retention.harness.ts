import { StatesHarness } from '../internal/states.harness.js';
import type { LensCohortRetention } from './cohort-retention.js';

/** One cell of the grid, as shown. */
export interface ShownCohortCell {
  readonly cohort: number;
  readonly since: number;
  /** The percentage shown ('' for a cell not observed yet). */
  readonly value: string;
  readonly selected: boolean;
  /** Its ramp step (1…5), or undefined when blank. */
  readonly ramp: number | undefined;
}

const clean = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives <lens-cohort-retention> in tests, without shadow-DOM selectors in the tests themselves. */
export class CohortRetentionHarness extends StatesHarness<LensCohortRetention> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return clean(this.base);
  }

  get table(): HTMLTableElement | null {
    return this.root.querySelector('[part~="table"]');
  }

  /** The column headers as read by a screen reader (without the corner). */
  get columnHeaders(): string[] {
    return [...this.root.querySelectorAll('[part~="column-header"] .visually-hidden')].map((el) => clean(el));
  }

  /** The cohort row headers (period in words and customers). */
  get rowHeaders(): string[] {
    return [...this.root.querySelectorAll('tbody [part~="row-header"]')].map((el) => clean(el));
  }

  /** The cells of the grid (not the average row). */
  get cellElements(): HTMLTableCellElement[] {
    return [...this.root.querySelectorAll<HTMLTableCellElement>('td[data-cohort]')];
  }

  /** The cell of a cohort (engine index) and periods since. */
  cell(cohort: number, since: number): HTMLTableCellElement {
    const td = this.cellElements.find(
      (el) => el.dataset.cohort === String(cohort) && el.dataset.since === String(since),
    );
    if (!td) throw new Error(`no cell ${cohort}, ${since}`);
    return td;
  }

  /** Every cell as shown. */
  get cells(): ShownCohortCell[] {
    return this.cellElements.map((td) => ({
      cohort: Number(td.dataset.cohort),
      since: Number(td.dataset.since),
      value: clean(td.querySelector('[part~="value"]')),
      selected: td.getAttribute('aria-selected') === 'true',
      ramp: td.dataset.ramp ? Number(td.dataset.ramp) : undefined,
    }));
  }

  /** The average row's values. */
  get overall(): string[] {
    return [...this.root.querySelectorAll('.overall-cell')].map((el) => clean(el));
  }

  /** The legend's swatches. */
  get legendSwatches(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="legend-swatch"]')];
  }

  get selectionText(): string {
    return clean(this.root.querySelector('[part~="selection"]'));
  }

  get notes(): string[] {
    return [...this.root.querySelectorAll('[part~="note"]')].map((el) => clean(el));
  }

  /** The cell that takes focus (tabindex 0). */
  get activeCell(): HTMLTableCellElement | null {
    return this.root.querySelector<HTMLTableCellElement>('td[data-cohort][tabindex="0"]');
  }

  /** The focused element inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }

  get periodSelect(): HTMLSelectElement | null {
    return this.root.querySelector('[part~="period-select"]');
  }

  /** Choose a period in the select, as a person would. */
  async choosePeriod(value: string): Promise<void> {
    const select = this.periodSelect;
    if (!select) throw new Error('no period select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.element.updateComplete;
  }

  /** Whether the matrix is shown (the engine's result arrived). */
  get shown(): boolean {
    return this.table !== null;
  }
}
