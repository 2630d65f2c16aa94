import type { Progress, RulesQuery, RulesResult, SuggestionsQuery, SuggestionWire } from '@crm-lens/engine';
import { toEngineError } from '@crm-lens/engine';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { isCustomerNotFound } from '../customer-card/not-found.js';
import type { LensCustomerOpenEvent } from '../events/customer-open.js';
import { enCrossSell } from '../i18n/en/cross-sell.js';
import type { MessageKey } from '../i18n/en.js';
import { addEnglish } from '../i18n/locale.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { loadingState, StatesController, stateStyles } from '../internal/states.js';
import { crossSellStyles } from './cross-sell.styles.js';
import {
  type LensRule,
  type LensRuleSelectDetail,
  LensRuleSelectEvent,
  type LensSuggestionOpenDetail,
  LensSuggestionOpenEvent,
} from './cross-sell-events.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(enCrossSell);

export {
  type LensRule,
  type LensRuleSelectDetail,
  LensRuleSelectEvent,
  type LensSuggestionOpenDetail,
  LensSuggestionOpenEvent,
};

/** The measures the rules table sorts by. */
export type RuleSort = 'lift' | 'confidence' | 'support';
export const RULE_SORTS: readonly RuleSort[] = ['lift', 'confidence', 'support'];

/** Rows the active row moves by on Page Up / Page Down. */
const PAGE_ROWS = 10;

type Column = {
  readonly key: 'antecedent' | 'consequent' | RuleSort;
  readonly label: MessageKey;
  readonly sort?: RuleSort;
};

const COLUMNS: readonly Column[] = [
  { key: 'antecedent', label: 'crossSell.col.antecedent' },
  { key: 'consequent', label: 'crossSell.col.consequent' },
  { key: 'support', label: 'crossSell.col.support', sort: 'support' },
  { key: 'confidence', label: 'crossSell.col.confidence', sort: 'confidence' },
  { key: 'lift', label: 'crossSell.col.lift', sort: 'lift' },
];

/**
 * Product ids, comma-separated, as a list. Only commas separate: product ids may contain spaces (Online Retail's
 * `BANK CHARGES`), and splitting on them too would exclude `BANK` and `CHARGES` instead.
 */
const listConverter = {
  fromAttribute: (value: string | null): readonly string[] =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  toAttribute: (value: readonly string[]): string => value.join(','),
};

/** Whether an engine call failed because the data has no order ids or products (no baskets). */
function isNoBaskets(error: unknown): boolean {
  const e = toEngineError(error);
  return e.code === 'invalid-request' && /baskets need order ids and products/.test(e.message);
}

/**
 * @summary Cross-selling from the order baskets: the top association rules (antecedent ⇒ consequent, with
 * support, confidence and lift) in a sortable table, and, for a selected customer, the products to suggest to
 * them with the rule behind each.
 *
 * The rules are the engine's `rules` for `{ minSupport, minConfidence, minLift, limit, exclude }`; the
 * suggestions its `suggestions` for the customer with the same thresholds.
 *
 * Selecting a customer: set `customer-id` (or `customerId`), or add `follow-customer` to follow every
 * `lens-customer-open` in the same document (or shadow root), e.g. a `<lens-churn-list>` beside it.
 *
 * Keyboard: focus the rules table (an ARIA grid), then ↑/↓, Page Up/Down, Home/End move the active rule; Enter
 * or Space selects it (`lens-rule-select`), Escape clears the selection. Sort buttons sit in the column headers;
 * suggestions are buttons (Enter or Space opens one).
 *
 * @event lens-rule-select - A rule was selected (or the selection cleared); detail: { rule, index }.
 * @event lens-suggestion-open - A suggestion was activated; detail: { customerId, item, score, rule, index }.
 * @event lens-data-load - Only with its own `src`: the data was loaded and scored (see `<lens-data>`).
 * @event lens-data-error - Only with its own `src`: loading or scoring failed.
 * @event lens-progress - Only with its own `src`: progress of loading and scoring.
 *
 * @csspart base - The wrapper of the rules and the suggestions.
 * @csspart rules - The rules section.
 * @csspart table-wrap - The scrolling box around the table.
 * @csspart table - The rules grid (`role="grid"`).
 * @csspart caption - The table's caption (counts and thresholds).
 * @csspart header-cell - A column header.
 * @csspart sort-button - The sort button of a measure's header.
 * @csspart row - A rule row (also `row-active`, `row-selected`).
 * @csspart cell - A cell.
 * @csspart message - The "no rules" / "no baskets" message.
 * @csspart suggestions-panel - The suggestions section.
 * @csspart suggestions - The list of suggestions.
 * @csspart suggestion - One suggestion button.
 * @csspart clear - The "clear customer" button.
 * @csspart state - The shared loading / idle / empty / error states (and `state-loading` while rules are mined).
 *
 * @cssproperty --cross-sell-height - Maximum height of the scrolling table (default 24rem).
 * @cssproperty --cross-sell-header-background - Header background (default var(--lens-color-surface)).
 * @cssproperty --cross-sell-row-hover - Background of the row under the pointer (default var(--lens-color-surface)).
 * @cssproperty --cross-sell-active-color - Marker of the active and selected rule (default var(--lens-color-accent)).
 */
