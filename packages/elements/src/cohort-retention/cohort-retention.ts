import type { CohortsResult, PeriodQuery, Progress } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { enCohortRetention } from '../i18n/en/cohort-retention.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import { cssProps } from '../internal/css-props.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { type LensPeriod, LensPeriodChangeEvent, PERIODS, parseAsOf, periodOf } from '../kpis/period.js';
import { PERIOD_LABELS, periodName } from '../kpis/period-labels.js';
import { token } from '../themes/tokens.js';
import { cohortRetentionStyles } from './cohort-retention.styles.js';
import { type LensCohortSelectDetail, LensCohortSelectEvent } from './cohort-select.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enCohortRetention);

/** Steps of the colour ramp (`--lens-ramp-1` … `--lens-ramp-5`). */
export const RAMP_STEPS = 5;

const SINCE: Readonly<Record<LensPeriod, MessageKey>> = {
  week: 'cohorts.since.week',
  month: 'cohorts.since.month',
  quarter: 'cohorts.since.quarter',
  year: 'cohorts.since.year',
};

/** A cell of the matrix: cohort index (row of the engine's matrix) and periods since. */
export interface CohortCell {
  readonly cohort: number;
  readonly since: number;
}

/** What the grid shows of a result: the cohorts (rows), the columns, and the colour scale's top. */
interface MatrixView {
  /** Engine cohort indices shown, oldest first: the latest `max-cohorts` non-empty cohorts. */
  readonly rows: readonly number[];
  /** Non-empty cohorts in all. */
  readonly total: number;
  /** Columns shown (periods since 0 … columns − 1). */
  readonly columns: number;
  /** The highest retention after the first period among the cells shown (the ramp's top; 1 if none). */
  readonly high: number;
}

/** `"1997-01:3"` → `{ label: '1997-01', since: 3 }`; anything else → undefined. */
export function parseCohortCell(text: string | undefined): { label: string; since: number } | undefined {
  const match = /^\s*([^:]+?)\s*:\s*(\d+)\s*$/.exec(text ?? '');
  return match ? { label: match[1]!, since: Number(match[2]) } : undefined;
}

function queryKey(query: PeriodQuery): string {
  return `${query.period}|${query.asOf ?? ''}`;
}

/**
 * @summary Cohort retention as an accessible grid: one row per cohort (customers by the period of their first
 * purchase), one column per period since, each cell the share of the cohort that ordered again in that period,
 * coloured on the `--lens-ramp-1…5` scale. From the engine's `cohorts` (core's `cohortRetention`).
 *
 * Empty cohorts are left out; the latest `max-cohorts` cohorts and the first `max-periods` columns are shown.
 * Cells not observed yet (after the analysis date) are blank. A last row gives the customer-weighted average.
 *
 * Keyboard: Tab into the grid, then ←/→/↑/↓ move between cells, Home/End to the row's first/last cell,
 * Ctrl+Home/End to the first/last cell, Page Up/Down to the first/last cohort; Enter or Space selects the cell,
 * Escape clears the selection.
 *
 * @event lens-cohort-select - A cell was selected (click, Enter, Space) or the selection cleared (Escape);
 *   detail: { period, cohort, cohortStart, periodsSince, periodLabel, periodStart, customers, active, retention }
 *   (all null but `period` when cleared). A native `change` follows.
 * @event lens-period-change - A person chose another period in the period select; detail: { period, previous }.
 *   A native `change` follows.
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 *
 * @csspart base - The widget's wrapper.
 * @csspart toolbar - The bar with the period select and the legend.
 * @csspart period-select - The period select.
 * @csspart legend - The colour legend.
 * @csspart legend-swatch - One step of the legend's ramp.
 * @csspart grid - The scrolling wrapper of the table.
 * @csspart table - The cohort matrix (an ARIA grid).
 * @csspart column-header - A periods-since column header.
 * @csspart row-header - A cohort's header (its period and customers).
 * @csspart cell - A cell (also `cell-selected` on the selected one, `cell-unobserved` on blank ones).
 * @csspart value - The percentage label inside a cell.
 * @csspart overall - The row of the customer-weighted average.
 * @csspart selection - The line saying which cell is selected.
 * @csspart note - Notes on cohorts left out and a partial last period.
 * @csspart state - The shared loading / idle / empty / error states (and `progress`, `retry`, …).
 *
 * @cssproperty --cohort-retention-padding - Padding around the content (default var(--lens-space-m)).
 * @cssproperty --cohort-retention-gap - Space between toolbar, grid and notes (default var(--lens-space-s)).
 * @cssproperty --cohort-retention-cell-min-width - Narrowest a cell gets before the grid scrolls (default 3.5rem).
 * @cssproperty --cohort-retention-max-height - Height above which the grid scrolls (default 28rem).
 * @cssproperty --cohort-retention-selected-color - Outline of the selected cell (default var(--lens-color-accent)).
 * @cssproperty --cohort-retention-header-background - Background of the headers (default var(--lens-color-surface)).
 */
