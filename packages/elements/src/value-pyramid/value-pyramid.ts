import {
  type ChartTheme,
  isTier,
  PYRAMID_DATASET,
  type PyramidRow,
  QUADRANT_DATASETS,
  type QuadrantCustomerRow,
  type QuadrantLabelRow,
  SIGNAL,
  TIERS,
} from '@crm-lens/charts';
import type { ScoreSummary } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LensCustomerOpenEvent } from '../events/customer-open.js';
import { type LensTier, LensTierSelectEvent } from '../events/tier-select.js';
import { enValuePyramid } from '../i18n/en/value-pyramid.js';
import { addEnglish } from '../i18n/locale.js';
import type { Localizer } from '../i18n/localizer.js';
// The chart modules themselves, not their barrel (internal/chart/index.ts): a bundler splitting by module would give
// the (empty) barrel a file of its own.
import { chartStyles } from '../internal/chart/chart.styles.js';
import { readChartTheme } from '../internal/chart/read-chart-theme.js';
import { type ChartDatum, VegaChart } from '../internal/chart/vega-chart.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { StatesController, stateStyles } from '../internal/states.js';
import { tableAlternative } from '../internal/table-alternative.js';
import {
  type CandidateRow,
  CUSTOMER_FIELDS,
  DEFAULT_CANDIDATE_LIMIT,
  DEFAULT_MAX_POINTS,
  decodeCandidates,
  decodeCustomers,
  type PyramidCustomer,
  type PyramidView,
  pyramidRequest,
  sampleCodes,
  type TierSummary,
  tiersInOrder,
  type UpgradableTier,
  withCustomers,
} from './pyramid-data.js';
import { valuePyramidStyles } from './value-pyramid.styles.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enValuePyramid);

/** Upgrade candidates listed at most, whatever `candidate-limit` says. */
const MAX_CANDIDATES = 500;

const NO_CANDIDATES: readonly CandidateRow[] = [];

/** `tier` attribute ↔ property: a tier name (any case), anything else is no selection. */
const tierConverter = {
  fromAttribute: (value: string | null): LensTier | undefined => {
    const tier = value?.trim().toLowerCase();
    return isTier(tier) ? tier : undefined;
  },
  toAttribute: (value: LensTier | undefined): string | null => value ?? null,
};

/** `view` attribute ↔ property: `quadrant`, else `pyramid`. */
const viewConverter = {
  fromAttribute: (value: string | null): PyramidView =>
    value?.trim().toLowerCase() === 'quadrant' ? 'quadrant' : 'pyramid',
  toAttribute: (value: PyramidView): string => value,
};

/** A quadrant point as the chart gets it: the spec's row plus what a click needs. */
type QuadrantPoint = QuadrantCustomerRow & { readonly index: number; readonly hasName: boolean };

/** The customers drawn in the quadrant (a deterministic sample when there are more than `cap`). */
interface QuadrantPoints {
  readonly cap: number;
  readonly rows: readonly PyramidCustomer[];
  /** Customers with a tier (all of them, not only those drawn). */
  readonly total: number;
  readonly sampled: boolean;
}

