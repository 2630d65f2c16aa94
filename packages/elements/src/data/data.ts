import type { FieldMapping, IngestReport } from '@crm-lens/core';
import type {
  CreateEngineOptions,
  DatasetHandle,
  Engine,
  HostKind,
  Progress,
  ScoreRequest,
  ScoreSummary,
  WireIngestOptions,
} from '@crm-lens/engine';
import { ContextProvider } from '@lit/context';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { type DataInput, DataSession } from '../internal/data-session.js';
import {
  type DataError,
  type DataProvider,
  type DataState,
  type DataStatus,
  dataContext,
} from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { registerProvider, unregisterProvider } from '../internal/provider-registry.js';
import { dataStyles } from './data.styles.js';
import { ConfigError, dataInput, engineOptions, ingestOptions, scoreRequest } from './data-input.js';

/** Properties whose change means a new load (everything else that changes only rescoring or nothing). */
const INPUT_PROPERTIES = [
  'src',
  'transactions',
  'customers',
  'interactions',
  'preset',
  'format',
  'delimiter',
  'noHeader',
  'decimalComma',
  'dateFormat',
  'encoding',
  'returns',
  'cancellationPrefix',
  'integerIds',
  'customerField',
  'dateField',
  'amountField',
  'orderField',
  'productField',
  'quantityField',
  'unitPriceField',
  'costField',
  'categoryField',
  'regionField',
  'channelField',
  'currencyField',
  'mapping',
  'ingestOptions',
] as const;

/** Properties that say how to create the shared engine. */
const ENGINE_PROPERTIES = ['engine', 'engineKey', 'engineOptions', 'hosts', 'computeUrl'] as const;

const REQUEST_PROPERTIES = [
  'asOf',
  'unit',
  'horizonMonths',
  'model',
  'discountRate',
  'currentMonths',
  'currentThreshold',
  'potentialThreshold',
  'request',
] as const;

/**
 * @summary The data source of the widgets inside it (or linked with `source="<id>"`): loads orders from a URL or
 * from properties into the page's shared analytics engine, scores every customer, and shares the result.
 *
 * @slot - The widgets that use this data.
 * @event lens-data-load - Data loaded and scored; detail: dataset, host, accepted/rejected counts, summary.
 * @event lens-data-error - Loading or scoring failed; detail: { code, message }.
 * @event lens-progress - Progress of loading or scoring; detail: { stage, fraction?, rows? }.
 * @csspart status - The optional status line (`show-status`).
 * @cssproperty --lens-data-status-color - Text colour of the status line (default var(--lens-color-text-muted)).
 */
export class LensData extends LensElement implements DataProvider {
  static override styles = [...LensElement.styles, dataStyles];

  /**
   * Engine options for every `<lens-data>` that has no `engineOptions` of its own, e.g.
   * `{ workerUrl: '/assets/engine.worker.js' }` when the worker script is served from elsewhere.
   */
  static get defaultEngineOptions(): CreateEngineOptions | undefined {
    return DataSession.defaultEngineOptions;
  }
  static set defaultEngineOptions(options: CreateEngineOptions | undefined) {
    DataSession.defaultEngineOptions = options;
  }

  // ---- What to load --------------------------------------------------------------------------------------

  /** URL of the orders file (CSV, TSV, whitespace-separated, JSON or Arrow, gzip or not), fetched by the engine. */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Orders given directly: row objects, columns (`{ customerId: [...], … }`) or a canonical transactions table; wins over `src`. */
  @property({ attribute: false }) accessor transactions: unknown = undefined;
  /** Customers (ids and names) for the `.transactions`: rows, columns or a canonical customers table. */
  @property({ attribute: false }) accessor customers: unknown = undefined;
  /** Service interactions (complaints, tickets) for the churn signals: rows, columns or a canonical table. */
  @property({ attribute: false }) accessor interactions: unknown = undefined;

  // ---- How to read it ------------------------------------------------------------------------------------

