import { RFM_HEATMAP_DATASETS, type RfmCellRow, SIGNAL } from '@crm-lens/charts';
import { DEFAULT_SEGMENT_MAP, type SegmentMap } from '@crm-lens/core';
import type { CustomerColumns, Progress, ScoreSummary, SegmentRuleWire } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Spec } from 'vega';
import { type LensCellSelectDetail, LensCellSelectEvent } from '../events/cell-select.js';
import { enRfmHeatmap } from '../i18n/en/rfm-heatmap.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import { chartStyles } from '../internal/chart/chart.styles.js';
import type { ChartSpecs } from '../internal/chart/load-vega.js';
import { VegaChart } from '../internal/chart/vega-chart.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import {
  CELL_FIELDS,
  cellCustomers,
  cellKey,
  cellSegments,
  gridSize,
  type HeatmapCell,
  type HeatmapMeasure,
  MEASURES,
  measureValue,
  noCustomers,
  parseCell,
  plainSegmentMap,
  segmentRows,
} from './heatmap-cells.js';
import { rfmHeatmapStyles } from './rfm-heatmap.styles.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enRfmHeatmap);

export type { HeatmapMeasure } from './heatmap-cells.js';

/**
 * The compiled heatmap without vega's own legend: the element draws its legend in HTML (`part="legend"`), so it
 * is localised with Intl, themeable with `::part(legend)` and read by screen readers.
 */
const heatmapSpec = (specs: ChartSpecs): Spec => ({ ...specs.rfmHeatmap, legends: [] });

/** The message naming each measure. */
const MEASURE_LABELS: Readonly<Record<HeatmapMeasure, MessageKey>> = {
  monetary: 'heatmap.measure.monetary',
  customers: 'heatmap.measure.customers',
  'revenue-share': 'heatmap.measure.revenue-share',
};

/** The d3 format of the (unused) vega legend per measure, kept in step for anyone who re-enables it. */
const VALUE_FORMATS: Readonly<Record<HeatmapMeasure, string>> = {
  monetary: '~s',
  customers: '~s',
  'revenue-share': '.0%',
};

/** Put before the text of the selected cell on the chart. */
const SELECTED_MARK = '✓ ';

/** Steps of the colour ramp (`--lens-ramp-1..5`). */
const RAMP_STEPS = 5;

interface GridCell {
  readonly r: number;
  readonly f: number;
}

/**
 * @summary Customers on an R × F grid (recency score × frequency score), each cell coloured by the mean spend,
 * the number of customers or the share of revenue of the customers in it, with the RFM segments outlined and
 * named on top. Selecting a cell gives every customer in it.
 *
 * The chart has an accessible table alternative (`part="table"`): a grid of the same cells, one focusable
 * gridcell each. It is always read by screen readers and appears when keyboard focus enters it (or always,
 * with `show-table`). Keyboard: ←/→ change the R score, ↑/↓ the F score, Home/End go to the first/last R,
 * Page Up/Down to the highest/lowest F; Enter or Space selects the cell, Escape clears the selection.
 *
 * @event lens-cell-select - A cell was selected (click on the chart or the table, Enter, Space) or the selection
 *   cleared (Escape); detail: `{ r, f, segmentNames, customers }`, `customers` being every customer of the
 *   cell as the engine's `CustomerColumns` (`ids`, `index`, `names?`, `columns.{r,f,m,segment,recencyDays,
 *   frequency,monetary}`, `labels`). Fired once the customers are known.
 * @event change - The selection changed (`selectedCell`, `selection`); fired after `lens-cell-select`, once the
 *   element has rendered it.
 *
 * @csspart base - The wrapper of toolbar, chart, legend, selection line and table.
 * @csspart toolbar - The bar with the measure select and the toggles.
 * @csspart measure - The select of the measure the cells are coloured by.
 * @csspart segments-toggle - The checkbox showing or hiding the segments on the chart.
 * @csspart table-toggle - The button showing the table permanently.
 * @csspart chart - The chart's container (its tooltip is `::part(tooltip)`).
 * @csspart tooltip - The chart's tooltip.
 * @csspart legend - The colour legend: the measure, the colour ramp and its lowest and highest values.
 * @csspart legend-ramp - The colour ramp of the legend.
 * @csspart selection - The line saying which cell is selected and how many customers it has.
 * @csspart table - The accessible table of the cells (role grid).
 * @csspart cell - A cell of the table (also `cell-selected` on the selected one).
 * @csspart state - The shared loading / idle / empty / error states (see internal/states.ts for their parts).
 *
 * @cssproperty --rfm-heatmap-chart-height - Height of the chart (default 22rem); its width follows the element.
 * @cssproperty --rfm-heatmap-gap - Space between the parts (default var(--lens-space-m)).
 * @cssproperty --rfm-heatmap-padding - Padding inside the border (default var(--lens-space-m)).
 * @cssproperty --rfm-heatmap-selected-color - Outline of the selected table cell (default var(--lens-color-accent)).
 * @cssproperty --rfm-heatmap-cell-min-width - Smallest width of a table column (default 7rem).
 */
