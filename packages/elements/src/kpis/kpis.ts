import type { KpisResult, PeriodQuery, Progress } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { enKpis } from '../i18n/en/kpis.js';
import { addEnglish } from '../i18n/locale.js';
import { cssProps } from '../internal/css-props.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { kpisStyles } from './kpis.styles.js';
import { type LensPeriod, LensPeriodChangeEvent, PERIODS, parseAsOf, periodOf } from './period.js';
import { PERIOD_LABELS, periodName } from './period-labels.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enKpis);

/** Periods shown in the retention trend (the latest ones). */
export const TREND_PERIODS = 12;

/** The figures of the strip, in order (`data-kpi` of each figure). */
export type KpiName = 'repeat-purchase-rate' | 'retention-rate' | 'days-between-orders';

/** The query's key, to know whether a result answers the current `period` and `as-of`. */
function queryKey(query: PeriodQuery): string {
  return `${query.period}|${query.asOf ?? ''}`;
}

/**
 * @summary Loyalty indicators as a strip of labelled figures: the repeat-purchase rate, the retention rate per
 * period (with the latest periods as a small trend) and the average days between orders, from the engine's
 * `kpis` (core's `loyaltyIndicators`) by calendar month, quarter, year or week.
 *
 * Orders are purchase occasions (one per customer and UTC day). The headline retention rate pools the complete
 * periods after the first (a partial last period is left out); see docs/methods/cohorts-and-kpis.md.
 *
 * @event lens-period-change - A person chose another period in the period select; detail: { period, previous }.
 *   A native `change` follows once the strip shows the new period's figures are being loaded.
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 *
 * @csspart base - The strip's wrapper.
 * @csspart toolbar - The bar with the period select.
 * @csspart period-select - The period select.
 * @csspart figures - The list of figures.
 * @csspart figure - One figure (also `figure-repeat-purchase-rate`, `figure-retention-rate`,
 *   `figure-days-between-orders`).
 * @csspart label - A figure's label.
 * @csspart value - A figure's value.
 * @csspart detail - A figure's line of detail.
 * @csspart trend - The retention rate of the latest periods, as bars.
 * @csspart trend-bar - One bar of the trend.
 * @csspart note - The note on a partial last period.
 * @csspart state - The shared loading / idle / empty / error states (and `progress`, `retry`, …).
 *
 * @cssproperty --kpis-padding - Padding around the strip (default var(--lens-space-m)).
 * @cssproperty --kpis-gap - Space between the figures (default var(--lens-space-m)).
 * @cssproperty --kpis-figure-min-width - Narrowest a figure gets before the strip wraps (default 12rem).
 * @cssproperty --kpis-figure-background - Background of a figure (default var(--lens-color-surface)).
 * @cssproperty --kpis-value-size - Font size of the values (default 1.75rem).
 * @cssproperty --kpis-value-color - Colour of the values (default var(--lens-color-text)).
 * @cssproperty --kpis-trend-color - Colour of the trend's bars (default var(--lens-color-accent)).
 * @cssproperty --kpis-trend-height - Height of the trend (default 2rem).
 */
