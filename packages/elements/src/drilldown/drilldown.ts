import type { DrilldownQuery, DrilldownResult, Progress } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { enDrilldown } from '../i18n/en/drilldown.js';
import { addEnglish } from '../i18n/locale.js';
import { cssProps } from '../internal/css-props.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { LensDimensionSelectEvent, LensDrillEvent, type LensDrillPeriod } from './drill-events.js';
import { drilldownStyles } from './drilldown.styles.js';
import {
  childLevel,
  DIMENSION_LABELS,
  DRILL_DIMENSIONS,
  DRILL_LEVELS,
  DRILL_MEASURES,
  type DrillDimension,
  type DrillFilter,
  type DrillLevel,
  type DrillMeasure,
  type DrillStep,
  dimensionName,
  drillPath,
  formatMeasure,
  hasShare,
  LEVEL_LABELS,
  MEASURE_LABELS,
  measureAt,
  measureTotal,
  oneOf,
  periodName,
  periodStart,
  withPath,
} from './drilldown-model.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enDrilldown);

/** The query's key: whether a result answers the current level / dimension, filter and analysis date. */
function queryKey(query: DrilldownQuery, asOf: number | undefined): string {
  return JSON.stringify([query.by, query.filter ?? {}, query.models ?? true, asOf ?? null]);
}

/** A result with the key of the query it answers. */
interface Keyed {
  readonly key: string;
  readonly result: DrilldownResult;
}

/**
 * @summary Drill-down of revenue, orders, customers and the models' outputs (CLV, value at risk, mean churn risk)
 * by time — year → quarter → month → week → day — as a keyboard-friendly bar list, with a ranked breakdown of the
 * current time selection by region, category, channel, product, value tier, RFM segment or churn band. From the
 * engine's `drilldown` (core's `drilldown`; see docs/methods/drilldown.md).
 *
 * Time periods are UTC calendar periods; weeks are ISO weeks (Monday to Sunday), so a week drilled from a month
 * holds only that month's days. Customer-level measures (customers, orders, CLV, value at risk) count each
 * customer once per group: groups need not add up to the total.
 *
 * Keyboard: the bars are a listbox — ↑/↓ (or ←/→) move between periods, Home/End to the first/last; Enter or
 * Space drills into the period; Backspace (or Escape) goes back up one level. The breadcrumbs are buttons. In the
 * breakdown table ↑/↓, Home/End move between rows and Enter or Space activates one.
 *
 * @event lens-drill - A person drilled into a period or went back up; detail: { level, filter, period }. A
 *   native `change` follows once the widget shows the new level.
 * @event lens-dimension-select - A breakdown row was activated; detail: { dimension, value, label }. A native
 *   `change` follows.
 * @event change - Also after a person chose another measure or breakdown in the selects.
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - The bar with the measure and breakdown selects.
 * @csspart measure-select - The measure select.
 * @csspart dimension-select - The breakdown select.
 * @csspart breadcrumbs - The drill path (a navigation landmark).
 * @csspart crumb - One step of the path (a button, except the current one).
 * @csspart total - The totals of the current selection.
 * @csspart bars - The list of periods (a listbox).
 * @csspart bar - One period (also `bar-active` on the focusable one).
 * @csspart bar-label - A period's name.
 * @csspart bar-fill - A period's bar.
 * @csspart bar-value - A period's figure.
 * @csspart figures - The disclosure with the bars' figures as a table.
 * @csspart figures-table - That table.
 * @csspart breakdown - The ranked breakdown table.
 * @csspart row - A breakdown row (also `row-selected` on the activated one).
 * @csspart row-button - The button naming a breakdown row.
 * @csspart row-fill - A breakdown row's bar.
 * @csspart note - Notes (rows left out).
 * @csspart selection - The line saying which breakdown row was activated.
 * @csspart state - The shared loading / idle / empty / error states (and `progress`, `retry`, …).
 *
 * @cssproperty --drilldown-padding - Padding around the content (default var(--lens-space-m)).
 * @cssproperty --drilldown-gap - Space between the parts (default var(--lens-space-s)).
 * @cssproperty --drilldown-bar-color - Colour of the bars (default var(--lens-color-accent)).
 * @cssproperty --drilldown-negative-color - Colour of negative bars (net returns) (default var(--lens-color-danger)).
 * @cssproperty --drilldown-bar-height - Height of a bar (default 1.25rem).
 * @cssproperty --drilldown-bars-max-height - Height above which the bar list scrolls (default 24rem).
 * @cssproperty --drilldown-label-width - Width of the period names (default 8rem).
 * @cssproperty --drilldown-active-background - Background of the focusable bar / selected row (default var(--lens-color-surface)).
 */
