import type { ChurnQuery } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { LensCustomerOpenEvent } from '../events/customer-open.js';
import { LensExportEvent } from '../events/export.js';
import { enChurnList } from '../i18n/en/churn-list.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import { cssProps } from '../internal/css-props.js';
import { type CsvCell, csvText } from '../internal/csv.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { DownloadController } from '../internal/download.js';
import { LensElement } from '../internal/lens-element.js';
import { StatesController, stateStyles } from '../internal/states.js';
import { churnListStyles } from './churn-list.styles.js';
import {
  BANDS,
  type ChurnBand,
  type ChurnRow,
  type ChurnSort,
  type ChurnTier,
  decodeRows,
  listConverter,
  ROW_FIELDS,
  SORT_KEYS,
  SORTS,
  TIERS,
} from './churn-rows.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enChurnList);

/** Rows fetched per engine call while scrolling. */
export const PAGE_SIZE = 100;
/** Rows fetched per engine call while exporting. */
export const EXPORT_CHUNK = 5000;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 6;
/** Pages kept in memory; the farthest from the view go first. */
const MAX_PAGES = 40;
/** Row height assumed before the first row is measured. */
const DEFAULT_ROW_PX = 48;

type Column = {
  readonly key: string;
  readonly label: MessageKey;
  readonly sort?: ChurnSort;
  readonly numeric?: boolean;
};

const COLUMNS: readonly Column[] = [
  { key: 'customer', label: 'churn.col.customer' },
  { key: 'tier', label: 'churn.col.tier' },
  { key: 'risk', label: 'churn.col.risk', sort: 'risk', numeric: true },
  { key: 'reasons', label: 'churn.col.reasons' },
  { key: 'last-purchase', label: 'churn.col.lastPurchase', numeric: true },
  { key: 'interval', label: 'churn.col.interval', numeric: true },
  { key: 'value-at-risk', label: 'churn.col.valueAtRisk', sort: 'value-at-risk', numeric: true },
  { key: 'clv', label: 'churn.col.clv', sort: 'clv', numeric: true },
];

/** Keys that move the active row. */
const NAVIGATION_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

/**
 * @summary The customers at risk of leaving, ordered by the value at risk: why each is at risk (in words), when
 * they last bought, how often they usually buy, and what losing them would cost. Filter by risk band and tier,
 * search by name or id, sort by value at risk, risk or lifetime value, and export the whole view as CSV.
 *
 * Only the visible rows are in the DOM; pages of rows are fetched from the engine (which filters and sorts in
 * its worker) as the list scrolls, so it stays smooth with hundreds of thousands of customers.
 *
 * Keyboard: focus the list, then ↑/↓, Page Up/Down, Home/End move the active row; Enter or Space opens it.
 *
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 * @event lens-customer-open - A row was activated (click, Enter, Space); detail: { customerId, name?, index }.
 * @event lens-export - The CSV export is ready (cancelable: call preventDefault() to handle `detail.content`
 *   yourself instead of the download); detail: { format, filename, content, rows }.
 *
 * @csspart base - The wrapper of toolbar and table.
 * @csspart toolbar - The filter, search, count and export bar.
 * @csspart band-filter - The group of risk-band toggle buttons.
 * @csspart band-toggle - One risk-band toggle button.
 * @csspart tier-filter - The tier select.
 * @csspart search - The search input.
 * @csspart count - The number of matching customers.
 * @csspart export - The export button.
 * @csspart table - The scrolling grid.
 * @csspart header - The header row.
 * @csspart header-cell - One column header.
 * @csspart sort-button - The button of a sortable column header.
 * @csspart row - A customer row (also `row-active` on the active one).
 * @csspart cell - A cell.
 * @csspart tier - The tier badge in a row.
 * @csspart band - The risk-band badge in a row.
 * @csspart reasons - The reasons text in a row.
 * @csspart message - The "no customers match" / loading row.
 * @csspart state - The shared loading / idle / empty / error states.
 *
 * @cssproperty --churn-list-height - Height of the scrolling table (default 24rem).
 * @cssproperty --churn-list-row-height - Height of a row (default 3rem).
 * @cssproperty --churn-list-columns - The columns' grid-template-columns.
 * @cssproperty --churn-list-min-width - Width below which the table scrolls sideways (default 64rem).
 * @cssproperty --churn-list-header-background - Header background (default var(--lens-color-surface)).
 * @cssproperty --churn-list-row-hover - Background of the row under the pointer (default var(--lens-color-surface)).
 * @cssproperty --churn-list-active-color - Marker of the active row (default var(--lens-color-accent)).
 * @cssproperty --churn-list-band-high - Colour of the high band (default var(--lens-color-danger)).
 * @cssproperty --churn-list-band-medium - Colour of the medium band (default var(--lens-color-warning)).
 * @cssproperty --churn-list-band-low - Colour of the low band (default var(--lens-color-success)).
 */
