import { StatesHarness } from '../internal/states.harness.js';
import type { KpiName, LensKpis } from './kpis.js';

/** One figure of the strip, as shown. */
export interface ShownFigure {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
}

const clean = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives <lens-kpis> in tests, without shadow-DOM selectors in the tests themselves. */
export class KpisHarness extends StatesHarness<LensKpis> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return clean(this.base);
  }

  /** Whether the figures are shown (the indicators arrived). */
  get shown(): boolean {
    return this.root.querySelector('[part~="figures"]') !== null;
  }

  /** The figure elements. */
  get figureElements(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="figure"]')];
  }

  /** One figure by name, as shown. */
  figure(name: KpiName): ShownFigure {
    const el = this.root.querySelector(`[data-kpi="${name}"]`);
    if (!el) throw new Error(`no figure ${name}`);
    return {
      label: clean(el.querySelector('[part~="label"]')),
      value: clean(el.querySelector('[part~="value"]')),
      detail: clean(el.querySelector('[part~="detail"]')),
    };
  }

  /** The trend's items as read by a screen reader. */
  get trendItems(): string[] {
    return [...this.root.querySelectorAll('[part~="trend-bar"] .visually-hidden')].map((el) => clean(el));
  }

  /** The trend's bars. */
  get trendBars(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[part~="trend-bar"] .bar-fill')];
  }

  get note(): string {
    return clean(this.root.querySelector('[part~="note"]'));
  }

  get periodSelect(): HTMLSelectElement | null {
    return this.root.querySelector('[part~="period-select"]');
  }

  /** The period select's option labels. */
  get periodOptions(): string[] {
    return [...(this.periodSelect?.options ?? [])].map((option) => option.textContent?.trim() ?? '');
  }

  /** Choose a period in the select, as a person would. */
  async choosePeriod(value: string): Promise<void> {
    const select = this.periodSelect;
    if (!select) throw new Error('no period select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.element.updateComplete;
  }

  /** The focused element inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }
}
