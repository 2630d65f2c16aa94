import { StatesHarness } from '../internal/states.harness.js';
import type { LensDrilldown } from './drilldown.js';

/** One bar, as shown. */
export interface ShownBar {
  /** The engine's label of the period (`data-label`). */
  readonly label: string;
  /** The period in words. */
  readonly name: string;
  /** The figure. */
  readonly value: string;
  /** The bar's width in percent of the longest, as set (e.g. 42.13). */
  readonly width: number;
}

/** One breakdown row, as shown. */
export interface ShownRow {
  readonly value: string;
  readonly name: string;
  readonly figure: string;
  readonly share: string | undefined;
}

const clean = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives <lens-drilldown> in tests, without shadow-DOM selectors in the tests themselves. */
export class DrilldownHarness extends StatesHarness<LensDrilldown> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return clean(this.base);
  }

  /** The bar list (a listbox), once its result arrived. */
  get listbox(): HTMLElement | null {
    return this.root.querySelector('[part~="bars"]');
  }

  /** The bars' elements (options). */
  get barElements(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="bars"] [role="option"]')];
  }

  /** The bars as shown. */
  get bars(): ShownBar[] {
    return this.barElements.map((el) => ({
      label: el.dataset.label ?? '',
      name: clean(el.querySelector('[part~="bar-label"]')),
      value: clean(el.querySelector('[part~="bar-value"]')),
      width: Number.parseFloat(el.querySelector<HTMLElement>('[part~="bar-fill"]')?.style.width ?? ''),
    }));
  }

  /** The bar with this engine label. */
  bar(label: string): HTMLElement {
    const el = this.barElements.find((b) => b.dataset.label === label);
    if (!el) throw new Error(`no bar ${label}`);
    return el;
  }

  /** Whether both the bars and the breakdown are shown. */
  get shown(): boolean {
    return this.listbox !== null && this.breakdownTable !== null;
  }

  /** The breakdown table. */
  get breakdownTable(): HTMLTableElement | null {
    return this.root.querySelector('[part~="breakdown"]');
  }

  /** The breakdown's caption. */
  get caption(): string {
    return clean(this.breakdownTable?.caption);
  }

  /** The breakdown's column headers. */
  get columns(): string[] {
    return [...(this.breakdownTable?.tHead?.rows[0]?.cells ?? [])].map((c) => clean(c));
  }

  /** The breakdown's rows as shown. */
  get rows(): ShownRow[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="breakdown"] tbody tr')].map((tr) => {
      const share = tr.querySelector('.share');
      return {
        value: tr.dataset.value ?? '',
        name: clean(tr.querySelector('[part~="row-button"]')),
        figure: clean(tr.querySelector('.row-value')),
        share: share ? clean(share) : undefined,
      };
    });
  }

  /** The button of a breakdown row, by the engine's label. */
  rowButton(value: string): HTMLButtonElement {
    const el = this.root.querySelector<HTMLButtonElement>(
      `[part~="row-button"][data-value="${CSS.escape(value)}"]`,
    );
    if (!el) throw new Error(`no row ${value}`);
    return el;
  }

  /** The breadcrumbs' texts (the last is the current one). */
  get crumbs(): string[] {
    return [...this.root.querySelectorAll('[part~="crumb"]')].map((el) => clean(el));
  }

  /** The breadcrumb buttons (every step but the current one). */
  get crumbButtons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('button[part~="crumb"]')];
  }

  get total(): string {
    return clean(this.root.querySelector('[part~="total"]'));
  }

  get note(): string {
    return clean(this.root.querySelector('[part~="note"]'));
  }

  get selection(): string {
    return clean(this.root.querySelector('[part~="selection"]'));
  }

  get measureSelect(): HTMLSelectElement | null {
    return this.root.querySelector('[part~="measure-select"]');
  }

  get dimensionSelect(): HTMLSelectElement | null {
    return this.root.querySelector('[part~="dimension-select"]');
  }

  /** The figures table's header and body texts. */
  get figuresTable(): string[][] {
    const table = this.root.querySelector<HTMLTableElement>('[part~="figures-table"]');
    return [...(table?.rows ?? [])].map((tr) => [...tr.cells].map((c) => clean(c)));
  }

  /** Choose a value in a select, as a person would. */
  async choose(select: HTMLSelectElement | null, value: string): Promise<void> {
    if (!select) throw new Error('no select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.element.updateComplete;
  }

  /** The focused element inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }
}