/**
 * @summary The customer-value pyramid: Platinum, Gold, Iron and Lead customers (high/low current value × high/low
 * potential value) as pyramid bands with their customer counts and value shares, or as the value quadrant (one
 * point per customer, current against potential value, with the two thresholds drawn). Selecting a tier lists its
 * upgrade candidates: the customers closest to the next tier.
 *
 * The thresholds come from the data source (`<lens-data current-threshold potential-threshold>`, median by
 * default) unless the pyramid sets its own `current-threshold` / `potential-threshold`; then it scores the data with
 * them itself (the engine caches each scoring), and its candidates and quadrant use that scoring too.
 *
 * Large data: the quadrant draws at most `max-points` customers (default 5,000) on a canvas: an even,
 * deterministic sample of the data plus the selected tier's upgrade candidates, and says "Showing n of N".
 *
 * Keyboard: the tier list is a listbox. Tab into it, ↑/↓ (or ←/→), Home/End move between tiers, Enter or Space
 * selects the tier (again: clears it), Escape clears the selection. Every chart has a table alternative
 * (`show-table` shows it; it is always there for screen readers). Candidates are buttons.
 *
 * @event lens-tier-select - A person selected a tier or cleared the selection; detail: { tier (null when cleared),
 *   customers }.
 * @event change - The selected tier changed (after the update; read `.tier`).
 * @event lens-customer-open - An upgrade candidate or a quadrant point was activated; detail: { customerId, name?,
 *   index }.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - The bar with the view switch, the thresholds and the table toggle.
 * @csspart view-toggle - A view button (Pyramid / Quadrant; `aria-pressed`).
 * @csspart thresholds - The thresholds in use.
 * @csspart table-toggle - The button that shows or hides the table (`aria-pressed`).
 * @csspart chart - The chart's box (pyramid or quadrant).
 * @csspart tooltip - The chart's tooltip.
 * @csspart tiers - The tier list (listbox).
 * @csspart tier - One tier in the list (also `tier-selected` on the selected one).
 * @csspart swatch - A tier's colour mark.
 * @csspart sample - The "showing n of N customers" line of the quadrant.
 * @csspart table - The table of the tiers (pyramid) or the quadrants (quadrant).
 * @csspart candidates - The upgrade-candidates panel.
 * @csspart candidate - The button of one candidate.
 * @csspart message - A message in place of content (no tier selected, loading, no candidates).
 * @csspart state - The shared loading / idle / empty / error states (see internal/states.ts for their parts).
 *
 * @cssproperty --value-pyramid-padding - Padding around the content (default var(--lens-space-m)).
 * @cssproperty --value-pyramid-gap - Space between the chart, the tier list and the panels (default var(--lens-space-m)).
 * @cssproperty --value-pyramid-chart-height - Height of the pyramid chart (default 16rem).
 * @cssproperty --value-pyramid-quadrant-height - Height of the quadrant chart (default 22rem).
 * @cssproperty --value-pyramid-tier-platinum - Colour of Platinum, in the charts and the list (default var(--lens-tier-platinum)).
 * @cssproperty --value-pyramid-tier-gold - Colour of Gold (default var(--lens-tier-gold)).
 * @cssproperty --value-pyramid-tier-iron - Colour of Iron (default var(--lens-tier-iron)).
 * @cssproperty --value-pyramid-tier-lead - Colour of Lead (default var(--lens-tier-lead)).
 * @cssproperty --value-pyramid-selected-background - Background of the selected tier (default var(--lens-color-surface)).
 * @cssproperty --value-pyramid-selected-color - Marker of the selected tier and pressed buttons (default var(--lens-color-accent)).
 */