  /** A named mapping for a known export: `cdnow-master`, `cdnow-sample`, `online-retail`. */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Input format: `auto` (default), `csv`, `tsv`, `whitespace`, `json`, `arrow`. */
  @property({ type: String, attribute: 'format' }) accessor format: string | undefined = undefined;
  /** Field delimiter: a character, or `comma`, `semicolon`, `tab`, `pipe`, `space`, `whitespace`; guessed by default. */
  @property({ type: String, attribute: 'delimiter' }) accessor delimiter: string | undefined = undefined;
  /** The file has no header row (columns are then named 1, 2, 3, …). */
  @property({ type: Boolean, attribute: 'no-header' }) accessor noHeader = false;
  /** Numbers are written with a decimal comma (`1.234,56`). */
  @property({ type: Boolean, attribute: 'decimal-comma' }) accessor decimalComma = false;
  /** How dates are written: `auto` (default), `iso`, `yyyymmdd`, `epoch-s`, `epoch-ms` or a pattern like `DD/MM/YYYY`. */
  @property({ type: String, attribute: 'date-format' }) accessor dateFormat: string | undefined = undefined;
  /** Text encoding of the file (a TextDecoder label), default utf-8. */
  @property({ type: String, attribute: 'encoding' }) accessor encoding: string | undefined = undefined;
  /** Returns and cancellations: `net` (default, netted against purchases) or `exclude`. */
  @property({ type: String, attribute: 'returns' }) accessor returns: string | undefined = undefined;
  /** An order id starting with this text is a cancellation (Online Retail: `C`). */
  @property({ type: String, attribute: 'cancellation-prefix' }) accessor cancellationPrefix:
    | string
    | undefined = undefined;
  /** Customer ids are integers written as `17850.0` in the source; store them as `17850`. */
  @property({ type: Boolean, attribute: 'integer-ids' }) accessor integerIds = false;
  /** Column holding the customer id. Field attributes also take `=A * B` (an expression) or `"X"` (a constant). */
  @property({ type: String, attribute: 'customer-field' }) accessor customerField: string | undefined =
    undefined;
  /** Column holding the order date. */
  @property({ type: String, attribute: 'date-field' }) accessor dateField: string | undefined = undefined;
  /** Column holding the amount, or an expression such as `=Quantity * UnitPrice`. */
  @property({ type: String, attribute: 'amount-field' }) accessor amountField: string | undefined = undefined;
  /** Column holding the order / invoice id. */
  @property({ type: String, attribute: 'order-field' }) accessor orderField: string | undefined = undefined;
  /** Column holding the product id / SKU. */
  @property({ type: String, attribute: 'product-field' }) accessor productField: string | undefined =
    undefined;
  /** Column holding the quantity. */
  @property({ type: String, attribute: 'quantity-field' }) accessor quantityField: string | undefined =
    undefined;
  /** Column holding the unit price. */
  @property({ type: String, attribute: 'unit-price-field' }) accessor unitPriceField: string | undefined =
    undefined;
  /** Column holding the cost of goods. */
  @property({ type: String, attribute: 'cost-field' }) accessor costField: string | undefined = undefined;
  /** Column holding the product category. */
  @property({ type: String, attribute: 'category-field' }) accessor categoryField: string | undefined =
    undefined;
  /** Column holding the region / country. */
  @property({ type: String, attribute: 'region-field' }) accessor regionField: string | undefined = undefined;
  /** Column holding the sales channel. */
  @property({ type: String, attribute: 'channel-field' }) accessor channelField: string | undefined =
    undefined;
  /** Column holding the currency code per row. */
  @property({ type: String, attribute: 'currency-field' }) accessor currencyField: string | undefined =
    undefined;
  /** Canonical field → source (core's `FieldMapping`); wins over the field attributes. */
  @property({ attribute: false }) accessor mapping: FieldMapping | undefined = undefined;
  /** Any other ingestion options (core's `TransactionIngestOptions`); wins over everything else. */
  @property({ attribute: false }) accessor ingestOptions: WireIngestOptions | undefined = undefined;
  /** The data's currency (ISO 4217, e.g. `EUR`), shown by widgets that have no `currency` of their own. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;

  // ---- The analysis --------------------------------------------------------------------------------------

  /** Analysis date (`YYYY-MM-DD` or ISO 8601); default: the last transaction day. */
  @property({ type: String, attribute: 'as-of' }) accessor asOf: string | undefined = undefined;
  /** Time unit of the purchase models: `day`, `week` (default) or `month`. */
  @property({ type: String, attribute: 'unit' }) accessor unit: string | undefined = undefined;
  /** Lifetime-value horizon in months (default 12). */
  @property({ type: Number, attribute: 'horizon-months' }) accessor horizonMonths: number | undefined =
    undefined;
  /** Purchase model: `bg-nbd` (default) or `pareto-nbd`. */
  @property({ type: String, attribute: 'model' }) accessor model: string | undefined = undefined;
  /** Annual discount rate of lifetime value, e.g. `0.1` for 10 %. */
  @property({ type: Number, attribute: 'discount-rate' }) accessor discountRate: number | undefined =
    undefined;
  /** Months of trailing spend that count as current value (value pyramid). */
  @property({ type: Number, attribute: 'current-months' }) accessor currentMonths: number | undefined =
    undefined;
  /** Current-value cut-off of the pyramid: `median` (default), a percentile `p80`, or an amount. */
  @property({ type: String, attribute: 'current-threshold' }) accessor currentThreshold: string | undefined =
    undefined;
  /** Potential-value cut-off of the pyramid: `median` (default), a percentile `p80`, or an amount. */
  @property({ type: String, attribute: 'potential-threshold' }) accessor potentialThreshold:
    | string
    | undefined = undefined;
  /** The engine's scoring request (`ScoreRequest`); wins over the analysis attributes. */
  @property({ attribute: false }) accessor request: ScoreRequest | undefined = undefined;