export class LensRfmHeatmap extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, chartStyles, rfmHeatmapStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;
  /** What colours the cells: `monetary` (mean spend, default), `customers` or `revenue-share`. */
  @property({ type: String, attribute: 'measure', reflect: true }) accessor measure: HeatmapMeasure =
    'monetary';
  /** The selected cell as `"r,f"` (e.g. `"5,4"`), or unset; selecting a cell sets it. */
  @property({ type: String, attribute: 'selected-cell', reflect: true }) accessor selectedCell:
    | string
    | undefined = undefined;
  /**
   * The RFM segment map (core's `SegmentMap`: rows `{ name, r: [min, max], f: [min, max], m: [min, max] }`, first
   * match wins); setting it re-scores the customers with it (assign a new array: edits inside the same array are not
   * seen). Unset: core's default, the R rfm package's ten segments.
   */
  @property({ attribute: false }) accessor segmentMap: SegmentMap | undefined = undefined;
  /** Hide the segment outlines and names on the chart. */
  @property({ type: Boolean, attribute: 'hide-segments', reflect: true }) accessor hideSegments = false;
  /** Show the table of cells permanently (otherwise it appears when keyboard focus enters it). */
  @property({ type: Boolean, attribute: 'show-table', reflect: true }) accessor showTable = false;

  /** The scoring under `segmentMap`, once the engine returned it. */
  @state() private accessor mapSummary: ScoreSummary | undefined = undefined;
  /** Progress of that scoring while it runs. */
  @state() private accessor mapProgress: Progress | undefined = undefined;
  /** The table cell that takes focus (roving tabindex). */
  @state() private accessor active: GridCell | undefined = undefined;
  /** The cell whose customers are being fetched. */
  @state() private accessor pending: GridCell | undefined = undefined;

  /** The data: provider, status, summary, and the widget's engine calls. */
  protected readonly data = new DataController(this, { onData: () => this.sync(true) });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);
  private readonly chart = new VegaChart(this, {
    spec: heatmapSpec,
    container: () => this.renderRoot.querySelector<HTMLElement>('.chart'),
    fitHeight: true,
    onClick: (datum) => {
      if (typeof datum.r === 'number' && typeof datum.f === 'number') void this.select(datum.r, datum.f);
    },
  });

  /** What the current scoring and customer columns are for (a new object whenever either must be redone). */
  private basis:
    | { revision: number; map: SegmentMap | undefined; wire?: readonly SegmentRuleWire[] }
    | undefined;
  private customerColumns: { basis: object; promise: Promise<CustomerColumns | undefined> } | undefined;
  private scoreToken = 0;
  private selectToken = 0;
  private detail: LensCellSelectDetail | undefined;
  /** Move focus to the active table cell after the next render (keyboard navigation). */
  private focusActive = false;
  /** What the chart was last given, to update it only when something it shows changed. */
  private fed: readonly unknown[] = [];

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The scoring shown: the data source's, or this element's own under `segmentMap` (once ready). */
  get summary(): ScoreSummary | undefined {
    if (this.data.status !== 'ready') return undefined;
    return this.segmentMap ? this.mapSummary : this.data.summary;
  }

  /** The measure in use (`measure`, or `monetary` when it names none). */
  get currentMeasure(): HeatmapMeasure {
    return MEASURES.includes(this.measure) ? this.measure : 'monetary';
  }

  /**
   * The last cell selected in the heatmap with its customers (the detail of the last `lens-cell-select`), until
   * the data, the segment map or `selected-cell` changes.
   */
  get selection(): LensCellSelectDetail | undefined {
    return this.detail;
  }

  /**
   * Every customer in the cell (r, f), fetched from the engine under the current scoring (and segment map):
   * the engine's `CustomerColumns` narrowed to the cell. Resolves undefined when there is no data, or the call
   * was superseded or failed (the element then shows the error).
   */
  async customersInCell(r: number, f: number): Promise<CustomerColumns | undefined> {
    const all = await this.allCustomers();
    return all ? cellCustomers(all, r, f) : undefined;
  }

  /** Select the cell (r, f) as a person would: fetches its customers, then fires `lens-cell-select` and `change`. */
  async select(r: number, f: number): Promise<void> {
    const cell = this.cellAt(r, f);
    if (!cell) return;
    const key = cellKey(r, f);
    if (this.selectedCell === key && this.detail?.r === r && this.detail.f === f) return;
    const token = ++this.selectToken;
    this.active = { r, f };
    this.selectedCell = key;
    this.detail = undefined;
    this.pending = { r, f };
    const customers = await this.customersInCell(r, f);
    if (token !== this.selectToken) return;
    this.pending = undefined;
    if (!customers) return;
    this.detail = { r, f, segmentNames: [...cellSegments(cell)], customers };
    await this.emit(this.detail, token);
  }

  /** Clear the selection as a person would (Escape): fires `lens-cell-select` with nulls, and `change`. */
  async clearSelection(): Promise<void> {
    if (this.selectedCell === undefined && this.detail === undefined) return;
    const token = ++this.selectToken;
    this.pending = undefined;
    this.selectedCell = undefined;
    this.detail = { r: null, f: null, segmentNames: [], customers: noCustomers() };
    await this.emit(this.detail, token);
  }

  private async emit(detail: LensCellSelectDetail, token: number): Promise<void> {
    this.dispatchEvent(new LensCellSelectEvent(detail));
    await this.updateComplete;
    if (token === this.selectToken)
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Let go of the customers and the scoring; they are fetched again on reconnect.
    this.basis = undefined;
    this.customerColumns = undefined;
    this.mapSummary = undefined;
    this.mapProgress = undefined;
    this.detail = undefined;
    this.pending = undefined;
    this.scoreToken++;
    this.selectToken++;
    this.fed = [];
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('selectedCell') && this.detail && this.detail.r !== null) {
      // Set from outside: the last selection's customers no longer describe it.
      if (cellKey(this.detail.r, this.detail.f!) !== this.selectedCell) this.detail = undefined;
    }
    if (changed.has('selectedCell') && !this.pending) {
      const cell = parseCell(this.selectedCell);
      if (cell) this.active = cell;
    }
    this.sync(false);
    this.feedChart();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusActive) {
      this.focusActive = false;
      this.activeCellElement()?.focus();
    }
  }

  // ---- Data ----------------------------------------------------------------------------------------------

  /**
   * Make the scoring match the data and the segment map: on new data (`force`, from the data controller) or a
   * new `segmentMap`, forget the customers, and score again under the map when there is one.
   */
  private sync(force: boolean): void {
    const state = this.data.state;
    if (state.status !== 'ready') {
      this.basis = undefined;
      return;
    }
    const map = this.segmentMap;
    if (!force && this.basis && this.basis.revision === state.revision && this.basis.map === map) return;
    const hadMap = this.basis?.map !== undefined;
    this.basis = { revision: state.revision, map, ...(map ? { wire: plainSegmentMap(map) } : {}) };
    this.customerColumns = undefined;
    this.detail = undefined;
    this.pending = undefined;
    this.selectToken++;
    this.mapSummary = undefined;
    this.mapProgress = undefined;
    if (map) {
      void this.scoreWithMap(this.basis.wire!);
    } else {
      this.scoreToken++;
      this.data.abort('score');
      // Back to the data source's own scoring: an error of the previous map no longer applies.
      if (!force && hadMap && this.data.status === 'error') this.data.retry();
    }
  }

  private async scoreWithMap(segmentMap: readonly SegmentRuleWire[]): Promise<void> {
    const token = ++this.scoreToken;
    const summary = await this.data.run(
      ({ engine, dataset, request, signal }) =>
        engine.score(
          dataset,
          { ...request, segmentMap },
          {
            signal,
            onProgress: (progress) => {
              if (token === this.scoreToken) this.mapProgress = progress;
            },
          },
        ),
      'score',
    );
    if (token !== this.scoreToken) return;
    this.mapProgress = undefined;
    if (summary) this.mapSummary = summary;
  }

  /** Every customer's R, F, M, segment and values under the current scoring: fetched once, then shared. */
  private allCustomers(): Promise<CustomerColumns | undefined> {
    const basis = this.basis;
    if (!basis) return Promise.resolve(undefined);
    if (this.customerColumns?.basis === basis) return this.customerColumns.promise;
    const { wire } = basis;
    const promise = this.data.run(
      ({ engine, dataset, request, signal }) =>
        engine.customers(dataset, wire ? { ...request, segmentMap: wire } : request, CELL_FIELDS, undefined, {
          signal,
        }),
      'customers',
    );
    const entry = { basis, promise };
    this.customerColumns = entry;
    void promise.then((columns) => {
      // Superseded or failed: the next selection asks again.
      if (!columns && this.customerColumns === entry) this.customerColumns = undefined;
    });
    return promise;
  }

  // ---- Cells ---------------------------------------------------------------------------------------------

  private cellAt(r: number, f: number): HeatmapCell | undefined {
    return this.summary?.heatmap.find((cell) => cell.r === r && cell.f === f);
  }

  /** A measure's value as text: `full` for the table and tooltips, compact for the chart's cells. */
  private formatValue(value: number, measure: HeatmapMeasure, full: boolean): string {
    const f = this.i18n.format;
    switch (measure) {
      case 'customers':
        return f.integer(value);
      case 'revenue-share':
        return f.percent(value, full ? 1 : 0);
      default:
        return f.currency(value, { compact: !full });
    }
  }

  private segmentText(cell: HeatmapCell | undefined): string {
    const i18n = this.i18n;
    return cellSegments(cell)
      .map((name) => i18n.segment(name))
      .join(i18n.t('heatmap.separator'));
  }

  /** The tooltip of a cell: where it is, its segments, and all three measures. */
  private tooltip(cell: HeatmapCell): string {
    const i18n = this.i18n;
    const pair = (measure: HeatmapMeasure) =>
      i18n.t('heatmap.pair', {
        label: i18n.t(MEASURE_LABELS[measure]),
        value: this.formatValue(measureValue(cell, measure), measure, true),
      });
    return [
      i18n.t('heatmap.cell', { r: cell.r, f: cell.f }),
      this.segmentText(cell),
      pair('customers'),
      pair('monetary'),
      pair('revenue-share'),
    ].join('\n');
  }

  /** Where a value sits on the colour ramp, 1…5 (as the chart's linear scale over the finite values). */
  private rampStep(value: number, low: number, high: number): number | undefined {
    if (!Number.isFinite(value)) return undefined;
    const position = high > low ? (value - low) / (high - low) : 0;
    return 1 + Math.round(position * (RAMP_STEPS - 1));
  }

  private valueRange(cells: readonly HeatmapCell[], measure: HeatmapMeasure): { low: number; high: number } {
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const cell of cells) {
      const value = measureValue(cell, measure);
      if (!Number.isFinite(value)) continue;
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    return { low, high };
  }

  /** Give the chart its rows, signals and name when anything it shows changed. */
  private feedChart(): void {
    const summary = this.summary;
    if (!summary) return;
    const measure = this.currentMeasure;
    const i18n = this.i18n;
    const inputs = [summary, measure, i18n, this.hideSegments, this.selectedCell, this.segmentMap];
    if (inputs.length === this.fed.length && inputs.every((value, k) => value === this.fed[k])) return;
    this.fed = inputs;

    const selected = parseCell(this.selectedCell);
    const cells: RfmCellRow[] = summary.heatmap.map((cell) => {
      const value = measureValue(cell, measure);
      const text = Number.isFinite(value) ? this.formatValue(value, measure, false) : '';
      // The selected cell is marked in its text, and outlined below.
      const mark = selected?.r === cell.r && selected.f === cell.f ? SELECTED_MARK : '';
      return {
        r: cell.r,
        f: cell.f,
        customers: cell.customers,
        value,
        valueText: mark + text,
        segmentNames: this.segmentText(cell),
        tooltip: this.tooltip(cell),
      };
    });
    const segments = this.hideSegments
      ? []
      : segmentRows(this.segmentMap ?? DEFAULT_SEGMENT_MAP, (name) => i18n.segment(name), ' / ');
    // The selected cell is outlined like a segment without a name.
    if (selected && this.cellAt(selected.r, selected.f)) {
      segments.push({ name: '', rMin: selected.r, rMax: selected.r, fMin: selected.f, fMax: selected.f });
    }
    this.chart.setData(RFM_HEATMAP_DATASETS.cells, cells);
    this.chart.setData(RFM_HEATMAP_DATASETS.segments, segments);
    this.chart.setSignal(SIGNAL.xTitle, i18n.t('heatmap.recency'));
    this.chart.setSignal(SIGNAL.yTitle, i18n.t('heatmap.frequency'));
    this.chart.setSignal(SIGNAL.valueTitle, i18n.t(MEASURE_LABELS[measure]));
    this.chart.setSignal(SIGNAL.valueFormat, VALUE_FORMATS[measure]);
    this.chart.describe(this.chartLabel(measure));
  }

  private chartLabel(measure: HeatmapMeasure): string {
    return this.i18n.t('heatmap.chart', { measure: this.i18n.t(MEASURE_LABELS[measure]) });
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  private activeCellElement(): HTMLElement | null {
    const active = this.active;
    if (!active) return null;
    return this.renderRoot.querySelector<HTMLElement>(`td[data-r="${active.r}"][data-f="${active.f}"]`);
  }

  private onMeasureChange = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as HeatmapMeasure;
    if (MEASURES.includes(value)) this.measure = value;
  };

  private onSegmentsToggle = (event: Event) => {
    this.hideSegments = !(event.target as HTMLInputElement).checked;
  };

  private onTableKeyDown = (event: KeyboardEvent) => {
    const summary = this.summary;
    const cell = (event.target as HTMLElement).closest?.('td[data-r]');
    if (!summary || !cell) return;
    const { nR, nF } = gridSize(summary.heatmap);
    const r = Number((cell as HTMLElement).dataset.r);
    const f = Number((cell as HTMLElement).dataset.f);
    let next: GridCell | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = { r: Math.min(nR, r + 1), f };
        break;
      case 'ArrowLeft':
        next = { r: Math.max(1, r - 1), f };
        break;
      case 'ArrowUp':
        next = { r, f: Math.min(nF, f + 1) };
        break;
      case 'ArrowDown':
        next = { r, f: Math.max(1, f - 1) };
        break;
      case 'Home':
        next = event.ctrlKey ? { r: 1, f: nF } : { r: 1, f };
        break;
      case 'End':
        next = event.ctrlKey ? { r: nR, f: 1 } : { r: nR, f };
        break;
      case 'PageUp':
        next = { r, f: nF };
        break;
      case 'PageDown':
        next = { r, f: 1 };
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        void this.select(r, f);
        return;
      case 'Escape':
        if (this.selectedCell === undefined) return;
        event.preventDefault();
        void this.clearSelection();
        return;
      default:
        return;
    }
    event.preventDefault();
    this.active = next;
    this.focusActive = true;
  };

  // ---- Rendering -----------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const summary = this.summary;
    if (!summary) return this.renderScoring();
    const i18n = this.i18n;
    return html`<section part="base" class="base" aria-label=${i18n.t('heatmap.label')}>
      ${this.renderToolbar()}
      <div class="view">
        <div part="chart" class="chart" role="img" aria-label=${this.chartLabel(this.currentMeasure)}></div>
        ${this.renderLegend(summary)}
      </div>
      ${this.renderSelection()} ${this.renderTable(summary)}
    </section>`;
  }

  /** Scoring under a new segment map: the look of the shared loading state, with the engine's progress. */
  private renderScoring() {
    const i18n = this.i18n;
    const progress = this.mapProgress;
    const fraction = progress?.fraction;
    const stage = i18n.stage(progress?.stage);
    const text =
      fraction === undefined
        ? i18n.t('heatmap.rescoring')
        : `${i18n.t('heatmap.rescoring')} · ${i18n.t('state.progress', { stage, fraction })}`;
    return loadingState(i18n.t('heatmap.rescoring'), text, fraction);
  }

  private renderToolbar() {
    const i18n = this.i18n;
    const measure = this.currentMeasure;
    return html`<div part="toolbar" class="toolbar" role="group" aria-label=${i18n.t('heatmap.options')}>
      <label class="field">
        <span class="label">${i18n.t('heatmap.measure')}</span>
        <select part="measure" .value=${measure} @change=${this.onMeasureChange}>
          ${MEASURES.map(
            (value) =>
              html`<option value=${value} ?selected=${value === measure}>${i18n.t(MEASURE_LABELS[value])}</option>`,
          )}
        </select>
      </label>
      <label class="field check">
        <input
          part="segments-toggle"
          type="checkbox"
          .checked=${!this.hideSegments}
          @change=${this.onSegmentsToggle}
        />
        <span>${i18n.t('heatmap.showSegments')}</span>
      </label>
      <button
        part="table-toggle"
        type="button"
        class="toggle"
        aria-pressed=${this.showTable ? 'true' : 'false'}
        @click=${() => {
          this.showTable = !this.showTable;
        }}
      >
        ${i18n.t('heatmap.showTable')}
      </button>
    </div>`;
  }

  private renderLegend(summary: ScoreSummary) {
    const i18n = this.i18n;
    const measure = this.currentMeasure;
    const { low, high } = this.valueRange(summary.heatmap, measure);
    return html`<div part="legend" class="legend">
      <span class="legend-title">${i18n.t(MEASURE_LABELS[measure])}</span>
      <span class="legend-scale">
        <span class="legend-value">${this.formatValue(low, measure, true)}</span>
        <span part="legend-ramp" class="legend-ramp" aria-hidden="true"></span>
        <span class="legend-value">${this.formatValue(high, measure, true)}</span>
      </span>
      ${
        this.hideSegments
          ? nothing
          : html`<span class="legend-segments"><span class="outline" aria-hidden="true"></span>${i18n.t('heatmap.legendSegments')}</span>`
      }
    </div>`;
  }

  private renderSelection() {
    const i18n = this.i18n;
    const pending = this.pending;
    const detail = this.detail;
    let text: string;
    if (pending) {
      text = i18n.t('heatmap.finding', { cell: i18n.t('heatmap.cell', { r: pending.r, f: pending.f }) });
    } else if (detail && detail.r !== null && detail.f !== null) {
      text = i18n.t('heatmap.selected', {
        cell: i18n.t('heatmap.cell', { r: detail.r, f: detail.f }),
        customers: i18n.t('heatmap.customers', { count: detail.customers.ids.length }),
        segments: detail.segmentNames.map((name) => i18n.segment(name)).join(i18n.t('heatmap.separator')),
      });
    } else {
      text = i18n.t('heatmap.hint');
    }
    return html`<p part="selection" class="selection" role="status">${text}</p>`;
  }

  private renderTable(summary: ScoreSummary) {
    const i18n = this.i18n;
    const measure = this.currentMeasure;
    const { nR, nF } = gridSize(summary.heatmap);
    const { low, high } = this.valueRange(summary.heatmap, measure);
    const byKey = new Map(summary.heatmap.map((cell) => [cellKey(cell.r, cell.f), cell]));
    const rs = Array.from({ length: nR }, (_, k) => k + 1);
    const fs = Array.from({ length: nF }, (_, k) => nF - k);
    const selected = parseCell(this.selectedCell);
    const active =
      this.active && byKey.has(cellKey(this.active.r, this.active.f))
        ? this.active
        : selected && byKey.has(cellKey(selected.r, selected.f))
          ? selected
          : { r: 1, f: nF };
    return html`<div class=${this.showTable ? 'table-wrap shown' : 'table-wrap'}>
      <table part="table" class="table" role="grid" @keydown=${this.onTableKeyDown}>
        <caption>
          ${i18n.t('heatmap.caption', { measure: i18n.t(MEASURE_LABELS[measure]), n: Math.max(nR, nF) })}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="corner">
              <span aria-hidden="true">${i18n.t('heatmap.corner')}</span>
              <span class="visually-hidden">${i18n.t('heatmap.cornerLabel')}</span>
            </th>
            ${rs.map(
              (r) => html`<th scope="col">
                <span aria-hidden="true">${i18n.t('heatmap.col', { r })}</span>
                <span class="visually-hidden">${i18n.t('heatmap.colLabel', { r })}</span>
              </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${fs.map(
            (f) => html`<tr>
              <th scope="row">
                <span aria-hidden="true">${i18n.t('heatmap.row', { f })}</span>
                <span class="visually-hidden">${i18n.t('heatmap.rowLabel', { f })}</span>
              </th>
              ${rs.map((r) => this.renderCell(byKey.get(cellKey(r, f)), r, f, measure, low, high, active, selected))}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderCell(
    cell: HeatmapCell | undefined,
    r: number,
    f: number,
    measure: HeatmapMeasure,
    low: number,
    high: number,
    active: GridCell,
    selected: GridCell | undefined,
  ) {
    const i18n = this.i18n;
    const isSelected = selected?.r === r && selected.f === f;
    const isActive = active.r === r && active.f === f;
    const value = cell ? measureValue(cell, measure) : Number.NaN;
    const step = this.rampStep(value, low, high);
    return html`<td
      role="gridcell"
      part=${isSelected ? 'cell cell-selected' : 'cell'}
      class=${isSelected ? 'cell selected' : 'cell'}
      data-r=${r}
      data-f=${f}
      tabindex=${isActive ? '0' : '-1'}
      aria-selected=${isSelected ? 'true' : 'false'}
      @click=${() => {
        this.active = { r, f };
        void this.select(r, f);
      }}
      @focus=${() => {
        if (this.active?.r !== r || this.active?.f !== f) this.active = { r, f };
      }}
    >
      <span class="cell-value">
        <span class=${step ? `swatch ramp-${step}` : 'swatch'} aria-hidden="true"></span>
        <span class="value">${this.formatValue(value, measure, true)}</span>
      </span>
      <span class="count">${i18n.t('heatmap.customers', { count: cell?.customers ?? 0 })}</span>
      <span class="segments">${this.segmentText(cell)}</span>
    </td>`;
  }
}