export class LensValuePyramid extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, chartStyles, valuePyramidStyles];

  /** The data source, given directly (wins over `source`, `src` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this pyramid alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;
  /** Where high current value starts: `median`, a percentile (`p80`, `80%`) or an amount; default: the data source's (median). */
  @property({ type: String, attribute: 'current-threshold' }) accessor currentThreshold: string | undefined =
    undefined;
  /** Where high potential value starts: `median`, a percentile (`p80`, `80%`) or an amount; default: the data source's (median). */
  @property({ type: String, attribute: 'potential-threshold' }) accessor potentialThreshold:
    | string
    | undefined = undefined;
  /** The chart shown: `pyramid` (default) or `quadrant` (current against potential value, per customer). */
  @property({ attribute: 'view', reflect: true, converter: viewConverter }) accessor view: PyramidView =
    'pyramid';
  /** The selected tier (`platinum`, `gold`, `iron`, `lead`), or undefined; reflected. Setting it fires no event. */
  @property({ attribute: 'tier', reflect: true, converter: tierConverter }) accessor tier:
    | LensTier
    | undefined = undefined;
  /** Upgrade candidates listed for the selected tier (default 10, at most 500). */
  @property({ type: Number, attribute: 'candidate-limit' }) accessor candidateLimit = DEFAULT_CANDIDATE_LIMIT;
  /** Points drawn in the quadrant at most (default 5,000); more customers are sampled evenly. */
  @property({ type: Number, attribute: 'max-points' }) accessor maxPoints = DEFAULT_MAX_POINTS;
  /** Show the table alternative of the chart (it is always available to screen readers). */
  @property({ type: Boolean, attribute: 'show-table', reflect: true }) accessor showTable = false;

  /** The selected tier's upgrade candidates, once fetched. */
  @state() private accessor candidates:
    | { readonly tier: UpgradableTier; readonly limit: number; readonly rows: readonly CandidateRow[] }
    | undefined = undefined;
  /** The quadrant's customers, once fetched. */
  @state() private accessor points: QuadrantPoints | undefined = undefined;
  /** The tier list's focusable option (roving tabindex), 0 = Platinum. */
  @state() private accessor activeIndex = 0;
  /** Move focus to the active option after the next render (keyboard). */
  private focusActive = false;

  /** The data: provider, status, the scoring (with this widget's thresholds), and the engine calls. */
  protected readonly data = new DataController(this, {
    onData: () => this.refresh(),
    request: (provided) => pyramidRequest(provided, this.currentThreshold, this.potentialThreshold),
  });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);

  private readonly pyramidChart = new VegaChart(this, {
    spec: (specs) => specs.pyramid,
    container: () => this.renderRoot.querySelector<HTMLElement>('.pyramid-chart'),
    fitHeight: true,
    theme: (host) => this.chartTheme(host),
    onClick: (datum) => {
      if (isTier(datum.tier)) this.toggle(datum.tier);
    },
  });

  private readonly quadrantChart = new VegaChart(this, {
    spec: (specs) => specs.quadrant,
    // Thousands of points: canvas (the table alternative carries the accessible content).
    renderer: 'canvas',
    container: () => this.renderRoot.querySelector<HTMLElement>('.quadrant-chart'),
    fitHeight: true,
    theme: (host) => this.chartTheme(host),
    onClick: (datum) => this.openPoint(datum),
  });

  /** What the charts were last given (to update them only when something changed). */
  private pyramidKey = '';
  private quadrantInput: readonly unknown[] = [];

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The scoring summary in use (with this widget's thresholds), when ready. */
  get summary(): ScoreSummary | undefined {
    return this.data.status === 'ready' ? this.data.summary : undefined;
  }

  /** The upgrade candidates listed now (empty while loading, without a selection, and for Platinum). */
  get upgradeCandidates(): readonly CandidateRow[] {
    return this.candidates && this.candidates.tier === this.tier ? this.candidates.rows : NO_CANDIDATES;
  }

  /** The chart controllers (for tests and support). */
  get charts(): { readonly pyramid: VegaChart; readonly quadrant: VegaChart } {
    return { pyramid: this.pyramidChart, quadrant: this.quadrantChart };
  }

  private get limit(): number {
    const limit = Math.floor(this.candidateLimit);
    return Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_CANDIDATES) : DEFAULT_CANDIDATE_LIMIT;
  }

  private get pointCap(): number {
    const cap = Math.floor(this.maxPoints);
    return Number.isFinite(cap) && cap > 0 ? cap : DEFAULT_MAX_POINTS;
  }

  // ---- Data ----------------------------------------------------------------------------------------------

  /** A new scoring: start over. */
  private refresh(): void {
    this.candidates = undefined;
    this.points = undefined;
    void this.fetchCandidates();
    if (this.view === 'quadrant') void this.fetchPoints();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('tier') && this.tier) this.activeIndex = TIERS.indexOf(this.tier);
    if (!this.hasUpdated) return;
    if (changed.has('tier') || changed.has('candidateLimit')) void this.fetchCandidates();
    if ((changed.has('view') || changed.has('maxPoints')) && this.view === 'quadrant')
      void this.fetchPoints();
  }

  private async fetchCandidates(): Promise<void> {
    const tier = this.tier;
    const limit = this.limit;
    if (!tier || tier === 'platinum') {
      this.data.abort('candidates');
      return;
    }
    if (this.candidates?.tier === tier && this.candidates.limit === limit) return;
    const rows = await this.data.run(
      async ({ engine, dataset, request, summary, signal }) =>
        decodeCandidates(
          await engine.upgradeCandidates(dataset, request, tier, limit, CUSTOMER_FIELDS, { signal }),
          tier,
          summary.pyramid.thresholds,
        ),
      'candidates',
    );
    if (rows && tier === this.tier) this.candidates = { tier, limit, rows };
  }

  private async fetchPoints(): Promise<void> {
    const cap = this.pointCap;
    if (this.points?.cap === cap) return;
    const points = await this.data.run(async ({ engine, dataset, request, summary, signal }) => {
      const index = sampleCodes(dataset.customers, cap);
      const columns = await engine.customers(dataset, request, CUSTOMER_FIELDS, index, { signal });
      return {
        cap,
        rows: decodeCustomers(columns),
        total: tiersInOrder(summary).reduce((sum, t) => sum + t.customers, 0),
        sampled: index !== undefined,
      };
    }, 'points');
    if (points) this.points = points;
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  /** Select `tier`, or clear the selection when it is the selected one (a person's click, Enter or Space). */
  private toggle(tier: LensTier): void {
    this.select(tier === this.tier ? undefined : tier);
  }

  /** Select a tier (or none) as a person did: fires `lens-tier-select`, then `change` after the update. */
  private select(tier: LensTier | undefined): void {
    if (tier === this.tier) return;
    this.tier = tier;
    const summary = this.summary;
    const customers =
      tier && summary ? (tiersInOrder(summary).find((t) => t.tier === tier)?.customers ?? 0) : 0;
    this.dispatchEvent(new LensTierSelectEvent({ tier: tier ?? null, customers }));
    void this.updateComplete.then(() =>
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true })),
    );
  }

  private onTierKeyDown = (event: KeyboardEvent) => {
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
        next = TIERS.length - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.toggle(TIERS[this.activeIndex]!);
        return;
      case 'Escape':
        if (this.tier) {
          event.preventDefault();
          this.select(undefined);
        }
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeIndex = Math.max(0, Math.min(TIERS.length - 1, next));
    this.focusActive = true;
  };

  private onTierClick(index: number): void {
    this.activeIndex = index;
    this.toggle(TIERS[index]!);
  }

  private setView(view: PyramidView): void {
    this.view = view;
  }

  /** Announce that a customer was opened (the host page shows its record). */
  private open(customer: { id: string; name: string | undefined }, index: number): void {
    this.dispatchEvent(
      new LensCustomerOpenEvent({
        customerId: customer.id,
        ...(customer.name !== undefined ? { name: customer.name } : {}),
        index,
      }),
    );
  }

  private openPoint(datum: ChartDatum): void {
    if (typeof datum.id !== 'string' || typeof datum.index !== 'number') return;
    this.open({ id: datum.id, name: datum.hasName ? String(datum.name) : undefined }, datum.index);
  }

  // ---- Charts --------------------------------------------------------------------------------------------

  /** The chart theme: the tokens, with the tier colours from this element's own custom properties. */
  private chartTheme(host: HTMLElement): ChartTheme {
    const theme = readChartTheme(host);
    const style = getComputedStyle(host);
    const tiers = { ...theme.tiers };
    for (const tier of TIERS) {
      const colour = style.getPropertyValue(`--value-pyramid-tier-${tier}`).trim();
      if (colour) tiers[tier] = colour;
    }
    return { ...theme, tiers };
  }

  private pyramidRows(tiers: readonly TierSummary[]): PyramidRow[] {
    const i18n = this.i18n;
    return tiers.map((t) => ({
      tier: t.tier,
      label: i18n.tier(t.tier),
      customers: t.customers,
      customerShare: t.customerShare,
      currentValue: t.currentValue,
      currentShare: t.currentShare,
      potentialValue: t.potentialValue,
      potentialShare: t.potentialShare,
      selected: t.tier === this.tier,
      countText: i18n.t('pyramid.count', { count: t.customers }),
      shareText: i18n.t('pyramid.valueShare', { share: t.currentShare }),
      tooltip: this.tierTooltip(t),
    }));
  }

  private tierTooltip(t: TierSummary): string {
    return this.i18n.t('pyramid.tooltip', {
      tier: this.i18n.tier(t.tier),
      customers: t.customers,
      customerShare: t.customerShare,
      current: t.currentValue,
      currentShare: t.currentShare,
      potential: t.potentialValue,
      potentialShare: t.potentialShare,
    });
  }

  private quadrantRows(customers: readonly PyramidCustomer[]): QuadrantPoint[] {
    const i18n = this.i18n;
    const f = i18n.format;
    const labels = Object.fromEntries(TIERS.map((tier) => [tier, i18n.tier(tier)]));
    const current = i18n.t('pyramid.col.current');
    const potential = i18n.t('pyramid.col.potential');
    return customers.map((c, index) => {
      const name = c.name ?? c.id;
      return {
        id: c.id,
        name,
        current: c.current,
        potential: c.potential,
        tier: c.tier,
        tierLabel: labels[c.tier]!,
        tooltip: `${c.name ? `${c.name} (${c.id})` : c.id}\n${labels[c.tier]}\n${current}: ${f.currency(c.current)}\n${potential}: ${f.currency(c.potential)}`,
        index,
        hasName: c.name !== undefined,
      };
    });
  }

  /** The customers drawn in the quadrant: the sample, plus the selected tier's candidates. */
  private get quadrantCustomers(): readonly PyramidCustomer[] {
    return withCustomers<PyramidCustomer>(this.points?.rows ?? [], this.upgradeCandidates);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('view')) {
      // Release the chart that is not shown; it draws again when its view comes back.
      if (this.view === 'pyramid') this.quadrantChart.finalize();
      else this.pyramidChart.finalize();
    }
    if (this.focusActive) {
      this.focusActive = false;
      this.renderRoot
        .querySelector<HTMLElement>(`[part~="tier"][data-tier="${TIERS[this.activeIndex]}"]`)
        ?.focus();
    }
    const summary = this.summary;
    if (!summary) return;
    const i18n = this.i18n;
    if (this.view === 'pyramid') {
      const rows = this.pyramidRows(tiersInOrder(summary));
      const key = JSON.stringify(rows);
      if (key !== this.pyramidKey) {
        this.pyramidKey = key;
        this.pyramidChart.setData(PYRAMID_DATASET, rows);
        this.pyramidChart.describe(i18n.t('pyramid.chartLabel'));
      }
      return;
    }
    this.pyramidKey = '';
    const input = [this.points, this.upgradeCandidates, summary, this.resolvedLocale, this.displayCurrency];
    if (input.length === this.quadrantInput.length && input.every((v, i) => v === this.quadrantInput[i]))
      return;
    this.quadrantInput = input;
    const chart = this.quadrantChart;
    chart.setSignal(SIGNAL.xTitle, i18n.t('pyramid.axis.current', { currency: this.displayCurrency }));
    chart.setSignal(SIGNAL.yTitle, i18n.t('pyramid.axis.potential', { currency: this.displayCurrency }));
    chart.setSignal(SIGNAL.valueFormat, '~s');
    chart.setData(QUADRANT_DATASETS.thresholds, [{ ...summary.pyramid.thresholds }]);
    chart.setData(
      QUADRANT_DATASETS.quadrants,
      TIERS.map((tier): QuadrantLabelRow => ({ tier, label: i18n.tier(tier) })),
    );
    chart.setData(QUADRANT_DATASETS.customers, this.quadrantRows(this.quadrantCustomers));
    chart.describe(i18n.t('pyramid.quadrant.chartLabel'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.candidates = undefined;
    this.points = undefined;
    this.pyramidKey = '';
    this.quadrantInput = [];
  }

  // ---- Rendering -----------------------------------------------------------------------------------------

  protected override render() {
    const summary = this.summary;
    if (!summary) return this.states.render(this.i18n);
    const i18n = this.i18n;
    const tiers = tiersInOrder(summary);
    const placed = tiers.reduce((sum, t) => sum + t.customers, 0);
    return html`<section part="base" class="base" aria-label=${i18n.t('pyramid.label')}>
      ${this.renderToolbar(summary)}
      ${
        placed === 0
          ? html`<p part="message" class="message">${i18n.t('pyramid.noTiers')}</p>`
          : html`<div class="body">
              <div class="chart-area">
                ${this.view === 'pyramid' ? this.renderPyramid() : this.renderQuadrant()}
              </div>
              ${this.renderTierList(tiers)}
            </div>
            ${this.view === 'pyramid' ? this.renderTierTable(tiers) : this.renderQuadrantTable(summary, tiers)}
            ${this.renderCandidates(tiers)}`
      }
    </section>`;
  }

  private renderToolbar(summary: ScoreSummary) {
    const i18n = this.i18n;
    const { current, potential } = summary.pyramid.thresholds;
    const views: PyramidView[] = ['pyramid', 'quadrant'];
    return html`<div part="toolbar" class="toolbar">
      <div class="views" role="group" aria-label=${i18n.t('pyramid.views')}>
        ${views.map(
          (view) => html`<button
            type="button"
            part="view-toggle"
            class="toggle"
            data-view=${view}
            aria-pressed=${this.view === view ? 'true' : 'false'}
            @click=${() => this.setView(view)}
          >
            ${i18n.t(view === 'pyramid' ? 'pyramid.view.pyramid' : 'pyramid.view.quadrant')}
          </button>`,
        )}
      </div>
      <p part="thresholds" class="thresholds">${i18n.t('pyramid.thresholds', { current, potential })}</p>
      <button
        type="button"
        part="table-toggle"
        class="toggle"
        aria-pressed=${this.showTable ? 'true' : 'false'}
        @click=${() => {
          this.showTable = !this.showTable;
        }}
      >
        ${i18n.t('pyramid.tableToggle')}
      </button>
    </div>`;
  }

  private renderPyramid() {
    return html`<div part="chart" class="chart pyramid-chart"></div>`;
  }

  private renderQuadrant() {
    const i18n = this.i18n;
    const points = this.points;
    return html`<div part="chart" class="chart quadrant-chart"></div>
      <p part="sample" class="sample" role="status">
        ${
          points
            ? i18n.t('pyramid.sample', { shown: this.quadrantCustomers.length, total: points.total })
            : i18n.t('pyramid.quadrantLoading')
        }
        ${points?.sampled ? html`<span class="note">${i18n.t('pyramid.sampleNote')}</span>` : nothing}
      </p>`;
  }

  private renderTierList(tiers: readonly TierSummary[]) {
    const i18n = this.i18n;
    return html`<div
      part="tiers"
      class="tiers"
      role="listbox"
      aria-label=${i18n.t('pyramid.tiers')}
      @keydown=${this.onTierKeyDown}
    >
      ${tiers.map((t, index) => {
        const selected = t.tier === this.tier;
        return html`<div
          part=${selected ? 'tier tier-selected' : 'tier'}
          class=${`tier tier-${t.tier}${selected ? ' selected' : ''}`}
          role="option"
          id=${`tier-${t.tier}`}
          data-tier=${t.tier}
          aria-selected=${selected ? 'true' : 'false'}
          tabindex=${index === this.activeIndex ? '0' : '-1'}
          @click=${() => this.onTierClick(index)}
        >
          <span part="swatch" class="swatch" aria-hidden="true"></span>
          <span class="name">${i18n.tier(t.tier)}</span>
          <span class="count">${i18n.t('pyramid.count', { count: t.customers })}</span>
          <span class="share">${i18n.t('pyramid.valueShare', { share: t.currentShare })}</span>
        </div>`;
      })}
    </div>`;
  }

  /** The table's wrapper: visible (and scrollable by keyboard) with `show-table`, else for screen readers only. */
  private renderTierTable(tiers: readonly TierSummary[]) {
    const i18n = this.i18n;
    const f = i18n.format;
    const caption = i18n.t('pyramid.table.caption');
    return tableAlternative(
      this.showTable,
      caption,
      html`<table part="table" class="data-table tier-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${i18n.t('pyramid.col.tier')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.customers')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.customerShare')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.current')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.currentShare')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.potential')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.potentialShare')}</th>
          </tr>
        </thead>
        <tbody>
          ${tiers.map(
            (t) => html`<tr data-tier=${t.tier}>
              <th scope="row">${i18n.tier(t.tier)}</th>
              <td class="numeric">${f.integer(t.customers)}</td>
              <td class="numeric">${f.percent(t.customerShare, 1)}</td>
              <td class="numeric">${f.currency(t.currentValue)}</td>
              <td class="numeric">${f.percent(t.currentShare, 1)}</td>
              <td class="numeric">${f.currency(t.potentialValue)}</td>
              <td class="numeric">${f.percent(t.potentialShare, 1)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`,
    );
  }

  private renderQuadrantTable(summary: ScoreSummary, tiers: readonly TierSummary[]) {
    const i18n = this.i18n;
    const f = i18n.format;
    const { current, potential } = summary.pyramid.thresholds;
    const caption = i18n.t('pyramid.quadrant.caption');
    const side = (high: boolean, value: number) =>
      high ? i18n.t('pyramid.above', { value }) : i18n.t('pyramid.atOrBelow', { value });
    return tableAlternative(
      this.showTable,
      caption,
      html`<table part="table" class="data-table quadrant-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${i18n.t('pyramid.col.quadrant')}</th>
            <th scope="col">${i18n.t('pyramid.col.current')}</th>
            <th scope="col">${i18n.t('pyramid.col.potential')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.customers')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.customerShare')}</th>
          </tr>
        </thead>
        <tbody>
          ${tiers.map((t) => {
            const highCurrent = t.tier === 'platinum' || t.tier === 'gold';
            const highPotential = t.tier === 'platinum' || t.tier === 'iron';
            return html`<tr data-tier=${t.tier}>
              <th scope="row">${i18n.tier(t.tier)}</th>
              <td>${side(highCurrent, current)}</td>
              <td>${side(highPotential, potential)}</td>
              <td class="numeric">${f.integer(t.customers)}</td>
              <td class="numeric">${f.percent(t.customerShare, 1)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`,
    );
  }

  private renderCandidates(tiers: readonly TierSummary[]) {
    const i18n = this.i18n;
    const tier = this.tier;
    return html`<section part="candidates" class="candidates" aria-label=${i18n.t('pyramid.candidates.title')}>
      <p class="title">${i18n.t('pyramid.candidates.title')}</p>
      ${this.renderCandidateContent(i18n, tier, tiers)}
    </section>`;
  }

  private renderCandidateContent(i18n: Localizer, tier: LensTier | undefined, tiers: readonly TierSummary[]) {
    const message = (text: string, status = false) =>
      html`<p part="message" class="message" role=${status ? 'status' : nothing}>${text}</p>`;
    if (!tier) return message(i18n.t('pyramid.candidates.hint'));
    if (tier === 'platinum') return message(i18n.t('pyramid.candidates.top', { tier: i18n.tier(tier) }));
    if (tiers.find((t) => t.tier === tier)?.customers === 0)
      return message(i18n.t('pyramid.candidates.none'));
    if (this.candidates?.tier !== tier) return message(i18n.t('pyramid.candidates.loading'), true);
    const rows = this.candidates.rows;
    if (rows.length === 0) return message(i18n.t('pyramid.candidates.none'));
    const f = i18n.format;
    const caption = i18n.t('pyramid.candidates.caption', { tier: i18n.tier(tier) });
    return html`<div class="table-wrap">
      <table class="data-table candidate-table">
        <caption>${caption}</caption>
        <thead>
          <tr>
            <th scope="col">${i18n.t('pyramid.col.customer')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.current')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.potential')}</th>
            <th scope="col" class="numeric">${i18n.t('pyramid.col.gap')}</th>
            <th scope="col">${i18n.t('pyramid.col.target')}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row, index) => html`<tr data-customer-id=${row.id}>
              <th scope="row">
                <button type="button" part="candidate" class="candidate" @click=${() => this.open(row, index)}>
                  <span class="name">${row.name ?? row.id}</span>
                  ${row.name !== undefined ? html`<span class="id">${row.id}</span>` : nothing}
                </button>
              </th>
              <td class="numeric">${f.currency(row.current)}</td>
              <td class="numeric">${f.currency(row.potential)}</td>
              <td class="numeric">${i18n.t('pyramid.gap', { gap: Math.max(0, row.gap), via: row.via })}</td>
              <td class="target">${i18n.tier(row.target)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}
