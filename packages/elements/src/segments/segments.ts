import { SEGMENTS_SCATTER_DATASET, type SegmentsScatterRow, SIGNAL, TIERS } from '@crm-lens/charts';
import type { Progress, SegmentProfileWire, SegmentsQuery, SegmentsResult } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { enSegments } from '../i18n/en/segments.js';
import { addEnglish } from '../i18n/locale.js';
// The chart modules themselves, not their barrel (see value-pyramid.ts).
import { chartStyles } from '../internal/chart/chart.styles.js';
import { VegaChart } from '../internal/chart/vega-chart.js';
import { cssProps } from '../internal/css-props.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { tableAlternative } from '../internal/table-alternative.js';
import { segmentsStyles } from './segments.styles.js';
import {
  AXES,
  axisColumn,
  axisConverter,
  kConverter,
  queryKey,
  SCATTER_POINTS,
  SERIES,
  type SegmentAxis,
  type SegmentValue,
  segmentCodes,
  segmentLabel,
  valueConverter,
} from './segments-data.js';
import { LensSegmentSelectEvent } from './segments-events.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enSegments);

const AXIS_KEYS = {
  recency: 'segments.axis.recency',
  frequency: 'segments.axis.frequency',
  monetary: 'segments.axis.monetary',
} as const;

const VALUE_KEYS = {
  revenue: 'segments.valueShare.revenue',
  clv: 'segments.valueShare.clv',
  current: 'segments.valueShare.current',
} as const;

/**
 * @summary Customer segments found by clustering (k-means on recency, frequency and monetary value, the engine's
 * `segments`): one card per segment with its size, value share, median recency / frequency / monetary value and
 * tier mix, and a scatter of a sample of the customers coloured by segment.
 *
 * Segment names are built from the engine's trait codes (recent/lapsed, frequent/occasional/one-time, high
 * spenders/buyers), so they are translated; in English they equal the engine's names. Segment s is drawn in
 * `--lens-series-(s mod 8 + 1)`.
 *
 * Keyboard: the cards are a listbox. Tab into it, ↑/↓ (or ←/→), Home/End move between segments, Enter or Space
 * selects a segment (again: clears it), Escape clears the selection. The scatter has a table alternative (the
 * medians per segment; `show-table` shows it, it is always there for screen readers).
 *
 * @event lens-segment-select - A person selected a segment or cleared the selection; detail: { segment, name,
 *   customers } (`customers`: the ids of every customer of the segment). Fired once the ids are known.
 * @event change - The selected segment changed (after the update; read `.segment`).
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - The bar with the axis selects, the summary and the table toggle.
 * @csspart axis-select - The x and y axis selects.
 * @csspart summary - The line with k, the clustered customers and the silhouette.
 * @csspart table-toggle - The button that shows or hides the table (`aria-pressed`).
 * @csspart cards - The segment cards (listbox).
 * @csspart card - One segment card (also `card-selected` on the selected one).
 * @csspart swatch - A segment's colour mark.
 * @csspart tier-mix - A card's tier-mix bar.
 * @csspart chart - The scatter's box.
 * @csspart tooltip - The chart's tooltip.
 * @csspart sample - The "showing n of N customers" line.
 * @csspart table - The table of medians per segment.
 * @csspart message - A message in place of content (computing the segments, no customers).
 * @csspart state - The shared loading / idle / empty / error states (see internal/states.ts for their parts).
 *
 * @cssproperty --segments-padding - Padding around the content (default var(--lens-space-m)).
 * @cssproperty --segments-gap - Space between the cards, the chart and the table (default var(--lens-space-m)).
 * @cssproperty --segments-card-min-width - Narrowest a card gets before the cards wrap (default 14rem).
 * @cssproperty --segments-chart-height - Height of the scatter (default 20rem).
 * @cssproperty --segments-selected-background - Background of the selected card (default var(--lens-color-surface)).
 * @cssproperty --segments-selected-color - Marker of the selected card and pressed buttons (default var(--lens-color-accent)).
 */