export class LensDrilldown extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, drilldownStyles];

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
  /** The time level the bars show: `year` (default), `quarter`, `month`, `week` or `day`. Follows the drilling. */
  @property({ type: String, attribute: 'level', reflect: true }) accessor level: DrillLevel = 'year';
  /**
   * The drill path as an engine filter: `{ year: '2011', quarter: '2011-Q2' }` (labels or codes). Other keys
   * (`region: 'France'`, `tier: ['platinum', 'gold']`) filter the bars and the breakdown too and are kept.
   */
  @property({ attribute: false }) accessor filter: DrillFilter = {};
  /** The breakdown's key: `region` (default), `category`, `channel`, `product`, `tier`, `segment`, `churnBand`. */
  @property({ type: String, attribute: 'dimension', reflect: true }) accessor dimension: DrillDimension =
    'region';
  /** What the bars and the breakdown show: `revenue` (default), `orders`, `customers`, `clv`, `valueAtRisk`, `meanChurnRisk`. */
  @property({ type: String, attribute: 'measure', reflect: true }) accessor measure: DrillMeasure = 'revenue';
  /** Most breakdown rows shown (the top ones; default 10). */
  @property({ type: Number, attribute: 'max-rows' }) accessor maxRows = 10;

  @state() private accessor barsResult: Keyed | undefined = undefined;
  @state() private accessor breakdownResult: Keyed | undefined = undefined;
  @state() private accessor progress: Progress | undefined = undefined;
  /** The bar that takes focus (roving tabindex), by label. */
  @state() private accessor activeBar: string | undefined = undefined;
  /** The breakdown row that takes focus (roving tabindex), by the engine's label. */
  @state() private accessor activeRow: string | undefined = undefined;
  /** The activated breakdown row, by the engine's label. */
  @state() private accessor selectedRow: string | undefined = undefined;
  private barsFetched: string | undefined;
  private breakdownFetched: string | undefined;
  /** Move focus into the bars after the next render (after a drill by keyboard or click). */
  private focusBars = false;
  private focusRow = false;

  /** The data: provider, status, and the widget's two `drilldown` calls. */
  protected readonly data = new DataController(this, {
    onData: () => {
      this.barsFetched = undefined;
      this.breakdownFetched = undefined;
      this.barsResult = undefined;
      this.breakdownResult = undefined;
    },
  });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The level in use (`year` for an unknown `level`). */
  get currentLevel(): DrillLevel {
    return oneOf(DRILL_LEVELS, this.level, 'year');
  }

  /** The breakdown key in use (`region` for an unknown `dimension`). */
  get currentDimension(): DrillDimension {
    return oneOf(DRILL_DIMENSIONS, this.dimension, 'region');
  }

  /** The measure in use (`revenue` for an unknown `measure`). */
  get currentMeasure(): DrillMeasure {
    return oneOf(DRILL_MEASURES, this.measure, 'revenue');
  }

  /** The drill path: the filter's time keys holding one period each, coarsest first. */
  get path(): DrillStep[] {
    return drillPath(this.filter);
  }

  /** The engine query of the bars: `{ by: [level], filter, models: true }`. */
  get barsQuery(): DrilldownQuery {
    return { by: [this.currentLevel], filter: { ...this.filter }, models: true };
  }

  /** The engine query of the breakdown: `{ by: [dimension], filter, models: true }`. */
  get breakdownQuery(): DrilldownQuery {
    return { by: [this.currentDimension], filter: { ...this.filter }, models: true };
  }

  /** The bars' result (the engine's `DrilldownResult`), or undefined while it loads. */
  get bars(): DrilldownResult | undefined {
    const keyed = this.barsResult;
    return keyed && keyed.key === this.keyOf(this.barsQuery) ? keyed.result : undefined;
  }

  /** The breakdown's result (the engine's `DrilldownResult`, in the engine's order), or undefined while it loads. */
  get breakdown(): DrilldownResult | undefined {
    const keyed = this.breakdownResult;
    return keyed && keyed.key === this.keyOf(this.breakdownQuery) ? keyed.result : undefined;
  }

  private keyOf(query: DrilldownQuery): string {
    return queryKey(query, this.data.request?.asOf);
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusBars) this.restoreBarFocus();
    if (this.focusRow) {
      this.focusRow = false;
      this.activeRowButton()?.focus();
    }
    if (this.data.status !== 'ready') return;
    const bars = this.barsQuery;
    const barsKey = this.keyOf(bars);
    if (barsKey !== this.barsFetched) void this.fetchBars(bars, barsKey);
    const breakdown = this.breakdownQuery;
    const breakdownKey = this.keyOf(breakdown);
    if (breakdownKey !== this.breakdownFetched) void this.fetchBreakdown(breakdown, breakdownKey);
  }

  private async fetchBars(query: DrilldownQuery, key: string): Promise<void> {
    this.barsFetched = key;
    this.progress = undefined;
    const result = await this.data.run(
      ({ engine, dataset, request, signal }) =>
        engine.drilldown(dataset, request, query, {
          signal,
          onProgress: (progress) => {
            if (this.barsFetched === key) this.progress = progress;
          },
        }),
      'bars',
    );
    if (result && this.barsFetched === key) {
      this.barsResult = { key, result };
      const labels = result.keys[0]?.labels ?? [];
      if (this.activeBar === undefined || !labels.includes(this.activeBar)) this.activeBar = labels[0];
    }
  }

  private async fetchBreakdown(query: DrilldownQuery, key: string): Promise<void> {
    this.breakdownFetched = key;
    const result = await this.data.run(
      ({ engine, dataset, request, signal }) => engine.drilldown(dataset, request, query, { signal }),
      'breakdown',
    );
    if (result && this.breakdownFetched === key) {
      this.breakdownResult = { key, result };
      const labels = result.keys[0]?.labels ?? [];
      if (this.activeRow === undefined || !labels.includes(this.activeRow)) this.activeRow = undefined;
      if (this.selectedRow !== undefined && !labels.includes(this.selectedRow)) this.selectedRow = undefined;
    }
  }

  // ---- Drilling ------------------------------------------------------------------------------------------

  /** Drill into the period `label` of the bars' level (nothing below a day). */
  async drillInto(label: string): Promise<void> {
    const level = this.currentLevel;
    const next = childLevel(level);
    if (!next) return;
    const path = [...this.path.filter((step) => step.level !== level), { level, label }];
    path.sort((a, b) => DRILL_LEVELS.indexOf(a.level) - DRILL_LEVELS.indexOf(b.level));
    await this.moveTo(path, next, undefined);
  }

  /** Go back up to step `index` of the path: 0 is the top (all time, years), `n` keeps the first `n` steps. */
  async backTo(index: number): Promise<void> {
    const path = this.path;
    if (index < 0 || index >= path.length) return;
    const kept = path.slice(0, index);
    const left = path[index]!;
    const level = index === 0 ? 'year' : (childLevel(kept.at(-1)!.level) ?? 'day');
    // The bar to focus at the new level: the period we came out of, when it is one of that level.
    await this.moveTo(kept, level, left.level === level ? left.label : undefined);
  }

  private async moveTo(path: readonly DrillStep[], level: DrillLevel, focusLabel: string | undefined) {
    const filter = withPath(this.filter, path);
    this.filter = filter;
    this.level = level;
    this.activeBar = focusLabel;
    this.focusBars = this.focusBars || this.renderRoot.contains(this.shadowActive());
    const last = path.at(-1);
    const period: LensDrillPeriod | null = last
      ? { level: last.level, label: last.label, start: periodStart(last.level, last.label) }
      : null;
    this.dispatchEvent(new LensDrillEvent({ level, filter, period }));
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private shadowActive(): Element | null {
    return (this.renderRoot as ShadowRoot).activeElement ?? null;
  }

  /** Focus the active bar once the new level shows; the bars' panel meanwhile, so focus is not lost. */
  private restoreBarFocus(): void {
    const option = this.activeBarElement();
    if (option && this.bars) {
      this.focusBars = false;
      option.focus();
    } else {
      this.renderRoot.querySelector<HTMLElement>('.time-panel')?.focus();
    }
  }

  private activeBarElement(): HTMLElement | null {
    const options = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')];
    return options.find((el) => el.dataset.label === this.activeBar) ?? options[0] ?? null;
  }

  private activeRowButton(): HTMLElement | null {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row-button"]')];
    return buttons.find((el) => el.dataset.value === this.activeRow) ?? buttons[0] ?? null;
  }

  private onBarsKeyDown = (event: KeyboardEvent) => {
    const result = this.bars;
    const option = (event.target as HTMLElement).closest?.('[role="option"]') as HTMLElement | null;
    if (!result || !option) return;
    const labels = result.keys[0]!.labels;
    const index = labels.indexOf(option.dataset.label ?? '');
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        next = index + 1;
        break;
      case 'ArrowUp':
      case 'ArrowLeft':
        next = index - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = labels.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.focusBars = true;
        void this.drillInto(labels[index]!);
        return;
      case 'Backspace':
      case 'Escape': {
        const path = this.path;
        if (path.length === 0) return;
        event.preventDefault();
        this.focusBars = true;
        void this.backTo(path.length - 1);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.activeBar = labels[Math.min(labels.length - 1, Math.max(0, next))];
    this.focusBars = true;
  };

  private onRowsKeyDown = (event: KeyboardEvent) => {
    const button = (event.target as HTMLElement).closest?.('[part~="row-button"]') as HTMLElement | null;
    if (!button) return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="row-button"]')];
    const index = buttons.indexOf(button);
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = index + 1;
        break;
      case 'ArrowUp':
        next = index - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = buttons.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    this.activeRow = buttons[Math.min(buttons.length - 1, Math.max(0, next))]?.dataset.value;
    this.focusRow = true;
  };

  private async selectRow(value: string): Promise<void> {
    const dimension = this.currentDimension;
    this.activeRow = value;
    this.selectedRow = value;
    this.dispatchEvent(
      new LensDimensionSelectEvent({ dimension, value, label: dimensionName(this.i18n, dimension, value) }),
    );
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onMeasureChange = async (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (!DRILL_MEASURES.includes(value as DrillMeasure) || value === this.currentMeasure) return;
    this.measure = value as DrillMeasure;
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private onDimensionChange = async (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (!DRILL_DIMENSIONS.includes(value as DrillDimension) || value === this.currentDimension) return;
    this.dimension = value as DrillDimension;
    this.selectedRow = undefined;
    this.activeRow = undefined;
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  // ---- Rendering -----------------------------------------------------------------------------------------

  /** The current time selection in words: `All time`, or the innermost period of the path. */
  private scopeName(): string {
    const last = this.path.at(-1);
    return last ? periodName(this.i18n, last.level, last.label) : this.i18n.t('drilldown.scope.all');
  }

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const i18n = this.i18n;
    const bars = this.bars;
    const breakdown = this.breakdown;
    return html`<section
      part="base"
      class="base"
      aria-label=${i18n.t('drilldown.label')}
      aria-busy=${bars && breakdown ? 'false' : 'true'}
    >
      ${this.renderToolbar()} ${this.renderBreadcrumbs()}
      ${bars && bars.length === 0 ? this.renderEmpty() : this.renderPanels(bars, breakdown)}
    </section>`;
  }

  private renderToolbar() {
    const i18n = this.i18n;
    const measure = this.currentMeasure;
    const dimension = this.currentDimension;
    return html`<div part="toolbar" class="toolbar">
      <label class="field">
        <span class="label">${i18n.t('drilldown.measure')}</span>
        <select part="measure-select" .value=${measure} @change=${this.onMeasureChange}>
          ${DRILL_MEASURES.map(
            (value) =>
              html`<option value=${value} ?selected=${value === measure}>${i18n.t(MEASURE_LABELS[value])}</option>`,
          )}
        </select>
      </label>
      <label class="field">
        <span class="label">${i18n.t('drilldown.dimension')}</span>
        <select part="dimension-select" .value=${dimension} @change=${this.onDimensionChange}>
          ${DRILL_DIMENSIONS.map(
            (value) =>
              html`<option value=${value} ?selected=${value === dimension}>
                ${i18n.t(DIMENSION_LABELS[value])}
              </option>`,
          )}
        </select>
      </label>
    </div>`;
  }

  private renderBreadcrumbs() {
    const i18n = this.i18n;
    const path = this.path;
    const crumbs = [
      { name: i18n.t('drilldown.scope.all'), index: 0 },
      ...path.map((step, k) => ({ name: periodName(i18n, step.level, step.label), index: k + 1 })),
    ];
    return html`<nav part="breadcrumbs" class="breadcrumbs" aria-label=${i18n.t('drilldown.path')}>
      <ol>
        ${crumbs.map((crumb) =>
          crumb.index === path.length
            ? html`<li><span part="crumb crumb-current" class="crumb current" aria-current="location">
                ${crumb.name}
              </span></li>`
            : html`<li>
                <button
                  type="button"
                  part="crumb"
                  class="crumb"
                  data-index=${crumb.index}
                  @click=${() => void this.backTo(crumb.index)}
                >
                  ${crumb.name}
                </button>
              </li>`,
        )}
      </ol>
    </nav>`;
  }

  private renderLoading(withProgress: boolean) {
    const i18n = this.i18n;
    const fraction = withProgress ? this.progress?.fraction : undefined;
    const text =
      fraction === undefined
        ? i18n.t('drilldown.loading')
        : `${i18n.t('drilldown.loading')} · ${i18n.format.percent(fraction)}`;
    return loadingState(i18n.t('drilldown.loading'), text, fraction);
  }

  private renderEmpty() {
    const i18n = this.i18n;
    return html`<div part="state state-empty" class="state empty">
      <p class="headline">${i18n.t('drilldown.empty')}</p>
      <p class="hint">${i18n.t('drilldown.emptyHint')}</p>
    </div>`;
  }

  private renderPanels(bars: DrilldownResult | undefined, breakdown: DrilldownResult | undefined) {
    return html`${bars ? this.renderTotal(bars) : nothing}
      <div class="panels">
        <div class="panel time-panel" tabindex="-1">${bars ? this.renderBars(bars) : this.renderLoading(true)}</div>
        <div class="panel breakdown-panel">
          ${breakdown ? this.renderBreakdown(breakdown) : this.renderLoading(false)}
        </div>
      </div>`;
  }

  private renderTotal(result: DrilldownResult) {
    const i18n = this.i18n;
    const { total } = result;
    return html`<p part="total" class="total">
      ${i18n.t('drilldown.total', {
        scope: this.scopeName(),
        revenue: i18n.format.currency(total.revenue),
        orders: total.orders,
        customers: total.customers,
      })}
    </p>`;
  }

  private renderBars(result: DrilldownResult) {
    const i18n = this.i18n;
    const level = this.currentLevel;
    const measure = this.currentMeasure;
    const key = result.keys[0]!;
    const values = Array.from({ length: result.length }, (_, g) => measureAt(result, measure, g));
    const high = Math.max(0, ...values.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0)));
    const active = key.labels.includes(this.activeBar ?? '') ? this.activeBar : key.labels[0];
    const drillable = childLevel(level) !== undefined;
    const title = i18n.t('drilldown.barsTitle', {
      measure: i18n.t(MEASURE_LABELS[measure]),
      level,
      scope: this.scopeName(),
    });
    return html`<p class="panel-title" id="bars-title">${title}</p>
      <p class="visually-hidden" id="bars-hint">
        ${i18n.t(drillable ? 'drilldown.hint' : 'drilldown.hintFinest')}
      </p>
      <div
        part="bars"
        class="bars"
        role="listbox"
        aria-labelledby="bars-title"
        aria-describedby="bars-hint"
        aria-orientation="vertical"
        @keydown=${this.onBarsKeyDown}
      >
        ${key.labels.map((label, g) => {
          const value = values[g]!;
          const isActive = label === active;
          const size = high > 0 && Number.isFinite(value) ? (Math.abs(value) / high) * 100 : 0;
          const name = periodName(i18n, level, label);
          const shown = formatMeasure(i18n, measure, value);
          return html`<div
            role="option"
            part=${isActive ? 'bar bar-active' : 'bar'}
            class=${`bar${isActive ? ' active' : ''}${value < 0 ? ' negative' : ''}${drillable ? ' drillable' : ''}`}
            id=${`bar-${g}`}
            data-label=${label}
            tabindex=${isActive ? '0' : '-1'}
            aria-selected=${isActive ? 'true' : 'false'}
            title=${i18n.t('drilldown.bar', { name, value: shown })}
            @click=${() => {
              this.activeBar = label;
              this.focusBars = true;
              void this.drillInto(label);
            }}
            @focus=${() => {
              if (this.activeBar !== label) this.activeBar = label;
            }}
          >
            <span part="bar-label" class="bar-label">${name}</span>
            <span class="bar-track" aria-hidden="true">
              <span part="bar-fill" class="bar-fill" ${cssProps({ width: `${size.toFixed(2)}%` })}></span>
            </span>
            <span part="bar-value" class="bar-value">${shown}</span>
          </div>`;
        })}
      </div>
      ${this.renderFigures(result)}`;
  }

  /** The bars' figures as a table: every measure per period, for screen readers and copying. */
  private renderFigures(result: DrilldownResult) {
    const i18n = this.i18n;
    const level = this.currentLevel;
    const key = result.keys[0]!;
    return html`<details part="figures" class="figures">
      <summary>${i18n.t('drilldown.figures')}</summary>
      <div class="scroll">
        <table part="figures-table" class="table">
          <thead>
            <tr>
              <th scope="col">${i18n.t(LEVEL_LABELS[level])}</th>
              ${DRILL_MEASURES.map((m) => html`<th scope="col" class="num">${i18n.t(MEASURE_LABELS[m])}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${key.labels.map(
              (label, g) => html`<tr>
                <th scope="row">${periodName(i18n, level, label)}</th>
                ${DRILL_MEASURES.map(
                  (m) => html`<td class="num">${formatMeasure(i18n, m, measureAt(result, m, g))}</td>`,
                )}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
  }

  /** The breakdown's group indices, ranked by the measure (descending; missing values last; ties in engine order). */
  rankedRows(result: DrilldownResult): number[] {
    const measure = this.currentMeasure;
    const rank = (g: number) => {
      const v = measureAt(result, measure, g);
      return Number.isFinite(v) ? v : Number.NEGATIVE_INFINITY;
    };
    return Array.from({ length: result.length }, (_, g) => g).sort((a, b) => rank(b) - rank(a) || a - b);
  }

  private renderBreakdown(result: DrilldownResult) {
    const i18n = this.i18n;
    const measure = this.currentMeasure;
    const dimension = this.currentDimension;
    const key = result.keys[0]!;
    const ranked = this.rankedRows(result);
    const limit = Math.max(1, Math.floor(Number(this.maxRows)) || 10);
    const rows = ranked.slice(0, limit);
    const total = measureTotal(result, measure);
    const share = hasShare(measure);
    const high = Math.max(
      0,
      ...rows.map((g) => {
        const v = measureAt(result, measure, g);
        return Number.isFinite(v) ? Math.abs(v) : 0;
      }),
    );
    const activeRow =
      this.activeRow !== undefined && rows.some((g) => key.labels[g] === this.activeRow)
        ? this.activeRow
        : key.labels[rows[0] ?? 0];
    const selected = this.selectedRow;
    return html`<div class="scroll">
        <table part="breakdown" class="table breakdown" @keydown=${this.onRowsKeyDown}>
          <caption class="panel-title">
            ${i18n.t('drilldown.breakdownCaption', {
              dimension: i18n.t(DIMENSION_LABELS[dimension]),
              measure: i18n.t(MEASURE_LABELS[measure]),
              scope: this.scopeName(),
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num rank">${i18n.t('drilldown.rank')}</th>
              <th scope="col">${i18n.t(DIMENSION_LABELS[dimension])}</th>
              <th scope="col" class="num">${i18n.t(MEASURE_LABELS[measure])}</th>
              ${share ? html`<th scope="col" class="num">${i18n.t('drilldown.share')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${rows.map((g, k) => {
              const value = measureAt(result, measure, g);
              const label = key.labels[g]!;
              const isSelected = label === selected;
              const size = high > 0 && Number.isFinite(value) ? (Math.abs(value) / high) * 100 : 0;
              return html`<tr
                part=${isSelected ? 'row row-selected' : 'row'}
                class=${`row${isSelected ? ' selected' : ''}${value < 0 ? ' negative' : ''}`}
                data-value=${label}
              >
                <td class="num rank">${i18n.format.integer(k + 1)}</td>
                <th scope="row" class="name">
                  <button
                    type="button"
                    part="row-button"
                    class="row-button"
                    data-value=${label}
                    tabindex=${label === activeRow ? '0' : '-1'}
                    aria-pressed=${isSelected ? 'true' : 'false'}
                    @click=${() => void this.selectRow(label)}
                    @focus=${() => {
                      if (this.activeRow !== label) this.activeRow = label;
                    }}
                  >
                    ${dimensionName(i18n, dimension, label)}
                  </button>
                </th>
                <td class="num value">
                  <span class="row-track" aria-hidden="true">
                    <span part="row-fill" class="row-fill" ${cssProps({ width: `${size.toFixed(2)}%` })}></span>
                  </span>
                  <span class="row-value">${formatMeasure(i18n, measure, value)}</span>
                </td>
                ${
                  share
                    ? html`<td class="num share">
                      ${i18n.format.percent(total !== 0 && Number.isFinite(value) ? value / total : Number.NaN, 1)}
                    </td>`
                    : nothing
                }
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${
        result.length === 1 && key.labels[0] === '(none)' && key.kind === 'dimension'
          ? html`<p part="note" class="note">
            ${i18n.t('drilldown.noDimension', { dimension: i18n.t(DIMENSION_LABELS[dimension]) })}
          </p>`
          : nothing
      }
      ${
        ranked.length > rows.length
          ? html`<p part="note" class="note">
            ${i18n.t('drilldown.more', { shown: rows.length, total: ranked.length })}
          </p>`
          : nothing
      }
      <p part="selection" class="selection" role="status">
        ${selected === undefined ? '' : i18n.t('drilldown.selected', { name: dimensionName(i18n, dimension, selected) })}
      </p>`;
  }
}

export {
  type LensDimensionSelectDetail,
  LensDimensionSelectEvent,
  type LensDrillDetail,
  LensDrillEvent,
  type LensDrillPeriod,
} from './drill-events.js';
export type { DrillDimension, DrillFilter, DrillLevel, DrillMeasure } from './drilldown-model.js';