export class LensCohortRetention extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, cohortRetentionStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this widget alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Calendar period (UTC) of cohorts and columns: `month` (default), `quarter`, `year` or `week`. */
  @property({ type: String, attribute: 'period', reflect: true }) accessor period: LensPeriod = 'month';
  /** Analysis date (`1998-06-30`): later orders are ignored. Default: the data source's `as-of`, else the latest order. */
  @property({ type: String, attribute: 'as-of' }) accessor asOf: string | undefined = undefined;
  /** Most cohorts shown (the latest non-empty ones; default 24). */
  @property({ type: Number, attribute: 'max-cohorts' }) accessor maxCohorts = 24;
  /** Most periods-since columns shown (default 24). */
  @property({ type: Number, attribute: 'max-periods' }) accessor maxPeriods = 24;
  /** The selected cell as `cohort:periods-since`, e.g. `1997-01:3` (set by the page without firing events). */
  @property({ type: String, attribute: 'selected-cell', reflect: true }) accessor selectedCell:
    | string
    | undefined = undefined;

  @state() private accessor result: CohortsResult | undefined = undefined;
  @state() private accessor progress: Progress | undefined = undefined;
  /** The cell that takes focus in the grid (roving tabindex). */
  @state() private accessor active: CohortCell | undefined = undefined;
  private resultKey: string | undefined;
  private fetchedKey: string | undefined;
  /** Focus the active cell after the next render (keyboard navigation). */
  private focusActive = false;

  /** The data: provider, status, and the widget's `cohorts` call. */
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

  /** The matrix shown (the engine's `CohortsResult`), or undefined while it loads. */
  get matrix(): CohortsResult | undefined {
    return this.resultKey === queryKey(this.query) ? this.result : undefined;
  }

  /** The selected cell, as the detail of `lens-cohort-select` (undefined when none is selected or shown). */
  get selection(): LensCohortSelectDetail | undefined {
    const cell = this.selectedIndex();
    return cell ? this.detailOf(cell) : undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusActive) {
      this.focusActive = false;
      this.activeCellElement()?.focus();
    }
    if (this.data.status !== 'ready') return;
    const query = this.query;
    const key = queryKey(query);
    if (key !== this.fetchedKey) void this.fetch(query, key);
  }

  private async fetch(query: PeriodQuery, key: string): Promise<void> {
    this.fetchedKey = key;
    this.progress = undefined;
    const result = await this.data.run(({ engine, dataset, signal }) =>
      engine.cohorts(dataset, query, {
        signal,
        onProgress: (progress) => {
          if (this.fetchedKey === key) this.progress = progress;
        },
      }),
    );
    if (result && this.fetchedKey === key) {
      this.result = result;
      this.resultKey = key;
      this.active = undefined;
    }
  }

  // ---- The matrix ----------------------------------------------------------------------------------------

  private view(result: CohortsResult): MatrixView {
    const nonEmpty: number[] = [];
    for (let i = 0; i < result.cohorts; i++) if ((result.size[i] ?? 0) > 0) nonEmpty.push(i);
    const maxRows = Math.max(1, Math.floor(Number(this.maxCohorts)) || 24);
    const rows = nonEmpty.slice(-maxRows);
    const observed = rows.length > 0 ? result.periods - rows[0]! : 0;
    const maxColumns = Math.max(1, Math.floor(Number(this.maxPeriods)) || 24);
    const columns = Math.min(observed, maxColumns);
    let high = 0;
    for (const i of rows) {
      for (let j = 1; j < columns; j++) {
        const value = result.retention[i * result.periods + j]!;
        if (Number.isFinite(value)) high = Math.max(high, value);
      }
    }
    return { rows, total: nonEmpty.length, columns, high: high > 0 ? high : 1 };
  }

  private retentionAt(result: CohortsResult, cell: CohortCell): number {
    return result.retention[cell.cohort * result.periods + cell.since] ?? Number.NaN;
  }

  /** Where a retention sits on the ramp, 1…5: linear from 0 to the highest retention after the first period. */
  private rampStep(value: number, high: number): number | undefined {
    if (!Number.isFinite(value)) return undefined;
    const position = Math.min(1, Math.max(0, value / high));
    return 1 + Math.round(position * (RAMP_STEPS - 1));
  }

  private selectedIndex(): CohortCell | undefined {
    const result = this.matrix;
    const parsed = parseCohortCell(this.selectedCell);
    if (!result || !parsed) return undefined;
    const cohort = result.labels.indexOf(parsed.label);
    if (cohort < 0 || cohort + parsed.since >= result.periods) return undefined;
    return { cohort, since: parsed.since };
  }

  private detailOf(cell: CohortCell | undefined): LensCohortSelectDetail {
    const result = this.matrix;
    const period = this.currentPeriod;
    if (!result || !cell) {
      return {
        period,
        cohort: null,
        cohortStart: null,
        periodsSince: null,
        periodLabel: null,
        periodStart: null,
        customers: null,
        active: null,
        retention: null,
      };
    }
    const at = cell.cohort + cell.since;
    return {
      period,
      cohort: result.labels[cell.cohort]!,
      cohortStart: result.cohortStart[cell.cohort]!,
      periodsSince: cell.since,
      periodLabel: result.labels[at] ?? null,
      periodStart: result.cohortStart[at] ?? null,
      customers: result.size[cell.cohort]!,
      active: result.active[cell.cohort * result.periods + cell.since]!,
      retention: this.retentionAt(result, cell),
    };
  }

  /** The cell in words: "Jan 1997, 3 months later: 812 of 7,846 customers (10.3%)". */
  private cellText(result: CohortsResult, cell: CohortCell): string {
    const i18n = this.i18n;
    const period = this.currentPeriod;
    const size = result.size[cell.cohort]!;
    return i18n.t('cohorts.cell', {
      cohort: periodName(i18n, period, result.cohortStart[cell.cohort]!),
      since: i18n.t(SINCE[period], { n: cell.since }),
      active: result.active[cell.cohort * result.periods + cell.since]!,
      size,
      rate: i18n.format.percent(this.retentionAt(result, cell), 1),
    });
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  private activeCellElement(): HTMLElement | null {
    const active = this.active;
    if (!active) return null;
    return this.renderRoot.querySelector<HTMLElement>(
      `td[data-cohort="${active.cohort}"][data-since="${active.since}"]`,
    );
  }

  private async select(cell: CohortCell | undefined): Promise<void> {
    const result = this.matrix;
    if (cell && (!result || !Number.isFinite(this.retentionAt(result, cell)))) return;
    const next = cell && result ? `${result.labels[cell.cohort]}:${cell.since}` : undefined;
    if (next === this.selectedCell) return;
    this.selectedCell = next;
    this.dispatchEvent(new LensCohortSelectEvent(this.detailOf(cell)));
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private onPeriodChange = async (event: Event) => {
    const value = (event.target as HTMLSelectElement).value as LensPeriod;
    const previous = this.currentPeriod;
    if (!PERIODS.includes(value) || value === previous) return;
    this.period = value;
    this.selectedCell = undefined;
    this.dispatchEvent(new LensPeriodChangeEvent({ period: value, previous }));
    await this.updateComplete;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  };

  private onGridKeyDown = (event: KeyboardEvent) => {
    const result = this.matrix;
    const td = (event.target as HTMLElement).closest?.('td[data-cohort]') as HTMLElement | null;
    if (!result || !td) return;
    const { rows, columns } = this.view(result);
    const cohort = Number(td.dataset.cohort);
    const since = Number(td.dataset.since);
    const row = rows.indexOf(cohort);
    if (row < 0) return;
    const at = (r: number, c: number): CohortCell => ({
      cohort: rows[Math.min(rows.length - 1, Math.max(0, r))]!,
      since: Math.min(columns - 1, Math.max(0, c)),
    });
    let next: CohortCell;
    switch (event.key) {
      case 'ArrowRight':
        next = at(row, since + 1);
        break;
      case 'ArrowLeft':
        next = at(row, since - 1);
        break;
      case 'ArrowDown':
        next = at(row + 1, since);
        break;
      case 'ArrowUp':
        next = at(row - 1, since);
        break;
      case 'Home':
        next = event.ctrlKey ? at(0, 0) : at(row, 0);
        break;
      case 'End':
        next = event.ctrlKey ? at(rows.length - 1, columns - 1) : at(row, columns - 1);
        break;
      case 'PageUp':
        next = at(0, since);
        break;
      case 'PageDown':
        next = at(rows.length - 1, since);
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        void this.select({ cohort, since });
        return;
      case 'Escape':
        if (this.selectedCell === undefined) return;
        event.preventDefault();
        void this.select(undefined);
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
    const i18n = this.i18n;
    const result = this.matrix;
    const view = result ? this.view(result) : undefined;
    return html`<section part="base" class="base" aria-label=${i18n.t('cohorts.label')} aria-busy=${result ? 'false' : 'true'}>
      ${this.renderToolbar(view)}
      ${
        !result || !view
          ? this.renderLoading()
          : view.rows.length === 0 || view.columns === 0
            ? this.renderEmpty()
            : this.renderMatrix(result, view)
      }
    </section>`;
  }

  private renderToolbar(view: MatrixView | undefined) {
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
      ${view && view.rows.length > 0 ? this.renderLegend(view) : nothing}
    </div>`;
  }

  private renderLegend(view: MatrixView) {
    const i18n = this.i18n;
    const steps = Array.from({ length: RAMP_STEPS }, (_, k) => k + 1);
    return html`<div part="legend" class="legend">
      <span class="legend-title">${i18n.t('cohorts.legend')}</span>
      <span class="legend-value">${i18n.format.percent(0)}</span>
      <span class="legend-ramp" aria-hidden="true">
        ${steps.map(
          (step) =>
            html`<span
              part="legend-swatch"
              class="swatch"
              data-ramp=${step}
              ${cssProps({ backgroundColor: rampColor(step) })}
            ></span>`,
        )}
      </span>
      <span class="legend-value">${i18n.format.percent(view.high, view.high < 0.1 ? 1 : 0)}+</span>
    </div>`;
  }

  private renderLoading() {
    const i18n = this.i18n;
    const fraction = this.progress?.fraction;
    const text =
      fraction === undefined
        ? i18n.t('cohorts.loading')
        : `${i18n.t('cohorts.loading')} · ${i18n.format.percent(fraction)}`;
    return loadingState(i18n.t('cohorts.loading'), text, fraction);
  }

  private renderEmpty() {
    const i18n = this.i18n;
    return html`<div part="state state-empty" class="state empty">
      <p class="headline">${i18n.t('cohorts.empty')}</p>
      <p class="hint">${i18n.t('cohorts.emptyHint')}</p>
    </div>`;
  }

  private renderMatrix(result: CohortsResult, view: MatrixView) {
    const i18n = this.i18n;
    const period = this.currentPeriod;
    const columns = Array.from({ length: view.columns }, (_, j) => j);
    const selected = this.selectedIndex();
    const active =
      this.active && view.rows.includes(this.active.cohort) && this.active.since < view.columns
        ? this.active
        : selected && view.rows.includes(selected.cohort) && selected.since < view.columns
          ? selected
          : { cohort: view.rows[0]!, since: 0 };
    const last = result.periods - 1;
    return html`<div part="grid" class="grid">
        <table
          part="table"
          class="table"
          role="grid"
          aria-rowcount=${view.rows.length + 2}
          @keydown=${this.onGridKeyDown}
        >
          <caption class="visually-hidden">${i18n.t('cohorts.caption', { period })}</caption>
          <thead>
            <tr>
              <th scope="col" class="corner">
                <span aria-hidden="true">${i18n.t('cohorts.corner')}</span>
                <span class="visually-hidden">${i18n.t('cohorts.cornerLabel')}</span>
              </th>
              ${columns.map(
                (j) => html`<th scope="col" part="column-header" class="column-header">
                  <span aria-hidden="true">${i18n.t('cohorts.col', { n: j })}</span>
                  <span class="visually-hidden">${i18n.t(SINCE[period], { n: j })}</span>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${view.rows.map(
              (i) => html`<tr>
                <th scope="row" part="row-header" class="row-header">
                  <span class="cohort">${periodName(i18n, period, result.cohortStart[i]!)}</span>
                  <span class="size">${i18n.t('cohorts.size', { count: result.size[i]! })}</span>
                </th>
                ${columns.map((j) => this.renderCell(result, view, { cohort: i, since: j }, active, selected))}
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr part="overall" class="overall">
              <th scope="row" class="row-header">${i18n.t('cohorts.overall')}</th>
              ${columns.map(
                (j) => html`<td role="gridcell" class="overall-cell" data-since=${j}>
                  ${i18n.format.percent(result.overall[j] ?? Number.NaN, 1)}
                </td>`,
              )}
            </tr>
          </tfoot>
        </table>
      </div>
      ${this.renderSelection(result, selected)}
      ${
        view.total > view.rows.length
          ? html`<p part="note" class="note">${i18n.t('cohorts.more', { shown: view.rows.length, total: view.total })}</p>`
          : nothing
      }
      ${
        result.partialLastPeriod
          ? html`<p part="note" class="note">
            ${i18n.t('cohorts.partial', { name: periodName(i18n, period, result.cohortStart[last]!) })}
          </p>`
          : nothing
      }`;
  }

  private renderCell(
    result: CohortsResult,
    view: MatrixView,
    cell: CohortCell,
    active: CohortCell,
    selected: CohortCell | undefined,
  ) {
    const i18n = this.i18n;
    const value = this.retentionAt(result, cell);
    const observed = Number.isFinite(value);
    const step = this.rampStep(value, view.high);
    const isSelected = selected?.cohort === cell.cohort && selected.since === cell.since;
    const isActive = active.cohort === cell.cohort && active.since === cell.since;
    const parts = ['cell', isSelected ? 'cell-selected' : '', observed ? '' : 'cell-unobserved'];
    return html`<td
      role="gridcell"
      part=${parts.filter(Boolean).join(' ')}
      class=${parts.filter(Boolean).join(' ')}
      data-cohort=${cell.cohort}
      data-since=${cell.since}
      data-ramp=${step ?? nothing}
      tabindex=${isActive ? '0' : '-1'}
      aria-selected=${isSelected ? 'true' : 'false'}
      title=${observed ? this.cellText(result, cell) : nothing}
      ${cssProps({ backgroundColor: step === undefined ? undefined : rampColor(step) })}
      @click=${() => {
        this.active = cell;
        void this.select(cell);
      }}
      @focus=${() => {
        if (this.active?.cohort !== cell.cohort || this.active?.since !== cell.since) this.active = cell;
      }}
    >
      ${
        observed
          ? html`<span part="value" class="value">${i18n.format.percent(value, 1)}</span>`
          : html`<span class="visually-hidden">${i18n.t('cohorts.unobserved')}</span>`
      }
    </td>`;
  }

  private renderSelection(result: CohortsResult, selected: CohortCell | undefined) {
    const i18n = this.i18n;
    const text = selected
      ? i18n.t('cohorts.selected', { cell: this.cellText(result, selected) })
      : i18n.t('cohorts.hint');
    return html`<p part="selection" class="selection" role="status">${text}</p>`;
  }
}

/** `var(--lens-ramp-<step>, <light default>)`: a ramp token, for the CSSOM. */
function rampColor(step: number): string {
  const name = `ramp-${Math.min(RAMP_STEPS, Math.max(1, step))}` as 'ramp-1';
  return token(name).cssText;
}

export { type LensCohortSelectDetail, LensCohortSelectEvent } from './cohort-select.js';
