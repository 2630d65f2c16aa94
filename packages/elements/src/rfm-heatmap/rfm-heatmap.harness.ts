import { waitUntil } from '@open-wc/testing';
import type { VegaChart } from '../internal/chart/vega-chart.js';
import { StatesHarness } from '../internal/states.harness.js';
import type { LensRfmHeatmap } from './rfm-heatmap.js';

/** One cell of the accessible table, as shown. */
export interface TableCell {
  readonly r: number;
  readonly f: number;
  /** The measure's value as text. */
  readonly value: string;
  /** The customer count as text ("12 customers"). */
  readonly count: string;
  /** The segment names as text. */
  readonly segments: string;
  readonly selected: boolean;
  /** The ramp step of its swatch (1…5), or undefined for no value. */
  readonly ramp: number | undefined;
}

/** One drawn cell of the chart, read from vega's scenegraph (works for any renderer). */
export interface ChartCell {
  readonly r: number;
  readonly f: number;
  readonly fill: string;
  readonly valueText: string;
  readonly tooltip: string;
}

interface SceneNode {
  name?: string;
  items?: SceneItem[];
}
interface SceneItem {
  datum?: Record<string, unknown>;
  fill?: string;
  items?: SceneNode[];
}

/** Reads and drives <lens-rfm-heatmap> in tests, without shadow-DOM selectors in the tests themselves. */
export class RfmHeatmapHarness extends StatesHarness<LensRfmHeatmap> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return this.base?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  get measureSelect(): HTMLSelectElement | null {
    return this.root.querySelector('[part~="measure"]');
  }

  /** The measure select's option labels. */
  get measureOptions(): string[] {
    return [...(this.measureSelect?.options ?? [])].map((option) => option.textContent?.trim() ?? '');
  }

  get segmentsToggle(): HTMLInputElement | null {
    return this.root.querySelector('[part~="segments-toggle"]');
  }

  get tableToggle(): HTMLButtonElement | null {
    return this.root.querySelector('[part~="table-toggle"]');
  }

  /** Choose a measure in the toolbar, as a person would. */
  async chooseMeasure(value: string): Promise<void> {
    const select = this.measureSelect;
    if (!select) throw new Error('no measure select');
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await this.element.updateComplete;
  }

  /** The chart's container. */
  get chart(): HTMLElement | null {
    return this.root.querySelector('[part~="chart"]');
  }

  /** The chart's SVG, once drawn. */
  get svg(): SVGSVGElement | null {
    return this.root.querySelector('[part~="chart"] svg');
  }

  get tooltip(): HTMLElement | null {
    return this.root.querySelector('[part~="tooltip"]');
  }

  /** The chart controller (private in the element). */
  private get vega(): VegaChart {
    return (this.element as unknown as { chart: VegaChart }).chart;
  }

  /** Waits until the element and its chart have rendered everything pending. */
  async settle(): Promise<void> {
    await this.element.updateComplete;
    await this.vega.updateComplete;
    await this.element.updateComplete;
  }

  /** Waits until the chart shows `count` cells. */
  async chartDrawn(count?: number): Promise<void> {
    await waitUntil(
      () =>
        this.svg !== null &&
        (count === undefined ? this.chartCells().length > 0 : this.chartCells().length === count),
      'the chart draws its cells',
      { timeout: 10_000, interval: 20 },
    );
    await this.settle();
  }

  /** The items of a vega mark by name. */
  private markItems(name: string): SceneItem[] {
    const found: SceneItem[] = [];
    const visit = (node: SceneNode) => {
      if (node.name === name) found.push(...(node.items ?? []));
      for (const item of node.items ?? []) for (const child of item.items ?? []) visit(child);
    };
    const root = (this.vega.view?.scenegraph() as unknown as { root?: SceneNode } | undefined)?.root;
    if (root) visit(root);
    return found;
  }

  /** The drawn cells: score pair, fill, text and tooltip. */
  chartCells(): ChartCell[] {
    return this.markItems('layer_0_marks').map((item) => ({
      r: item.datum?.r as number,
      f: item.datum?.f as number,
      fill: String(item.fill ?? ''),
      valueText: String(item.datum?.valueText ?? ''),
      tooltip: String(item.datum?.tooltip ?? ''),
    }));
  }

  /** The segment outlines drawn (name and score bounds); the selected cell's outline has an empty name. */
  chartSegments(): { name: string; rMin: number; rMax: number; fMin: number; fMax: number }[] {
    return this.markItems('layer_2_layer_0_marks').map((item) => {
      const d = item.datum ?? {};
      return {
        name: String(d.name ?? ''),
        rMin: d.rMin as number,
        rMax: d.rMax as number,
        fMin: d.fMin as number,
        fMax: d.fMax as number,
      };
    });
  }

  /** The SVG element drawn for the chart cell (r, f). */
  chartCellElement(r: number, f: number): Element | undefined {
    const index = this.chartCells().findIndex((cell) => cell.r === r && cell.f === f);
    return this.svg?.querySelectorAll('.layer_0_marks path')[index];
  }

  /** The legend's text. */
  get legendText(): string {
    return this.root.querySelector('[part~="legend"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The selection line's text. */
  get selectionText(): string {
    return this.root.querySelector('[part~="selection"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  /** The accessible table. */
  get table(): HTMLTableElement | null {
    return this.root.querySelector('[part~="table"]');
  }

  /** The table's column header texts (as read by a screen reader). */
  get columnHeaders(): string[] {
    return [...(this.table?.querySelectorAll('thead th') ?? [])].map(
      (th) => th.querySelector('.visually-hidden')?.textContent?.trim() ?? '',
    );
  }

  /** The table's gridcells. */
  get cellElements(): HTMLTableCellElement[] {
    return [...(this.table?.querySelectorAll<HTMLTableCellElement>('td[role="gridcell"]') ?? [])];
  }

  /** The gridcell of (r, f). */
  cell(r: number, f: number): HTMLTableCellElement {
    const cell = this.cellElements.find((td) => td.dataset.r === String(r) && td.dataset.f === String(f));
    if (!cell) throw new Error(`no table cell R ${r} F ${f}`);
    return cell;
  }

  /** Every table cell as shown. */
  get tableCells(): TableCell[] {
    const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return this.cellElements.map((td) => {
      const ramp = /ramp-(\d)/.exec(td.querySelector('.swatch')?.className ?? '');
      return {
        r: Number(td.dataset.r),
        f: Number(td.dataset.f),
        value: text(td.querySelector('.value')),
        count: text(td.querySelector('.count')),
        segments: text(td.querySelector('.segments')),
        selected: td.getAttribute('aria-selected') === 'true',
        ramp: ramp ? Number(ramp[1]) : undefined,
      };
    });
  }

  /** The table cell that takes focus (tabindex 0). */
  get activeCell(): HTMLTableCellElement | null {
    return this.table?.querySelector<HTMLTableCellElement>('td[tabindex="0"]') ?? null;
  }

  /** The focused element inside the shadow root. */
  get focused(): Element | null {
    return this.root.activeElement;
  }

  /** Whether the table is laid out visibly (not clipped to 1px). */
  get tableVisible(): boolean {
    const box = this.table?.parentElement?.getBoundingClientRect();
    return box !== undefined && box.width > 1 && box.height > 1;
  }
}