export class LensCrossSell extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, crossSellStyles];

  /** The data source, given directly (wins over `source` and the enclosing `<lens-data>`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the `<lens-data>` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this widget alone, when there is no `<lens-data>` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for `src` (`cdnow-master`, `cdnow-sample`, `online-retail`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Minimum support of a rule, a fraction of the orders in (0, 1]. */
  @property({ type: Number, attribute: 'min-support' }) accessor minSupport = 0.01;
  /** Minimum confidence of a rule, in [0, 1]. */
  @property({ type: Number, attribute: 'min-confidence' }) accessor minConfidence = 0.2;
  /** Minimum lift of a rule (default: none; 1 keeps positive associations only). */
  @property({ type: Number, attribute: 'min-lift' }) accessor minLift: number | undefined = undefined;
  /** Rules shown, best first by lift (1 … 10,000). */
  @property({ type: Number, attribute: 'limit' }) accessor limit = 20;
  /** Product ids left out of every basket, comma-separated (e.g. `POST,DOT`). */
  @property({ attribute: 'exclude', converter: listConverter }) accessor exclude: readonly string[] = [];
  /** The customer whose suggestions are shown. */
  @property({ type: String, attribute: 'customer-id' }) accessor customerId: string | undefined = undefined;
  /** Suggestions shown for the customer (0 … 100). */
  @property({ type: Number, attribute: 'suggestion-limit' }) accessor suggestionLimit = 5;
  /** Order of the table, largest first: `lift` (default, the engine's order), `confidence` or `support`. */
  @property({ type: String, attribute: 'sort', reflect: true }) accessor sort: RuleSort = 'lift';
  /** Follow `lens-customer-open` events in the same document (or shadow root): they set `customerId`. */
  @property({ type: Boolean, attribute: 'follow-customer' }) accessor followCustomer = false;

  @state() private accessor rules: RulesResult | undefined = undefined;
  @state() private accessor noBaskets = false;
  @state() private accessor rulesProgress: Progress | undefined = undefined;
  /** Position of the active row in the displayed (sorted) order. */
  @state() private accessor activeRow = 0;
  /** Engine index of the selected rule, or −1. */
  @state() private accessor selected = -1;
  @state() private accessor suggested:
    | { readonly id: string; readonly list: readonly SuggestionWire[] }
    | { readonly id: string; readonly missing: true }
    | undefined = undefined;
  /** Display name of the customer, when a `lens-customer-open` gave one. */
  @state() private accessor customerName: string | undefined = undefined;

  protected readonly data = new DataController(this, {
    onData: () => {
      void this.fetchRules();
      void this.fetchSuggestions();
    },
  });
  protected readonly states = new StatesController(this, this.data);
  private rulesGeneration = 0;
  private suggestionsGeneration = 0;
  /** Where `follow-customer` listens. */
  private followed: Node | undefined;
  /** Bring the active row into view after the next render (keyboard). */
  private revealActive = false;

  /** The engine's rules currently shown. */
  get rulesResult(): RulesResult | undefined {
    return this.rules;
  }

  /** The suggestions shown for `customerId` (undefined while loading, without a customer, or not found). */
  get suggestions(): readonly SuggestionWire[] | undefined {
    const s = this.suggested;
    return s && 'list' in s && s.id === this.wantedId ? s.list : undefined;
  }

  /** The query of `engine.rules`. */
  get rulesQuery(): RulesQuery {
    return {
      minSupport: this.minSupport,
      minConfidence: this.minConfidence,
      limit: this.limit,
      ...(this.minLift !== undefined && Number.isFinite(this.minLift) ? { minLift: this.minLift } : {}),
      ...(this.exclude.length > 0 ? { exclude: [...this.exclude] } : {}),
    };
  }

  /** The query of `engine.suggestions` for a customer (the rules' thresholds). */
  suggestionsQuery(customerId: string): SuggestionsQuery {
    const { limit: _limit, ...rules } = this.rulesQuery;
    return { ...rules, customerIds: [customerId], limit: this.suggestionLimit };
  }

  /** Engine indices of the rules in the order shown. */
  get order(): number[] {
    const rules = this.rules?.rules;
    if (!rules) return [];
    const indices = Array.from({ length: rules.length }, (_, i) => i);
    const sort = RULE_SORTS.includes(this.sort) ? this.sort : 'lift';
    const values = rules[sort];
    return indices.sort((a, b) => values[b]! - values[a]! || a - b);
  }

  /** Rule `i` (engine index) as events hand it out. */
  rule(i: number): LensRule | undefined {
    const r = this.rules?.rules;
    if (!r || i < 0 || i >= r.length) return undefined;
    return {
      antecedent: [...r.antecedent[i]!],
      consequent: [...r.consequent[i]!],
      support: r.support[i]!,
      confidence: r.confidence[i]!,
      lift: r.lift[i]!,
    };
  }

  private get wantedId(): string {
    return this.customerId?.trim() ?? '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.syncFollow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.rulesGeneration++;
    this.suggestionsGeneration++;
    this.followed?.removeEventListener('lens-customer-open', this.onCustomerOpen);
    this.followed = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('followCustomer')) this.syncFollow();
    if (!this.hasUpdated) return;
    const rulesChanged = ['minSupport', 'minConfidence', 'minLift', 'limit', 'exclude'].some((p) =>
      changed.has(p),
    );
    if (rulesChanged) void this.fetchRules();
    if (rulesChanged || changed.has('customerId') || changed.has('suggestionLimit')) {
      if (changed.has('customerId') && !changed.has('customerName')) this.customerName = undefined;
      void this.fetchSuggestions();
    }
    if (changed.has('sort')) this.activeRow = 0;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.revealActive) {
      this.revealActive = false;
      this.renderRoot.querySelector<HTMLElement>('tr.active')?.scrollIntoView({ block: 'nearest' });
    }
  }

  private syncFollow(): void {
    const root = this.followCustomer && this.isConnected ? this.getRootNode() : undefined;
    if (root === this.followed) return;
    this.followed?.removeEventListener('lens-customer-open', this.onCustomerOpen);
    this.followed = root;
    root?.addEventListener('lens-customer-open', this.onCustomerOpen);
  }

  private onCustomerOpen = (event: Event) => {
    const { detail } = event as LensCustomerOpenEvent;
    if (!detail?.customerId || event.composedPath().includes(this)) return;
    this.customerId = detail.customerId;
    this.customerName = detail.name;
  };

  private async fetchRules(): Promise<void> {
    const generation = ++this.rulesGeneration;
    this.rulesProgress = undefined;
    this.rules = undefined;
    this.noBaskets = false;
    this.selected = -1;
    this.activeRow = 0;
    const query = this.rulesQuery;
    const result = await this.data.run(async ({ engine, dataset, signal }) => {
      try {
        const onProgress = (progress: Progress) => {
          if (generation === this.rulesGeneration) this.rulesProgress = progress;
        };
        return await engine.rules(dataset, query, { signal, onProgress });
      } catch (error) {
        if (isNoBaskets(error)) return 'no-baskets' as const;
        throw error;
      }
    }, 'rules');
    if (generation !== this.rulesGeneration || !result) return;
    if (result === 'no-baskets') this.noBaskets = true;
    else this.rules = result;
  }

  private async fetchSuggestions(): Promise<void> {
    const generation = ++this.suggestionsGeneration;
    const id = this.wantedId;
    if (!id || !(this.suggestionLimit >= 0)) {
      this.data.abort('suggestions');
      this.suggested = undefined;
      return;
    }
    if (this.suggested?.id !== id) this.suggested = undefined;
    const query = this.suggestionsQuery(id);
    const result = await this.data.run(async ({ engine, dataset, signal }) => {
      try {
        const answer = await engine.suggestions(dataset, query, { signal });
        return { id, list: answer.customers[0]?.suggestions ?? [] };
      } catch (error) {
        if (isCustomerNotFound(error)) return { id, missing: true as const };
        if (isNoBaskets(error)) return { id, list: [] };
        throw error;
      }
    }, 'suggestions');
    if (generation !== this.suggestionsGeneration || !result) return;
    this.suggested = result;
  }

  // ---- Interaction ---------------------------------------------------------------------------------------

  /** Select the rule at a position of the displayed order (−1 clears), and announce it. */
  selectRow(position: number): void {
    const order = this.order;
    const index = position >= 0 ? (order[position] ?? -1) : -1;
    if (position >= 0 && index < 0) return;
    if (position >= 0) this.activeRow = position;
    this.selected = index;
    const detail: LensRuleSelectDetail = { rule: index >= 0 ? this.rule(index)! : null, index };
    this.dispatchEvent(new LensRuleSelectEvent(detail));
  }

  private onKeyDown = (event: KeyboardEvent) => {
    const total = this.rules?.rules.length ?? 0;
    if (total === 0 || event.target !== event.currentTarget) return;
    let next = this.activeRow;
    switch (event.key) {
      case 'ArrowDown':
        next++;
        break;
      case 'ArrowUp':
        next--;
        break;
      case 'PageDown':
        next += PAGE_ROWS;
        break;
      case 'PageUp':
        next -= PAGE_ROWS;
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
        this.selectRow(this.activeRow);
        return;
      case 'Escape':
        if (this.selected < 0) return;
        event.preventDefault();
        this.selectRow(-1);
        return;
      default:
        return;
    }
    event.preventDefault();
    this.activeRow = Math.min(total - 1, Math.max(0, next));
    this.revealActive = true;
  };

  private onRowClick(position: number): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="table"]')?.focus({ preventScroll: true });
    this.selectRow(position);
  }

  private setSort(sort: RuleSort): void {
    if (this.sort === sort) return;
    this.sort = sort;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private clearCustomer(): void {
    this.customerId = undefined;
    this.customerName = undefined;
  }

  private openSuggestion(customerId: string, suggestion: SuggestionWire, index: number): void {
    const { antecedent, consequent, support, confidence, lift } = suggestion.rule;
    this.dispatchEvent(
      new LensSuggestionOpenEvent({
        customerId,
        item: suggestion.item,
        score: suggestion.score,
        rule: { antecedent: [...antecedent], consequent: [...consequent], support, confidence, lift },
        index,
      }),
    );
  }

  // ---- Rendering ------------------------------------------------------------------------------------------

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    return html`<div part="base" class="base">
      <section part="rules" class="rules" aria-labelledby="rules-title">
        <h2 id="rules-title" class="title">${this.i18n.t('crossSell.rules')}</h2>
        ${this.renderRules()}
      </section>
      ${this.renderSuggestions()}
    </div>`;
  }

  private renderRules() {
    const i18n = this.i18n;
    if (this.noBaskets) {
      return html`<p part="message" class="message" role="status">${i18n.t('crossSell.noBaskets')}</p>`;
    }
    const result = this.rules;
    if (!result) return this.renderLoading();
    const rules = result.rules;
    if (rules.length === 0) {
      return html`<p part="message" class="message" role="status">${i18n.t('crossSell.noRules')}</p>`;
    }
    const f = i18n.format;
    const order = this.order;
    const active = Math.min(this.activeRow, order.length - 1);
    const caption = i18n.t('crossSell.caption', {
      shown: rules.length,
      total: result.total,
      baskets: result.baskets.baskets,
      minSupport: f.percent(this.minSupport, this.minSupport < 0.01 ? 2 : 1),
      minConfidence: f.percent(this.minConfidence),
      minLift: f.number(this.minLift ?? 0),
    });
    return html`<div part="table-wrap" class="table-wrap">
      <table
        part="table"
        class="grid"
        role="grid"
        tabindex="0"
        aria-rowcount=${rules.length + 1}
        aria-colcount=${COLUMNS.length}
        aria-activedescendant=${`rule-${active}`}
        @keydown=${this.onKeyDown}
      >
        <caption part="caption" class="caption">${caption}</caption>
        <thead>
          <tr role="row" aria-rowindex="1">
            ${COLUMNS.map((column) => this.renderHeader(column))}
          </tr>
        </thead>
        <tbody>
          ${order.map((index, position) => {
            const isActive = position === active;
            const isSelected = index === this.selected;
            const parts = ['row', isActive ? 'row-active' : '', isSelected ? 'row-selected' : '']
              .filter(Boolean)
              .join(' ');
            const separator = i18n.t('crossSell.itemSeparator');
            return html`<tr
              part=${parts}
              class=${`${isActive ? 'active' : ''} ${isSelected ? 'selected' : ''}`.trim()}
              role="row"
              id=${`rule-${position}`}
              aria-rowindex=${position + 2}
              aria-selected=${isSelected ? 'true' : 'false'}
              data-index=${index}
              @click=${() => this.onRowClick(position)}
            >
              <td part="cell" role="gridcell" class="items">${rules.antecedent[index]!.join(separator)}</td>
              <td part="cell" role="gridcell" class="items">${rules.consequent[index]!.join(separator)}</td>
              <td part="cell" role="gridcell" class="numeric">${f.percent(rules.support[index]!, 1)}</td>
              <td part="cell" role="gridcell" class="numeric">${f.percent(rules.confidence[index]!)}</td>
              <td part="cell" role="gridcell" class="numeric">${f.number(rules.lift[index]!)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  private renderHeader(column: Column) {
    const label = this.i18n.t(column.label);
    const numeric = column.sort !== undefined;
    if (!column.sort) {
      return html`<th part="header-cell" role="columnheader" scope="col">${label}</th>`;
    }
    const sorted = column.sort === this.sort;
    return html`<th
      part="header-cell"
      role="columnheader"
      scope="col"
      class=${numeric ? 'numeric' : ''}
      aria-sort=${sorted ? 'descending' : 'none'}
    >
      <button
        type="button"
        part="sort-button"
        class=${sorted ? 'sort sorted' : 'sort'}
        data-sort=${column.sort}
        title=${this.i18n.t('crossSell.sort', { column: label })}
        @click=${() => this.setSort(column.sort!)}
      >
        ${label}<span class="arrow" aria-hidden="true">${sorted ? '▼' : '↕'}</span>
      </button>
    </th>`;
  }

  private renderLoading() {
    const i18n = this.i18n;
    const fraction = this.rulesProgress?.fraction;
    const stage = i18n.stage(this.rulesProgress?.stage);
    const text = fraction === undefined ? stage : i18n.t('state.progress', { stage, fraction });
    return loadingState(i18n.t('crossSell.loading'), text, fraction);
  }

  private renderSuggestions() {
    const i18n = this.i18n;
    const id = this.wantedId;
    const customer = this.customerName ? `${this.customerName} (${id})` : id;
    const suggested = this.suggested?.id === id ? this.suggested : undefined;
    let body: unknown;
    if (!id) {
      body = html`<p class="muted">${i18n.t('crossSell.hint')}</p>`;
    } else if (!suggested) {
      body = html`<p class="muted">${i18n.t('crossSell.suggestionsLoading', { customer })}</p>`;
    } else if ('missing' in suggested) {
      body = html`<p part="not-found" class="not-found">${i18n.t('crossSell.notFound', { id })}</p>`;
    } else if (suggested.list.length === 0) {
      body = html`<p class="muted">
        ${i18n.t(this.noBaskets ? 'crossSell.noBaskets' : 'crossSell.noSuggestions', { customer })}
      </p>`;
    } else {
      const f = i18n.format;
      const separator = i18n.t('crossSell.itemSeparator');
      body = html`<ol part="suggestions" class="suggestions">
        ${suggested.list.map(
          (s, index) => html`<li>
            <button
              type="button"
              part="suggestion"
              class="suggestion"
              data-item=${s.item}
              @click=${() => this.openSuggestion(id, s, index)}
            >
              <span class="item">${s.item}</span>
              <span class="score">${i18n.t('crossSell.score', { score: s.score })}</span>
              <span class="because">
                ${i18n.t('crossSell.because', {
                  antecedent: s.rule.antecedent.join(separator),
                  consequent: s.rule.consequent.join(separator),
                  confidence: s.rule.confidence,
                  lift: f.number(s.rule.lift),
                })}
              </span>
            </button>
          </li>`,
        )}
      </ol>`;
    }
    return html`<section part="suggestions-panel" class="panel" aria-labelledby="suggestions-title">
      <div class="panel-head">
        <h2 id="suggestions-title" class="title">
          ${id ? i18n.t('crossSell.suggestionsFor', { customer }) : i18n.t('crossSell.suggestions')}
        </h2>
        ${
          id
            ? html`<button type="button" part="clear" class="clear" @click=${this.clearCustomer}>
              ${i18n.t('crossSell.clear')}
            </button>`
            : nothing
        }
      </div>
      <div class="panel-body" role="status">${body}</div>
    </section>`;
  }
}