  // ---- The engine ----------------------------------------------------------------------------------------

  /** Use this engine instead of the page's shared one (it is not disposed when the element goes). */
  @property({ attribute: false }) accessor engine: Engine | undefined = undefined;
  /** Key of the page's shared engine: elements with different keys use separate engines. */
  @property({ type: String, attribute: 'engine-key' }) accessor engineKey = 'default';
  /**
   * The hosts to try, in order, separated by spaces: `module-worker`, `blob-worker`, `iframe`, `in-thread`
   * (default: all but `iframe`, with `iframe` before `in-thread` when `compute-url` is set).
   */
  @property({ type: String, attribute: 'hosts' }) accessor hosts: string | undefined = undefined;
  /**
   * URL of an iframe compute host page on another origin (`crm-lens.compute.html`), for pages that may not start
   * workers (Salesforce Lightning Web Security); the page must allow this page's origin.
   */
  @property({ type: String, attribute: 'compute-url' }) accessor computeUrl: string | undefined = undefined;
  /**
   * Options for creating the shared engine (`CreateEngineOptions`: worker URLs, `classicWorkerSource`,
   * `iframeParent`, …), merged last, over `LensData.defaultEngineOptions` and the `hosts` and `compute-url`
   * attributes.
   */
  @property({ attribute: false }) accessor engineOptions: Partial<CreateEngineOptions> | undefined =
    undefined;
  /** Which host computes: `module-worker`, `blob-worker`, `iframe` or `in-thread` (read-only; reflected for support). */
  @property({ type: String, attribute: 'compute-host', reflect: true }) accessor computeHost:
    | HostKind
    | undefined = undefined;
  /** Where loading is: `idle`, `loading`, `empty`, `error`, `ready` (read-only; reflected for styling). */
  @property({ type: String, attribute: 'status', reflect: true }) accessor status: DataStatus = 'idle';
  /** Show a one-line status (progress, counts, rejected rows, host) above the widgets. */
  @property({ type: Boolean, attribute: 'show-status' }) accessor showStatus = false;

  private readonly session = new DataSession(this);
  private readonly provider = new ContextProvider(this, { context: dataContext, initialValue: this });
  private stopSession: (() => void) | undefined;
  /** Status and host as set by the session (so outside writes to the read-only properties are undone). */
  private sessionStatus: DataStatus = 'idle';

  /** The current state (engine, dataset, request, summary, report, status, progress, error). */
  get dataState(): DataState {
    return this.session.dataState;
  }

  subscribeData(listener: (state: DataState) => void): () => void {
    return this.session.subscribeData(listener);
  }

  /** How many widgets (and other listeners) use this data now; for support and leak tests. */
  get subscriberCount(): number {
    // The element's own subscription is not counted.
    return this.session.subscriberCount - (this.stopSession ? 1 : 0);
  }

  /** The data-quality report of the last load (absent for canonical tables). */
  get report(): IngestReport | undefined {
    return this.dataState.report;
  }

  /** The scoring summary, when ready. */
  get summary(): ScoreSummary | undefined {
    return this.dataState.summary;
  }

  /** The last progress report while loading. */
  get progress(): Progress | undefined {
    return this.dataState.progress;
  }

  /** Why the status is `error`. */
  get error(): DataError | undefined {
    return this.dataState.error;
  }

  /** The dataset resident in the engine (`dataset` would shadow HTMLElement's data attributes). */
  get datasetHandle(): DatasetHandle | undefined {
    return this.dataState.dataset;
  }