export class LensSegments extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, chartStyles, segmentsStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this widget alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;
  /** Number of segments, 1 … 50, or `auto` (default): chosen by silhouette in 2 … 10. */
  @property({ attribute: 'k', converter: kConverter }) accessor k: number | 'auto' = 'auto';
  /** Seed of the clustering and of the scatter sample (default 1): the same seed gives the same segments. */
  @property({ type: Number, attribute: 'seed' }) accessor seed = 1;
  /** What the value shares sum: `revenue` (net revenue, default), `clv` or `current` (current value). */
  @property({ attribute: 'value', reflect: true, converter: valueConverter }) accessor value: SegmentValue =
    'revenue';
  /** The scatter's horizontal measure: `recency` (days, default), `frequency` or `monetary`. */
  @property({ attribute: 'x', reflect: true, converter: axisConverter('recency') }) accessor x: SegmentAxis =
    'recency';
  /** The scatter's vertical measure: `monetary` (default), `frequency` or `recency`. */
  @property({ attribute: 'y', reflect: true, converter: axisConverter('monetary') }) accessor y: SegmentAxis =
    'monetary';
  /** The selected segment's number, or undefined; reflected. Setting it fires no event. */
  @property({ type: Number, attribute: 'segment', reflect: true }) accessor segment: number | undefined =
    undefined;
  /** Show the table alternative of the scatter (it is always available to screen readers). */
  @property({ type: Boolean, attribute: 'show-table', reflect: true }) accessor showTable = false;

  /** The engine's segments for the current query, once they arrived. */
  @state() private accessor result: SegmentsResult | undefined = undefined;
  /** Progress of the pending `segments` call. */
  @state() private accessor progress: Progress | undefined = undefined;
  /** The listbox's focusable card (roving tabindex). */
  @state() private accessor activeIndex = 0;
  private resultKey: string | undefined;
  /** The query last sent (undefined: send one at the next update). */
  private fetchedKey: string | undefined;
  /** Move focus to the active card after the next render (keyboard). */
  private focusActive = false;
  /** What the chart was last given (to update it only when something changed). */
  private chartInput: readonly unknown[] = [];

  /** The data: provider, status, and the widget's `segments` call. */
  protected readonly data = new DataController(this, {
    onData: () => {
      this.fetchedKey = undefined;
      this.result = undefined;
      this.resultKey = undefined;
    },
  });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);

  private readonly chart = new VegaChart(this, {
    spec: (specs) => specs.segmentsScatter,
    // Up to 5,000 points: canvas (the table alternative carries the accessible content).
    renderer: 'canvas',
    container: () => this.renderRoot.querySelector<HTMLElement>('.scatter-chart'),
    fitHeight: true,
    onClick: (datum) => {
      if (typeof datum.segment === 'number') void this.toggle(datum.segment);
    },
  });

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The engine query of the current attributes. */
  get query(): SegmentsQuery {
    const seed = Number.isInteger(this.seed) ? this.seed : 1;
    return { k: this.k, seed, value: this.value, points: SCATTER_POINTS };
  }

  /** The segments shown (the engine's `SegmentsResult`), or undefined while they load. */
  get segments(): SegmentsResult | undefined {
    return this.resultKey === queryKey(this.query) ? this.result : undefined;
  }

  /** The scatter's chart controller (for tests and support). */
  get scatter(): VegaChart {
    return this.chart;
  }

  // ---- Data ----------------------------------------------------------------------------------------------

  private async fetch(query: SegmentsQuery, key: string): Promise<void> {
    this.fetchedKey = key;
    this.progress = undefined;
    const result = await this.data.run(
      ({ engine, dataset, request, signal }) =>
        engine.segments(dataset, request, query, {
          signal,
          onProgress: (progress) => {
            if (this.fetchedKey === key) this.progress = progress;
          },
        }),
      'segments',
    );
    if (result && this.fetchedKey === key) {
      this.result = result;
      this.resultKey = key;
    }
  }

  /** The ids of one segment's customers (an engine call: the labels are per customer code). */
  async customersOf(segment: number): Promise<readonly string[] | undefined> {
    const result = this.segments;
    if (!result) return undefined;
    const index = segmentCodes(result, segment);
    if (index.length === 0) return [];
    const columns = await this.data.run(
      ({ engine, dataset, request, signal }) => engine.customers(dataset, request, [], index, { signal }),
      'customers',
    );
    return columns?.ids;
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  /** Select `segment`, or clear the selection when it is the selected one (a person's click, Enter or Space). */
  private toggle(segment: number): Promise<void> {
    return this.select(segment === this.segment ? undefined : segment);
  }

  /**
   * Select a segment (or none) as a person did: shows it at once, then fires `lens-segment-select` with the
   * segment's customer ids, then `change` after the update.
   */
  async select(segment: number | undefined): Promise<void> {
    if (segment === this.segment) return;
    const profile = segment === undefined ? undefined : this.segments?.profiles[segment];
    if (segment !== undefined && !profile) return;
    this.segment = segment;
    const customers = profile ? await this.customersOf(profile.segment) : [];
    if (!customers || this.segment !== segment) return;
    this.dispatchEvent(
      new LensSegmentSelectEvent({
        segment: profile?.segment ?? null,
        name: profile?.name ?? null,
        customers,
      }),
    );
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onCardKeyDown = (event: KeyboardEvent) => {
    const count = this.segments?.profiles.length ?? 0;
    if (count === 0) return;
    let next = this.activeIndex;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next++;
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next--;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        void this.toggle(this.activeIndex);
        return;
      case 'Escape':
        if (this.segment !== undefined) {
          event.preventDefault();
          void this.select(undefined);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeIndex = Math.max(0, Math.min(count - 1, next));
    this.focusActive = true;
  };

  private onCardClick(index: number): void {
    this.activeIndex = index;
    void this.toggle(index);
  }

  private onAxisChange(axis: 'x' | 'y', event: Event): void {
    const value = (event.target as HTMLSelectElement).value as SegmentAxis;
    if (AXES.includes(value)) this[axis] = value;
  }

  // ---- Lifecycle -----------------------------------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('segment') && this.segment !== undefined) this.activeIndex = this.segment;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.data.status !== 'ready') return;
    const query = this.query;
    const key = queryKey(query);
    if (key !== this.fetchedKey) void this.fetch(query, key);
    if (this.focusActive) {
      this.focusActive = false;
      this.renderRoot
        .querySelector<HTMLElement>(`[part~="card"][data-segment="${this.activeIndex}"]`)
        ?.focus();
    }
    const result = this.segments;
    if (result && result.profiles.length > 0) this.updateChart(result);
  }

  private updateChart(result: SegmentsResult): void {
    const input = [result, this.x, this.y, this.segment, this.resolvedLocale, this.displayCurrency];
    if (input.length === this.chartInput.length && input.every((v, i) => v === this.chartInput[i])) return;
    this.chartInput = input;
    const i18n = this.i18n;
    const currency = this.displayCurrency;
    const labels = result.profiles.map((p) => segmentLabel(i18n, p));
    const xs = axisColumn(result, this.x);
    const ys = axisColumn(result, this.y);
    const { points } = result;
    const text = (axis: SegmentAxis, v: number) =>
      axis === 'monetary' ? i18n.format.currency(v) : i18n.format.number(v);
    const xTitle = i18n.t(AXIS_KEYS[this.x], { currency });
    const yTitle = i18n.t(AXIS_KEYS[this.y], { currency });
    const rows: SegmentsScatterRow[] = Array.from(points.segment, (segment, i) => ({
      x: xs[i]!,
      y: ys[i]!,
      segment,
      segmentLabel: labels[segment] ?? '',
      selected: segment === this.segment,
      tooltip: `${labels[segment]}\n${xTitle}: ${text(this.x, xs[i]!)}\n${yTitle}: ${text(this.y, ys[i]!)}`,
    }));
    this.chart.setSignal(SIGNAL.xTitle, xTitle);
    this.chart.setSignal(SIGNAL.yTitle, yTitle);
    this.chart.setSignal(SIGNAL.valueFormat, '~s');
    this.chart.setData(SEGMENTS_SCATTER_DATASET, rows);
    this.chart.describe(
      i18n.t('segments.chartLabel', {
        shown: rows.length,
        x: i18n.t(AXIS_KEYS[this.x], { currency }),
        y: i18n.t(AXIS_KEYS[this.y], { currency }),
      }),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Let go of the result; it is fetched again (from the engine's cache) on reconnect.
    this.fetchedKey = undefined;
    this.result = undefined;
    this.resultKey = undefined;
    this.chartInput = [];
  }

  // ---- Rendering -----------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const i18n = this.i18n;
    const result = this.segments;
    return html`<section part="base" class="base" aria-label=${i18n.t('segments.label')} aria-busy=${result ? 'false' : 'true'}>
      ${this.renderToolbar(result)}
      ${
        !result
          ? this.renderLoading()
          : result.profiles.length === 0
            ? html`<div part="state state-empty" class="state empty">
                <p class="headline">${i18n.t('segments.empty')}</p>
                <p class="hint">${i18n.t('segments.emptyHint')}</p>
              </div>`
            : this.renderContent(result)
      }
    </section>`;
  }

  private renderToolbar(result: SegmentsResult | undefined) {
    const i18n = this.i18n;
    const select = (axis: 'x' | 'y') => html`<label class="field">
      <span class="label">${i18n.t(axis === 'x' ? 'segments.axis.x' : 'segments.axis.y')}</span>
      <select part="axis-select" data-axis=${axis} .value=${this[axis]} @change=${(e: Event) => this.onAxisChange(axis, e)}>
        ${AXES.map(
          (value) =>
            html`<option value=${value} ?selected=${value === this[axis]}>
              ${i18n.t(AXIS_KEYS[value], { currency: this.displayCurrency })}
            </option>`,
        )}
      </select>
    </label>`;
    return html`<div part="toolbar" class="toolbar">
      ${
        result
          ? html`<p part="summary" class="summary">
              ${i18n.t('segments.summary', {
                k: result.k,
                clustered: result.clustered,
                silhouette: Number.isFinite(result.silhouette)
                  ? i18n.format.number(result.silhouette)
                  : i18n.t('common.none'),
              })}
            </p>`
          : nothing
      }
      <div class="axes">${select('x')} ${select('y')}</div>
      <button
        type="button"
        part="table-toggle"
        class="toggle"
        aria-pressed=${this.showTable ? 'true' : 'false'}
        @click=${() => {
          this.showTable = !this.showTable;
        }}
      >
        ${i18n.t('segments.tableToggle')}
      </button>
    </div>`;
  }

  /** Waiting for the engine's segments: the look of the shared loading state. */
  private renderLoading() {
    const i18n = this.i18n;
    const fraction = this.progress?.fraction;
    const text =
      fraction === undefined
        ? i18n.t('segments.loading')
        : `${i18n.t('segments.loading')} · ${i18n.format.percent(fraction)}`;
    return loadingState(i18n.t('segments.loading'), text, fraction);
  }

  private renderContent(result: SegmentsResult) {
    const i18n = this.i18n;
    const shown = result.points.segment.length;
    return html`<div class="body">
        ${this.renderCards(result)}
        <div class="chart-area">
          <div part="chart" class="chart scatter-chart"></div>
          <p part="sample" class="sample">
            ${i18n.t('segments.sample', { shown, total: result.clustered })}
          </p>
        </div>
      </div>
      ${this.renderTable(result)}`;
  }

  private renderCards(result: SegmentsResult) {
    const i18n = this.i18n;
    return html`<div
      part="cards"
      class="cards"
      role="listbox"
      aria-label=${i18n.t('segments.list')}
      @keydown=${this.onCardKeyDown}
    >
      ${result.profiles.map((p, index) => this.renderCard(result, p, index))}
    </div>`;
  }

  private renderCard(result: SegmentsResult, p: SegmentProfileWire, index: number) {
    const i18n = this.i18n;
    const f = i18n.format;
    const selected = p.segment === this.segment;
    const name = segmentLabel(i18n, p);
    const mix = p.tierMix.filter((t) => t.customers > 0);
    const mixText = mix.map((t) =>
      i18n.t('segments.tierMixItem', { tier: i18n.tier(t.tier), share: f.percent(t.share) }),
    );
    return html`<div
      part=${selected ? 'card card-selected' : 'card'}
      class=${`card series-${(p.segment % SERIES) + 1}${selected ? ' selected' : ''}`}
      role="option"
      id=${`segment-${p.segment}`}
      data-segment=${p.segment}
      aria-selected=${selected ? 'true' : 'false'}
      tabindex=${index === this.activeIndex ? '0' : '-1'}
      @click=${() => this.onCardClick(index)}
    >
      <div class="card-head">
        <span part="swatch" class="swatch" aria-hidden="true"></span>
        <span class="name" data-field="name">${name}</span>
      </div>
      <p class="line" data-field="customers">
        ${i18n.t('segments.customers', { count: p.customers, share: f.percent(p.customerShare, 1) })}
      </p>
      <p class="line" data-field="value">${i18n.t(VALUE_KEYS[result.value], { share: f.percent(p.valueShare, 1) })}</p>
      <dl class="medians">
        <div>
          <dt>${i18n.t('segments.col.recency')}</dt>
          <dd data-field="recency">${i18n.t('segments.days', { days: f.number(p.medianRecencyDays) })}</dd>
        </div>
        <div>
          <dt>${i18n.t('segments.col.frequency')}</dt>
          <dd data-field="frequency">${f.number(p.medianFrequency)}</dd>
        </div>
        <div>
          <dt>${i18n.t('segments.col.monetary')}</dt>
          <dd data-field="monetary">${f.currency(p.medianMonetary)}</dd>
        </div>
      </dl>
      <div part="tier-mix" class="tier-mix" aria-hidden="true">
        ${TIERS.map((tier) => {
          const share = p.tierMix.find((t) => t.tier === tier)?.share ?? 0;
          return share > 0
            ? html`<span class=${`mix tier-${tier}`} data-tier=${tier} ${cssProps({ width: `${share * 100}%` })}></span>`
            : nothing;
        })}
      </div>
      <p class="visually-hidden" data-field="tier-mix">
        ${i18n.t('segments.tierMix', { mix: mixText.length > 0 ? mixText.join(', ') : i18n.t('common.none') })}
      </p>
    </div>`;
  }

  /** The table's wrapper: visible (and scrollable by keyboard) with `show-table`, else for screen readers only. */
  private renderTable(result: SegmentsResult) {
    const i18n = this.i18n;
    const f = i18n.format;
    const caption = i18n.t('segments.table.caption');
    return tableAlternative(
      this.showTable,
      caption,
      html`<table part="table" class="data-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${i18n.t('segments.col.segment')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.customers')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.customerShare')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.valueShare')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.recency')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.frequency')}</th>
            <th scope="col" class="numeric">${i18n.t('segments.col.monetary')}</th>
          </tr>
        </thead>
        <tbody>
          ${result.profiles.map(
            (p) => html`<tr data-segment=${p.segment}>
              <th scope="row">${segmentLabel(i18n, p)}</th>
              <td class="numeric">${f.integer(p.customers)}</td>
              <td class="numeric">${f.percent(p.customerShare, 1)}</td>
              <td class="numeric">${f.percent(p.valueShare, 1)}</td>
              <td class="numeric">${f.number(p.medianRecencyDays)}</td>
              <td class="numeric">${f.number(p.medianFrequency)}</td>
              <td class="numeric">${f.currency(p.medianMonetary)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }
}

export type { SegmentAxis, SegmentValue } from './segments-data.js';
export { type LensSegmentSelectDetail, LensSegmentSelectEvent } from './segments-events.js';