export class LensChurnList extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, churnListStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the list is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this list alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Risk bands to show, e.g. `high,medium` (empty: all). */
  @property({ attribute: 'bands', converter: listConverter(BANDS) }) accessor bands: readonly ChurnBand[] =
    [];
  /** Value tiers to show, e.g. `platinum,gold` (empty: all). */
  @property({ attribute: 'tiers', converter: listConverter(TIERS) }) accessor tiers: readonly ChurnTier[] =
    [];
  /** Show customers whose name or id contains this text (case-insensitive). */
  @property({ type: String, attribute: 'search' }) accessor search = '';
  /** Order, largest first: `value-at-risk` (default), `risk` or `clv`. */
  @property({ type: String, attribute: 'sort', reflect: true }) accessor sort: ChurnSort = 'value-at-risk';
  /** Milliseconds the search box waits after typing before it filters. */
  @property({ type: Number, attribute: 'search-delay' }) accessor searchDelay = 250;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;
  /** File name of the CSV export, without `.csv` (default: "customers-at-risk"). */
  @property({ type: String, attribute: 'export-filename' }) accessor exportFilename: string | undefined =
    undefined;

  /** Matching customers (all pages), once the first page arrived. */
  @state() private accessor total: number | undefined = undefined;
  @state() private accessor scrollOffset = 0;
  @state() private accessor viewportPx = 0;
  @state() private accessor rowPx = DEFAULT_ROW_PX;
  @state() private accessor activeIndex = 0;
  @state() private accessor exporting = false;

  /** The scrolling grid, once rendered. */
  private get grid(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="table"]');
  }

  /** The data: provider, status, and the engine calls of this list. */
  protected readonly data = new DataController(this, { onData: () => this.restart() });
  protected readonly states = new StatesController(this, this.data);
  private readonly downloads = new DownloadController(this);

  /** Decoded pages by page number, for the current query. */
  private pages = new Map<number, readonly ChurnRow[]>();
  private pending = new Set<number>();
  /** Bumped whenever the query changes: answers for an older query are dropped. */
  private generation = 0;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private resize: ResizeObserver | undefined;
  /** The grid should scroll to the top after the next render (new query). */
  private resetScroll = false;
  /** The grid should bring the active row into view after the next render (keyboard). */
  private revealActive = false;

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /** The query of the current view (filters, search, sort), without paging. */
  get currentQuery(): Omit<ChurnQuery, 'offset' | 'limit'> {
    return {
      ...(this.bands.length > 0 && this.bands.length < BANDS.length ? { bands: [...this.bands] } : {}),
      ...(this.tiers.length > 0 && this.tiers.length < TIERS.length ? { tiers: [...this.tiers] } : {}),
      ...(this.search.trim() ? { search: this.search.trim() } : {}),
      sort: SORT_KEYS[this.effectiveSort],
      fields: ROW_FIELDS,
      reasons: true,
    };
  }

  /** The sort in use (an unknown `sort` value means the default). */
  private get effectiveSort(): ChurnSort {
    return SORTS.includes(this.sort) ? this.sort : 'value-at-risk';
  }

  /** Matching customers, once known. */
  get rowCount(): number | undefined {
    return this.total;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.resize ??= new ResizeObserver(() => this.measure());
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    this.resize?.disconnect();
    this.pages.clear();
    this.pending.clear();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (
      this.hasUpdated &&
      (changed.has('bands') || changed.has('tiers') || changed.has('search') || changed.has('sort'))
    ) {
      this.restart();
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const grid = this.grid;
    if (!grid) return;
    this.resize?.observe(grid);
    if (this.resetScroll) {
      this.resetScroll = false;
      grid.scrollTop = 0;
    }
    if (this.revealActive) {
      this.revealActive = false;
      this.reveal(grid);
    }
    this.measure();
    this.ensurePages();
  }

  /** Start over: a new dataset, scoring or query. */
  private restart(): void {
    this.generation++;
    this.data.abort();
    this.pages = new Map();
    this.pending = new Set();
    this.total = undefined;
    this.activeIndex = 0;
    this.scrollOffset = 0;
    this.resetScroll = true;
    this.fetchPage(0);
  }

  /** Read the viewport and row heights (layout is read here, never in render). */
  private measure(): void {
    const grid = this.grid;
    if (!grid) return;
    const viewport = grid.clientHeight - this.headerPx(grid);
    if (viewport > 0 && viewport !== this.viewportPx) this.viewportPx = viewport;
    const row = grid.querySelector<HTMLElement>('[part~="row"]');
    const height = row?.offsetHeight ?? 0;
    if (height > 0 && height !== this.rowPx) this.rowPx = height;
  }

  private headerPx(grid: HTMLElement): number {
    return grid.querySelector<HTMLElement>('[part~="header"]')?.offsetHeight ?? 0;
  }

  /** The rows to render: the visible ones and a few around them. */
  private get window(): { start: number; end: number } {
    const total = this.total ?? 0;
    const visible = Math.ceil((this.viewportPx || 10 * this.rowPx) / this.rowPx) + 1;
    const first = Math.floor(this.scrollOffset / this.rowPx);
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(total, first + visible + OVERSCAN);
    return { start, end };
  }

  /** Fetch the pages the window needs, and forget pages far from it. */
  private ensurePages(): void {
    if (this.data.status !== 'ready' || this.total === undefined || this.total === 0) return;
    const { start, end } = this.window;
    if (end <= start) return;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    for (let page = first; page <= last; page++) this.fetchPage(page);
    if (this.pages.size > MAX_PAGES) {
      const centre = (first + last) / 2;
      const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
      for (const page of far.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
    }
  }

  private fetchPage(page: number): void {
    if (this.pages.has(page) || this.pending.has(page)) return;
    const generation = this.generation;
    const query: ChurnQuery = { ...this.currentQuery, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
    this.pending.add(page);
    void this.data
      .run(
        ({ engine, dataset, request, signal }) => engine.churnList(dataset, request, query, { signal }),
        `page:${page}`,
      )
      .then((result) => {
        if (generation !== this.generation) return;
        this.pending.delete(page);
        if (!result) return;
        this.pages.set(page, decodeRows(result));
        this.total = result.total;
        this.requestUpdate();
      });
  }

  private row(index: number): ChurnRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  private onScroll = (event: Event) => {
    this.scrollOffset = (event.currentTarget as HTMLElement).scrollTop;
  };

  private onKeyDown = (event: KeyboardEvent) => {
    const total = this.total ?? 0;
    if (total === 0 || event.target !== event.currentTarget) return;
    const pageRows = Math.max(1, Math.floor((this.viewportPx || this.rowPx) / this.rowPx) - 1);
    let next = this.activeIndex;
    switch (event.key) {
      case 'ArrowDown':
        next++;
        break;
      case 'ArrowUp':
        next--;
        break;
      case 'PageDown':
        next += pageRows;
        break;
      case 'PageUp':
        next -= pageRows;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = total - 1;
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        this.open(this.activeIndex);
        return;
      default:
        return;
    }
    if (NAVIGATION_KEYS.has(event.key)) event.preventDefault();
    this.activeIndex = Math.max(0, Math.min(total - 1, next));
    this.revealActive = true;
  };

  /** Scroll the grid so that the active row is fully visible. */
  private reveal(grid: HTMLElement): void {
    const top = this.activeIndex * this.rowPx;
    const viewport = grid.clientHeight - this.headerPx(grid);
    if (top < grid.scrollTop) grid.scrollTop = top;
    else if (top + this.rowPx > grid.scrollTop + viewport) grid.scrollTop = top + this.rowPx - viewport;
    this.scrollOffset = grid.scrollTop;
  }

  private onRowClick(index: number): void {
    this.activeIndex = index;
    this.grid?.focus({ preventScroll: true });
    this.open(index);
  }

  /** Announce that a customer was opened (the host page shows its record). */
  private open(index: number): void {
    const row = this.row(index);
    if (!row) return;
    this.dispatchEvent(
      new LensCustomerOpenEvent({
        customerId: row.customerId,
        ...(row.name !== undefined ? { name: row.name } : {}),
        index,
      }),
    );
  }

  private toggleBand(band: ChurnBand): void {
    const current = this.bands.length === 0 ? [] : this.bands;
    const next = current.includes(band) ? current.filter((b) => b !== band) : [...current, band];
    this.bands = BANDS.filter((b) => next.includes(b));
  }

  private onTierChange = (event: Event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (value === '' || value === 'all') this.tiers = [];
    else if ((TIERS as readonly string[]).includes(value)) this.tiers = [value as ChurnTier];
  };

  private onSearchInput = (event: Event) => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.searchTimer = undefined;
      this.search = value;
    }, this.searchDelay);
  };

  private setSort(sort: ChurnSort): void {
    this.sort = sort;
  }

  // ---- Export --------------------------------------------------------------------------------------------

  /**
   * Export every row of the current view (all pages, not only the visible ones) as RFC 4180 CSV. Fires
   * `lens-export`; unless a listener calls `preventDefault()`, the browser downloads the file. Resolves with
   * the CSV text (undefined if the data is not ready or the export was superseded).
   */
  async exportCsv(): Promise<string | undefined> {
    if (this.data.status !== 'ready') return undefined;
    this.exporting = true;
    try {
      const base = this.currentQuery;
      const i18n = this.i18n;
      const currency = this.displayCurrency;
      const records: CsvCell[][] = [];
      let names = false;
      let offset = 0;
      let total = Number.POSITIVE_INFINITY;
      while (offset < total) {
        const query: ChurnQuery = { ...base, offset, limit: EXPORT_CHUNK };
        const page = await this.data.run(
          ({ engine, dataset, request, signal }) => engine.churnList(dataset, request, query, { signal }),
          'export',
        );
        if (!page) return undefined;
        total = page.total;
        names ||= page.rows.names !== undefined;
        for (const row of decodeRows(page)) records.push(this.csvRecord(row, currency));
        if (page.rows.ids.length === 0) break;
        offset += page.rows.ids.length;
      }
      const header = [
        i18n.t('churn.csv.id'),
        ...(names ? [i18n.t('churn.csv.name')] : []),
        i18n.t('churn.col.tier'),
        i18n.t('churn.csv.score'),
        i18n.t('churn.csv.band'),
        i18n.t('churn.col.reasons'),
        i18n.t('churn.col.lastPurchase'),
        i18n.t('churn.csv.intervalDays'),
        i18n.t('churn.csv.silenceDays'),
        i18n.t('churn.col.valueAtRisk'),
        i18n.t('churn.col.clv'),
        i18n.t('churn.csv.currency'),
      ];
      const content = csvText(
        header,
        names ? records : records.map((record) => [record[0]!, ...record.slice(2)]),
      );
      const filename = `${this.exportFilename || i18n.t('churn.filename')}.csv`;
      const event = new LensExportEvent({ format: 'csv', filename, content, rows: records.length });
      if (this.dispatchEvent(event)) {
        // A byte-order mark, so that spreadsheet programs read the UTF-8 (Chinese names, say) correctly.
        this.downloads.download(`\uFEFF${content}`, filename, 'text/csv;charset=utf-8');
      }
      return content;
    } finally {
      this.exporting = false;
    }
  }

  private csvRecord(row: ChurnRow, currency: string): CsvCell[] {
    const i18n = this.i18n;
    const round = (value: number, digits: number) =>
      Number.isFinite(value) ? Number(value.toFixed(digits)) : undefined;
    return [
      row.customerId,
      row.name ?? '',
      row.tier ? i18n.tier(row.tier) : '',
      round(row.score, 4),
      row.band ? i18n.band(row.band) : '',
      i18n.reasons(row.reasons),
      Number.isFinite(row.lastPurchase) ? new Date(row.lastPurchase).toISOString().slice(0, 10) : '',
      round(row.usualIntervalDays, 1),
      round(row.silenceDays, 0),
      round(row.valueAtRisk, 2),
      round(row.clv, 2),
      currency,
    ];
  }

  // ---- Rendering -----------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    return html`<div part="base" class="base">${this.renderToolbar()} ${this.renderGrid()}</div>`;
  }

  private renderToolbar() {
    const i18n = this.i18n;
    const tierValue = this.tiers.length === 0 ? 'all' : this.tiers.length === 1 ? this.tiers[0]! : 'some';
    return html`<div part="toolbar" class="toolbar" role="group" aria-label=${i18n.t('churn.filters')}>
      <div part="band-filter" class="bands" role="group" aria-label=${i18n.t('churn.bands')}>
        ${BANDS.map(
          (band) => html`<button
            type="button"
            part="band-toggle"
            class="band-toggle band-${band}"
            data-band=${band}
            aria-pressed=${this.bands.includes(band) ? 'true' : 'false'}
            @click=${() => this.toggleBand(band)}
          >
            <span class="dot" aria-hidden="true"></span>${i18n.band(band)}
          </button>`,
        )}
      </div>
      <label class="field">
        <span class="label">${i18n.t('churn.tiers')}</span>
        <select part="tier-filter" .value=${tierValue} @change=${this.onTierChange}>
          <option value="all" ?selected=${tierValue === 'all'}>${i18n.t('churn.allTiers')}</option>
          ${TIERS.map(
            (tier) => html`<option value=${tier} ?selected=${tierValue === tier}>${i18n.tier(tier)}</option>`,
          )}
          ${
            tierValue === 'some'
              ? html`<option value="some" selected disabled>
                ${i18n.t('churn.someTiers', { count: this.tiers.length })}
              </option>`
              : nothing
          }
        </select>
      </label>
      <label class="field search">
        <span class="visually-hidden">${i18n.t('churn.search')}</span>
        <input
          part="search"
          type="search"
          .value=${this.search}
          placeholder=${i18n.t('churn.searchPlaceholder')}
          aria-label=${i18n.t('churn.search')}
          @input=${this.onSearchInput}
        />
      </label>
      <span part="count" class="count" role="status">
        ${this.total === undefined ? '' : i18n.t('churn.count', { total: this.total })}
      </span>
      <button
        part="export"
        type="button"
        class="export"
        ?disabled=${this.exporting || this.total === 0}
        @click=${() => void this.exportCsv()}
      >
        ${this.exporting ? i18n.t('churn.exporting') : i18n.t('churn.export')}
      </button>
    </div>`;
  }

  private renderGrid() {
    const i18n = this.i18n;
    const total = this.total;
    const { start, end } = this.window;
    const indices = Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k);
    const active = this.row(this.activeIndex) && indices.includes(this.activeIndex);
    const busy = total === undefined || indices.some((i) => !this.row(i));
    const bodyHeight = total === undefined || total === 0 ? this.rowPx : total * this.rowPx;
    return html`<div
      part="table"
      class="grid"
      role="grid"
      tabindex="0"
      aria-label=${i18n.t('churn.label')}
      aria-rowcount=${total === undefined || total === 0 ? 2 : total + 1}
      aria-colcount=${COLUMNS.length}
      aria-busy=${busy ? 'true' : 'false'}
      aria-activedescendant=${active ? `row-${this.activeIndex}` : nothing}
      @scroll=${this.onScroll}
      @keydown=${this.onKeyDown}
    >
      <div role="rowgroup" class="head">
        <div part="header" class="row header" role="row" aria-rowindex="1">
          ${COLUMNS.map((column) => this.renderHeader(column))}
        </div>
      </div>
      <div role="rowgroup" class="body" ${cssProps({ height: `${bodyHeight}px` })}>
        ${
          total === undefined
            ? this.renderMessage(i18n.t('churn.loadingRow'))
            : total === 0
              ? this.renderMessage(i18n.t('churn.noMatch'))
              : repeat(
                  indices,
                  (index) => index,
                  (index) => this.renderRow(index),
                )
        }
      </div>
    </div>`;
  }

  private renderHeader(column: Column) {
    const sorted = column.sort !== undefined && column.sort === this.effectiveSort;
    const label = this.i18n.t(column.label);
    return html`<div
      part="header-cell"
      role="columnheader"
      class=${`cell col-${column.key}${column.numeric ? ' numeric' : ''}`}
      aria-sort=${column.sort ? (sorted ? 'descending' : 'none') : nothing}
    >
      ${
        column.sort
          ? html`<button
            type="button"
            part="sort-button"
            class=${sorted ? 'sort sorted' : 'sort'}
            data-sort=${column.sort}
            @click=${() => this.setSort(column.sort!)}
          >
            ${label}<span class="arrow" aria-hidden="true">${sorted ? '▼' : '↕'}</span>
          </button>`
          : label
      }
    </div>`;
  }

  private renderMessage(text: string) {
    return html`<div part="message" class="row message" role="row" aria-rowindex="2">
      <div role="gridcell" class="cell" aria-colspan=${COLUMNS.length}>${text}</div>
    </div>`;
  }

  private renderRow(index: number) {
    const row = this.row(index);
    const position = cssProps({ transform: `translateY(${index * this.rowPx}px)` });
    const active = index === this.activeIndex;
    if (!row) {
      return html`<div
        part="row"
        class="row placeholder"
        role="row"
        id=${`row-${index}`}
        aria-rowindex=${index + 2}
        ${position}
      >
        <div role="gridcell" class="cell" aria-colspan=${COLUMNS.length}>${this.i18n.t('churn.loadingRow')}</div>
      </div>`;
    }
    const i18n = this.i18n;
    const f = i18n.format;
    const reasons = row.reasons.length > 0 ? i18n.reasons(row.reasons) : i18n.t('churn.noReasons');
    return html`<div
      part=${active ? 'row row-active' : 'row'}
      class=${active ? 'row active' : 'row'}
      role="row"
      id=${`row-${index}`}
      aria-rowindex=${index + 2}
      data-customer-id=${row.customerId}
      ${position}
      @click=${() => this.onRowClick(index)}
    >
      <div part="cell" role="gridcell" class="cell col-customer">
        <span class="name">${row.name ?? row.customerId}</span>
        ${row.name !== undefined ? html`<span class="id">${row.customerId}</span>` : nothing}
      </div>
      <div part="cell" role="gridcell" class="cell col-tier">
        ${
          row.tier
            ? html`<span part="tier" class=${`tier tier-${row.tier}`}>
              <span class="dot" aria-hidden="true"></span>${i18n.tier(row.tier)}
            </span>`
            : i18n.t('common.none')
        }
      </div>
      <div part="cell" role="gridcell" class="cell col-risk numeric">
        <span class="score">${f.percent(row.score)}</span>
        <span part="band" class=${`band band-${row.band}`}>
          <span class="dot" aria-hidden="true"></span>${i18n.band(row.band)}
        </span>
      </div>
      <div part="cell" role="gridcell" class="cell col-reasons">
        <span part="reasons" class="reasons" title=${reasons}>${reasons}</span>
      </div>
      <div part="cell" role="gridcell" class="cell col-last-purchase numeric">${f.date(row.lastPurchase)}</div>
      <div part="cell" role="gridcell" class="cell col-interval numeric">
        ${
          Number.isFinite(row.usualIntervalDays)
            ? i18n.t('churn.interval', { days: Math.max(1, Math.round(row.usualIntervalDays)) })
            : i18n.t('common.none')
        }
      </div>
      <div part="cell" role="gridcell" class="cell col-value-at-risk numeric">${f.currency(row.valueAtRisk)}</div>
      <div part="cell" role="gridcell" class="cell col-clv numeric">${f.currency(row.clv)}</div>
    </div>`;
  }
}