export class LensKpis extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, kpisStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the strip is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this strip alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Calendar period (UTC) of the retention rate and trend: `month` (default), `quarter`, `year` or `week`. */
  @property({ type: String, attribute: 'period', reflect: true }) accessor period: LensPeriod = 'month';
  /** Analysis date (`1998-06-30`): later orders are ignored. Default: the data source's `as-of`, else the latest order. */
  @property({ type: String, attribute: 'as-of' }) accessor asOf: string | undefined = undefined;

  /** The engine's indicators for the current query, once they arrived. */
  @state() private accessor result: KpisResult | undefined = undefined;
  /** Progress of the pending `kpis` call. */
  @state() private accessor progress: Progress | undefined = undefined;
  private resultKey: string | undefined;
  /** The query last sent (undefined: send one at the next update). */
  private fetchedKey: string | undefined;

  /** The data: provider, status, and the strip's `kpis` call. */
  protected readonly data = new DataController(this, {
    onData: () => {
      this.fetchedKey = undefined;
      this.result = undefined;
      this.resultKey = undefined;
    },
  });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);

  /** The period in use (`month` for an unknown `period`). */
  get currentPeriod(): LensPeriod {
    return periodOf(this.period);
  }

  /** The engine query of the current view. */
  get query(): PeriodQuery {
    const asOf = parseAsOf(this.asOf) ?? this.data.request.asOf;
    return { period: this.currentPeriod, ...(asOf === undefined ? {} : { asOf }) };
  }

  /** The indicators shown (the engine's `KpisResult`), or undefined while they load. */
  get indicators(): KpisResult | undefined {
    return this.resultKey === queryKey(this.query) ? this.result : undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.data.status !== 'ready') return;
    const query = this.query;
    const key = queryKey(query);
    if (key !== this.fetchedKey) void this.fetch(query, key);
  }

  private async fetch(query: PeriodQuery, key: string): Promise<void> {
    this.fetchedKey = key;
    this.progress = undefined;
    const result = await this.data.run(({ engine, dataset, signal }) =>
      engine.kpis(dataset, query, {
        signal,
        onProgress: (progress) => {
          if (this.fetchedKey === key) this.progress = progress;
        },
      }),
    );
    if (result && this.fetchedKey === key) {
      this.result = result;
      this.resultKey = key;
    }
  }

  private onPeriodChange = async (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as LensPeriod;
    const previous = this.currentPeriod;
    if (!PERIODS.includes(value) || value === previous) return;
    this.period = value;
    this.dispatchEvent(new LensPeriodChangeEvent({ period: value, previous }));
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  // ---- Rendering -----------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const i18n = this.i18n;
    const result = this.indicators;
    return html`<section part="base" class="base" aria-label=${i18n.t('kpis.label')} aria-busy=${result ? 'false' : 'true'}>
      ${this.renderToolbar()}
      ${!result ? this.renderLoading() : result.customers === 0 ? this.renderEmpty() : this.renderFigures(result)}
    </section>`;
  }

  private renderToolbar() {
    const i18n = this.i18n;
    const period = this.currentPeriod;
    return html`<div part="toolbar" class="toolbar">
      <label class="field">
        <span class="label">${i18n.t('kpis.period')}</span>
        <select part="period-select" .value=${period} @change=${this.onPeriodChange}>
          ${PERIODS.map(
            (value) =>
              html`<option value=${value} ?selected=${value === period}>${i18n.t(PERIOD_LABELS[value])}</option>`,
          )}
        </select>
      </label>
    </div>`;
  }

  /** Waiting for the engine's indicators: the look of the shared loading state. */
  private renderLoading() {
    const i18n = this.i18n;
    const fraction = this.progress?.fraction;
    const text =
      fraction === undefined
        ? i18n.t('kpis.loading')
        : `${i18n.t('kpis.loading')} · ${i18n.format.percent(fraction)}`;
    return loadingState(i18n.t('kpis.loading'), text, fraction);
  }

  private renderEmpty() {
    const i18n = this.i18n;
    return html`<div part="state state-empty" class="state empty">
      <p class="headline">${i18n.t('kpis.empty')}</p>
      <p class="hint">${i18n.t('kpis.emptyHint')}</p>
    </div>`;
  }

  private renderFigures(result: KpisResult) {
    const i18n = this.i18n;
    const f = i18n.format;
    const period = this.currentPeriod;
    const latest = latestComplete(result);
    const name = (index: number) => periodName(i18n, period, result.series.start[index] ?? Number.NaN);
    return html`<dl part="figures" class="figures">
        ${this.renderFigure(
          'repeat-purchase-rate',
          i18n.t('kpis.repeat.label'),
          f.percent(result.repeatPurchaseRate, 1),
          i18n.t('kpis.repeat.detail', { repeat: result.repeatCustomers, customers: result.customers }),
        )}
        ${this.renderFigure(
          'retention-rate',
          i18n.t('kpis.retention.label', { period }),
          f.percent(result.retentionRate, 1),
          latest === undefined
            ? i18n.t('kpis.retention.none', { period })
            : i18n.t('kpis.retention.detail', {
                name: name(latest),
                rate: f.percent(result.series.retentionRate[latest]!, 1),
              }),
          this.renderTrend(result),
        )}
        ${this.renderFigure(
          'days-between-orders',
          i18n.t('kpis.days.label'),
          f.decimal(result.averageDaysBetweenOrders),
          i18n.t('kpis.days.detail', { median: f.decimal(result.medianDaysBetweenOrders) }),
        )}
      </dl>
      ${
        result.partialLastPeriod
          ? html`<p part="note" class="note">
            ${i18n.t('kpis.partial', { period, name: name(result.series.length - 1) })}
          </p>`
          : nothing
      }`;
  }

  private renderFigure(kpi: KpiName, label: string, value: string, detail: string, extra: unknown = nothing) {
    return html`<div part=${`figure figure-${kpi}`} class="figure" data-kpi=${kpi}>
      <dt part="label" class="label">${label}</dt>
      <dd part="value" class="value">${value}</dd>
      <dd part="detail" class="detail">${detail}</dd>
      ${extra}
    </div>`;
  }

  /** The retention rate of the latest periods: bars with their figures in words for screen readers. */
  private renderTrend(result: KpisResult) {
    const i18n = this.i18n;
    const period = this.currentPeriod;
    const { series } = result;
    const from = Math.max(1, series.length - TREND_PERIODS);
    const indices = Array.from({ length: series.length - from }, (_, k) => from + k);
    if (indices.length < 2) return nothing;
    return html`<dd class="trend-wrap">
      <ol part="trend" class="trend" aria-label=${i18n.t('kpis.trend', { period, n: indices.length })}>
        ${indices.map((index) => {
          const rate = series.retentionRate[index]!;
          const label = i18n.t('kpis.trendItem', {
            name: periodName(i18n, period, series.start[index]!),
            rate: i18n.format.percent(rate, 1),
          });
          const height = Number.isFinite(rate) ? Math.max(2, Math.round(rate * 100)) : 0;
          return html`<li part="trend-bar" class="bar" title=${label}>
            <span class="bar-fill" aria-hidden="true" ${cssProps({ height: `${height}%` })}></span>
            <span class="visually-hidden">${label}</span>
          </li>`;
        })}
      </ol>
    </dd>`;
  }
}

/** The latest period with a retention rate, leaving out a partial last period; undefined if none. */
function latestComplete(result: KpisResult): number | undefined {
  const { series } = result;
  const last = series.length - (result.partialLastPeriod ? 2 : 1);
  for (let index = last; index >= 1; index--) {
    if (Number.isFinite(series.retentionRate[index])) return index;
  }
  return undefined;
}

export { type LensPeriod, type LensPeriodChangeDetail, LensPeriodChangeEvent } from './period.js';
