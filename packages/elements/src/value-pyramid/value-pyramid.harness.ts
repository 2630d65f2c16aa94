import { waitUntil } from '@open-wc/testing';
import { StatesHarness } from '../internal/states.harness.js';
import type { LensValuePyramid } from './value-pyramid.js';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Names of the compiled specs' marks (see `@crm-lens/charts`' generated specs). */
export const MARKS = {
  /** Pyramid bands (area marks, one per tier). */
  bands: 'layer_0_marks',
  /** Quadrant points. */
  points: 'layer_0_marks',
  /** Quadrant threshold rules: the vertical (current value) and the horizontal (potential value) one. */
  currentRule: 'layer_1_marks',
  potentialRule: 'layer_2_marks',
} as const;

/** A scenegraph node, as far as the harness reads it. */
interface SceneNode {
  name?: string;
  items: { datum?: Record<string, unknown>; items?: SceneNode[] }[];
}

/** One option of the tier list. */
export interface TierOption {
  readonly element: HTMLElement;
  readonly tier: string;
  readonly selected: boolean;
  readonly focusable: boolean;
  readonly name: string;
  readonly count: string;
  readonly share: string;
}

/** One row of a table: the row header's text and the cells' texts. */
export interface TableRow {
  readonly key: string;
  readonly header: string;
  readonly cells: readonly string[];
}

/** Reads and drives <lens-value-pyramid> in tests, without shadow-DOM selectors in the tests themselves. */
export class ValuePyramidHarness extends StatesHarness<LensValuePyramid> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return text(this.base);
  }

  /** The view button (`pyramid` or `quadrant`). */
  viewToggle(view: 'pyramid' | 'quadrant'): HTMLButtonElement {
    const button = this.root.querySelector<HTMLButtonElement>(`[part~="view-toggle"][data-view="${view}"]`);
    if (!button) throw new Error(`no view button "${view}" (not ready?)`);
    return button;
  }

  get tableToggle(): HTMLButtonElement {
    const button = this.root.querySelector<HTMLButtonElement>('[part~="table-toggle"]');
    if (!button) throw new Error('no table toggle (not ready?)');
    return button;
  }

  /** The thresholds line of the toolbar. */
  get thresholdsText(): string {
    return text(this.root.querySelector('[part~="thresholds"]'));
  }

  /** The tier list (listbox). */
  get tierList(): HTMLElement {
    const list = this.root.querySelector<HTMLElement>('[part~="tiers"]');
    if (!list) throw new Error('no tier list (not ready?)');
    return list;
  }

  /** The tier list's options, Platinum first. */
  get tierOptions(): TierOption[] {
    return [...this.tierList.querySelectorAll<HTMLElement>('[role="option"]')].map((element) => ({
      element,
      tier: element.dataset.tier ?? '',
      selected: element.getAttribute('aria-selected') === 'true',
      focusable: element.tabIndex === 0,
      name: text(element.querySelector('.name')),
      count: text(element.querySelector('.count')),
      share: text(element.querySelector('.share')),
    }));
  }

  tierOption(tier: string): TierOption {
    const option = this.tierOptions.find((o) => o.tier === tier);
    if (!option) throw new Error(`no tier option "${tier}"`);
    return option;
  }

  /** The table alternative (tiers or quadrants, by view). */
  get table(): HTMLTableElement | null {
    return this.root.querySelector('[part~="table"]');
  }

  /** Whether the table is shown (not only to screen readers). */
  get tableVisible(): boolean {
    const table = this.table;
    return !!table && !table.parentElement?.classList.contains('visually-hidden');
  }

  get tableCaption(): string {
    return text(this.table?.querySelector('caption'));
  }

  get tableHeaders(): string[] {
    return [...(this.table?.querySelectorAll('thead th') ?? [])].map((th) => text(th));
  }

  /** The table's body rows, keyed by `data-tier`. */
  get tableRows(): TableRow[] {
    return this.rowsOf(this.table);
  }

  /** The upgrade-candidates panel. */
  get candidatesPanel(): HTMLElement | null {
    return this.root.querySelector('[part~="candidates"]');
  }

  /** The panel's message (hint, loading, none), when it shows one. */
  get candidatesMessage(): string {
    return text(this.candidatesPanel?.querySelector('[part~="message"]'));
  }

  /** The candidates' rows, keyed by customer id. */
  get candidateRows(): TableRow[] {
    return this.rowsOf(this.candidatesPanel?.querySelector('table'));
  }

  get candidateCaption(): string {
    return text(this.candidatesPanel?.querySelector('caption'));
  }

  /** The button of the candidate with this id. */
  candidateButton(customerId: string): HTMLButtonElement {
    const button = this.candidatesPanel?.querySelector<HTMLButtonElement>(
      `tr[data-customer-id="${CSS.escape(customerId)}"] [part~="candidate"]`,
    );
    if (!button) throw new Error(`no candidate "${customerId}"`);
    return button;
  }

  /** Wait until the selected tier's candidates are listed (or the panel shows a final message). */
  async candidatesSettled(): Promise<void> {
    await waitUntil(
      () => !this.candidatesPanel?.querySelector('[part~="message"][role="status"]'),
      'candidates loaded',
      { timeout: 15_000 },
    );
  }

  /** The quadrant's "showing n of N" line. */
  get sampleText(): string {
    return text(this.root.querySelector('[part~="sample"]'));
  }

  /** The chart box. */
  get chart(): HTMLElement | null {
    return this.root.querySelector('[part~="chart"]');
  }

  /** The pyramid's SVG, once drawn. */
  get svg(): SVGSVGElement | null {
    return this.root.querySelector('.pyramid-chart .lens-chart-view > svg');
  }

  /** The quadrant's canvas, once drawn. */
  get canvas(): HTMLCanvasElement | null {
    return this.root.querySelector('.quadrant-chart .lens-chart-view > canvas');
  }

  /** The pyramid's band paths, Platinum first. */
  get bandPaths(): SVGPathElement[] {
    return [...(this.svg?.querySelectorAll<SVGPathElement>(`.${MARKS.bands} path`) ?? [])];
  }

  /** The data of the items of a mark of the chart in view (works for canvas too). */
  itemData(mark: string): Record<string, unknown>[] {
    const { pyramid, quadrant } = this.element.charts;
    const view = (this.element.view === 'quadrant' ? quadrant : pyramid).view;
    const root = (view?.scenegraph() as unknown as { root: SceneNode } | undefined)?.root;
    const out: Record<string, unknown>[] = [];
    const visit = (node: SceneNode) => {
      for (const item of node.items) {
        if (node.name === mark && item.datum) out.push(item.datum);
        for (const child of item.items ?? []) visit(child);
      }
    };
    if (root) visit(root);
    return out;
  }

  /** Wait for the element and its charts to finish rendering. */
  async settled(): Promise<void> {
    await this.element.updateComplete;
    await this.element.charts.pyramid.updateComplete;
    await this.element.charts.quadrant.updateComplete;
    await this.element.updateComplete;
  }

  private rowsOf(table: Element | null | undefined): TableRow[] {
    return [...(table?.querySelectorAll<HTMLElement>('tbody tr') ?? [])].map((tr) => ({
      key: tr.dataset.tier ?? tr.dataset.customerId ?? '',
      header: text(tr.querySelector('th')),
      cells: [...tr.querySelectorAll('td')].map((td) => text(td)),
    }));
  }
}
