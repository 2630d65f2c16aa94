import { StatesHarness } from '../internal/states.harness.js';
import type { LensSegments } from './segments.js';

/** One segment card, as shown. */
export interface ShownCard {
  readonly segment: number;
  readonly name: string;
  readonly customers: string;
  readonly value: string;
  readonly recency: string;
  readonly frequency: string;
  readonly monetary: string;
  readonly tierMix: string;
  readonly selected: boolean;
}

const clean = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives <lens-segments> in tests, without shadow-DOM selectors in the tests themselves. */
export class SegmentsHarness extends StatesHarness<LensSegments> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return clean(this.base);
  }

  /** Whether the cards are shown (the segments arrived). */
  get shown(): boolean {
    return this.root.querySelector('[part~="cards"]') !== null;
  }

  /** The widget's own loading state (the `segments` call), while the data is ready. */
  get segmentsLoading(): HTMLElement | null {
    return this.root.querySelector('[part~="base"] [part~="state-loading"]');
  }

  get listbox(): HTMLElement | null {
    return this.root.querySelector('[part~="cards"]');
  }

  get cardElements(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="card"]')];
  }

  card(index: number): HTMLElement {
    const el = this.cardElements[index];
    if (!el) throw new Error(`no card ${index}`);
    return el;
  }

  /** Every card, as shown. */
  get cards(): ShownCard[] {
    return this.cardElements.map((el) => {
      const field = (name: string) => clean(el.querySelector(`[data-field="${name}"]`));
      return {
        segment: Number(el.dataset.segment),
        name: field('name'),
        customers: field('customers'),
        value: field('value'),
        recency: field('recency'),
        frequency: field('frequency'),
        monetary: field('monetary'),
        tierMix: field('tier-mix'),
        selected: el.getAttribute('aria-selected') === 'true',
      };
    });
  }

  /** The widths of a card's tier-mix bar, by tier, in % of the bar. */
  tierMixWidths(index: number): Record<string, number> {
    const bar = this.card(index).querySelector<HTMLElement>('[part~="tier-mix"]')!;
    const total = bar.getBoundingClientRect().width;
    return Object.fromEntries(
      [...bar.querySelectorAll<HTMLElement>('[data-tier]')].map((el) => [
        el.dataset.tier,
        (el.getBoundingClientRect().width / total) * 100,
      ]),
    );
  }

  /** The rows of the medians table: header cell and data cells. */
  get tableRows(): string[][] {
    return [...this.root.querySelectorAll('[part~="table"] tbody tr')].map((tr) =>
      [...tr.children].map((cell) => clean(cell)),
    );
  }

  get summary(): string {
    return clean(this.root.querySelector('[part~="summary"]'));
  }

  get sample(): string {
    return clean(this.root.querySelector('[part~="sample"]'));
  }

  axisSelect(axis: 'x' | 'y'): HTMLSelectElement {
    return this.root.querySelector<HTMLSelectElement>(`[part~="axis-select"][data-axis="${axis}"]`)!;
  }

  /** Choose an axis measure as a person would. */
  chooseAxis(axis: 'x' | 'y', value: string): void {
    const select = this.axisSelect(axis);
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }

  get tableToggle(): HTMLButtonElement | null {
    return this.root.querySelector('[part~="table-toggle"]');
  }

  get chartContainer(): HTMLElement | null {
    return this.root.querySelector('[part~="chart"]');
  }
}