  /** Load and score again. */
  reload(): void {
    this.session.reload();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.stopSession ??= this.session.subscribeData((state) => {
      this.sessionStatus = state.status;
      this.status = state.status;
      this.computeHost = state.host;
      this.requestUpdate();
    });
    this.configure(undefined);
    this.session.connect();
    registerProvider(this);
    // The context value is this element; re-announce it so consumers that asked before we existed find us.
    this.provider.setValue(this, true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unregisterProvider(this);
    this.session.disconnect();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.configure(changed);
    // Read-only reflected properties follow the session, whatever was written to them.
    if (this.status !== this.sessionStatus) this.status = this.sessionStatus;
    if (this.computeHost !== this.dataState.host) this.computeHost = this.dataState.host;
  }

  /** Push changed configuration into the session (all of it when `changed` is undefined). */
  private configure(changed: PropertyValues | undefined): void {
    const has = (keys: readonly string[]) => !changed || keys.some((key) => changed.has(key));
    if (has(['currency'])) this.session.setCurrency(this.currency?.toUpperCase() || undefined);
    const engineChanged = has(ENGINE_PROPERTIES);
    if (!engineChanged && !has(REQUEST_PROPERTIES) && !has(INPUT_PROPERTIES)) return;
    // The engine's and the analysis' configuration are both checked whenever anything that loads changes, so that
    // fixing one mistake does not hide another; the first mistake is the data source's error.
    let mistake: string | undefined;
    try {
      const options = engineOptions({
        hosts: this.hosts,
        computeUrl: this.computeUrl,
        engineOptions: this.engineOptions,
        defaults: LensData.defaultEngineOptions,
      });
      if (engineChanged) {
        this.session.setEngineConfig({
          ...(this.engine ? { engine: this.engine } : {}),
          key: this.engineKey || 'default',
          ...(options ? { options } : {}),
        });
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      mistake = error.message;
    }
    try {
      // Only a changed request rescores (the session compares).
      this.session.setRequest(this.scoreRequest());
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      mistake ??= error.message;
    }
    this.session.setInput(
      mistake === undefined
        ? this.dataInput()
        : { kind: 'invalid', error: { code: 'invalid-request', message: mistake } },
    );
  }

  private scoreRequest(): ScoreRequest {
    return scoreRequest({
      asOf: this.asOf,
      unit: this.unit,
      horizonMonths: this.horizonMonths,
      model: this.model,
      discountRate: this.discountRate,
      currentMonths: this.currentMonths,
      currentThreshold: this.currentThreshold,
      potentialThreshold: this.potentialThreshold,
      request: this.request,
    });
  }

  private lastInput: { key: readonly unknown[]; input: DataInput | undefined } | undefined;

  /** The input for the current properties; the same object while they are unchanged (so no reload). */
  private dataInput(): DataInput | undefined {
    const key = INPUT_PROPERTIES.map((name) => this[name]);
    if (this.lastInput && key.every((value, i) => Object.is(value, this.lastInput!.key[i]))) {
      return this.lastInput.input;
    }
    let input: DataInput | undefined;
    try {
      const options = ingestOptions({
        preset: this.preset,
        format: this.format,
        delimiter: this.delimiter,
        noHeader: this.noHeader,
        decimalComma: this.decimalComma,
        dateFormat: this.dateFormat,
        encoding: this.encoding,
        returns: this.returns,
        cancellationPrefix: this.cancellationPrefix,
        integerIds: this.integerIds,
        fields: {
          customerId: this.customerField,
          date: this.dateField,
          amount: this.amountField,
          orderId: this.orderField,
          product: this.productField,
          quantity: this.quantityField,
          unitPrice: this.unitPriceField,
          cost: this.costField,
          category: this.categoryField,
          region: this.regionField,
          channel: this.channelField,
          currency: this.currencyField,
        },
        mapping: this.mapping,
        ingestOptions: this.ingestOptions,
      });
      input = dataInput(
        {
          src: this.src,
          transactions: this.transactions,
          customers: this.customers,
          interactions: this.interactions,
        },
        options,
      );
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      input = { kind: 'invalid', error: { code: 'invalid-request', message: error.message } };
    }
    this.lastInput = { key, input };
    return input;
  }

  protected override render() {
    return html`${this.showStatus ? this.renderStatus() : nothing}<slot></slot>`;
  }

  private renderStatus() {
    const state = this.dataState;
    const i18n = this.i18n;
    let text: string;
    switch (state.status) {
      case 'loading': {
        const stage = i18n.stage(state.progress?.stage);
        const fraction = state.progress?.fraction;
        text = fraction === undefined ? stage : i18n.t('state.progress', { stage, fraction });
        break;
      }
      case 'ready': {
        const parts = [
          i18n.t('data.ready', {
            customers: state.summary?.customers ?? 0,
            transactions: state.dataset?.transactions ?? 0,
          }),
        ];
        if (state.report && state.report.rejected > 0) {
          parts.push(i18n.t('data.rejected', { rejected: state.report.rejected }));
        }
        if (state.host) {
          parts.push(i18n.t(`host.${state.host}`));
        }
        text = parts.join(' · ');
        break;
      }
      case 'error':
        text = `${i18n.error(state.error?.code ?? 'internal')} ${state.error?.message ?? ''}`.trim();
        break;
      case 'empty':
        text = i18n.t('state.empty');
        break;
      default:
        text = i18n.t('state.idle');
    }
    return html`<div part="status" class="status" role="status" aria-label=${i18n.t('data.label')}>
      ${text}
    </div>`;
  }
}
