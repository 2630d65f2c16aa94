// crm-lens as a Power Apps component framework (PCF) code component. The platform calls init() once with an empty
// container, then updateView() whenever the view's records or the configured properties change, and destroy() when
// the control is removed. The control reads Dataverse through @crm-lens/adapter-dynamics (context.webAPI, as the
// signed-in user; the view's own records when "Records of the view" is "use"), hands the rows to <lens-data>, and
// <lens-data> scores them in a blob: worker made from the engine's source text, which the build put into this
// bundle (generated/engine-sources.ts, by scripts/prebuild.mjs): a PCF control ships bundle.js and nothing else.
import {
  type CollectedDataset,
  collectDynamics,
  type DatasetFeed,
  DYNAMICS_CUSTOMER_TABLES,
  DYNAMICS_INTERACTION_TABLES,
  DYNAMICS_TRANSACTION_TABLES,
  type DynamicsAdapterOptions,
  type DynamicsTable,
  datasetFeed,
  progressText,
  resultText,
  retryText,
} from '@crm-lens/adapter-dynamics';
import type { LensData } from '@crm-lens/elements';
import '@crm-lens/elements/lens-data.js';
import '@crm-lens/elements/lens-value-pyramid.js';
import '@crm-lens/elements/lens-rfm-heatmap.js';
import '@crm-lens/elements/lens-churn-list.js';
import { CLASSIC_ANALYSES_SOURCE, CLASSIC_WORKER_SOURCE } from './generated/engine-sources';
import type { IInputs, IOutputs } from './generated/ManifestTypes';

/** The engine's hosts: a blob: worker (Dataverse's CSP allows blob: workers), else the page's own thread. */
const HOSTS = 'blob-worker in-thread';
/** This control's own engine (other crm-lens copies on the page keep theirs). */
const ENGINE_KEY = 'crm-lens-pcf';

/** Layout of the control's shadow root (a constructed style sheet: no <style> element, nothing leaks out). */
const CSS = `
:host { display: block; }
.crm-lens { display: grid; gap: 16px; font-family: inherit; }
.status { margin: 0; font-size: 0.875rem; color: #605e5c; }
.status[data-state='error'] { color: #a4262c; }
.widgets { display: grid; gap: 16px; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); }
lens-churn-list { grid-column: 1 / -1; }
`;

type TableKind = 'customers' | 'transactions' | 'interactions';

const ALLOWED: Readonly<Record<TableKind, readonly DynamicsTable[]>> = {
  customers: DYNAMICS_CUSTOMER_TABLES,
  transactions: DYNAMICS_TRANSACTION_TABLES,
  interactions: DYNAMICS_INTERACTION_TABLES,
};

/** A comma-separated list of table logical names; `none` for an empty list; unknown names are reported. */
function tables(raw: string | null | undefined, kind: TableKind, fallback: readonly DynamicsTable[]) {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return { tables: [...fallback], unknown: [] as string[] };
  if (text === 'none') return { tables: [] as DynamicsTable[], unknown: [] as string[] };
  const names = text.split(/[\s,;]+/).filter((n) => n !== '');
  const allowed = ALLOWED[kind] as readonly string[];
  return {
    tables: names.filter((n): n is DynamicsTable => allowed.includes(n)),
    unknown: names.filter((n) => !allowed.includes(n)),
  };
}

/** The user's language as a crm-lens locale (Dataverse gives a Windows LCID: 2052 = Chinese (Simplified)). */
const localeOf = (languageId: number | undefined) => (languageId === 2052 ? 'zh-CN' : 'en');

export class CrmLens implements ComponentFramework.StandardControl<IInputs, IOutputs> {
  private root: HTMLDivElement | undefined;
  private data: LensData | undefined;
  private status: HTMLParagraphElement | undefined;
  private readonly feed: DatasetFeed = datasetFeed();
  private readonly abort = new AbortController();
  private started = false;

  /** Builds the widgets in the container; the data is read on the first updateView (the view's records come there). */
  public init(
    context: ComponentFramework.Context<IInputs>,
    _notifyOutputChanged: () => void,
    _state: ComponentFramework.Dictionary,
    container: HTMLDivElement,
  ): void {
    const root = document.createElement('div');
    root.lang = localeOf(context.userSettings?.languageId);
    const shadow = root.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];

    const frame = document.createElement('div');
    frame.className = 'crm-lens';
    const status = document.createElement('p');
    status.className = 'status';
    status.setAttribute('role', 'status');
    status.textContent = 'Connecting to Dataverse…';
    status.dataset.state = 'loading';

    const data = document.createElement('lens-data');
    data.setAttribute('hosts', HOSTS);
    data.engineKey = ENGINE_KEY;
    data.engineOptions = {
      classicWorkerSource: CLASSIC_WORKER_SOURCE,
      classicAnalysesSource: CLASSIC_ANALYSES_SOURCE,
    };
    this.applyAnalysisProperties(data, context);
    const widgets = document.createElement('div');
    widgets.className = 'widgets';
    widgets.append(
      document.createElement('lens-value-pyramid'),
      document.createElement('lens-rfm-heatmap'),
      document.createElement('lens-churn-list'),
    );
    data.append(widgets);
    frame.append(status, data);
    shadow.append(frame);
    container.append(root);
    this.root = root;
    this.data = data;
    this.status = status;
  }

  /** Hands the view's records to the feed, applies changed properties, and starts the read once. */
  public updateView(context: ComponentFramework.Context<IInputs>): void {
    const records = context.parameters.records;
    if (records) this.feed.update(records);
    if (this.data) this.applyAnalysisProperties(this.data, context);
    if (!this.started) {
      this.started = true;
      void this.read(context);
    }
  }

  public getOutputs(): IOutputs {
    return {};
  }

  /** Stops the read (no further Web API call), and removes the widgets (their engine goes with them). */
  public destroy(): void {
    this.abort.abort();
    this.root?.remove();
    this.root = undefined;
    this.data = undefined;
    this.status = undefined;
  }

  private say(text: string, state: 'loading' | 'ready' | 'error'): void {
    if (!this.status) return;
    this.status.textContent = text;
    this.status.dataset.state = state;
  }

  private applyAnalysisProperties(data: LensData, context: ComponentFramework.Context<IInputs>): void {
    const currency = context.parameters.currency?.raw?.trim();
    const asOf = context.parameters.asOf?.raw?.trim();
    if (currency) data.setAttribute('currency', currency.toUpperCase());
    else data.removeAttribute('currency');
    if (asOf) data.setAttribute('as-of', asOf);
    else data.removeAttribute('as-of');
  }

  private options(context: ComponentFramework.Context<IInputs>): {
    options: DynamicsAdapterOptions;
    notes: string[];
  } {
    const p = context.parameters;
    const customers = tables(p.customerTables?.raw, 'customers', ['account', 'contact']);
    const transactions = tables(p.transactionTables?.raw, 'transactions', ['opportunity']);
    const interactions = tables(p.interactionTables?.raw, 'interactions', DYNAMICS_INTERACTION_TABLES);
    const notes = [...customers.unknown, ...transactions.unknown, ...interactions.unknown].map(
      (name) => `"${name}" is not a table crm-lens reads; left out`,
    );
    const complaintCaseTypes = (p.complaintCaseTypes?.raw ?? '')
      .split(/[\s,;]+/)
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
    const pageSize = p.pageSize?.raw ?? undefined;
    const selected = [...customers.tables, ...transactions.tables, ...interactions.tables];
    const viewTable = this.feed.table as DynamicsTable | undefined;
    const useView = p.viewRecords?.raw === 'use' && viewTable !== undefined;
    if (useView && !selected.includes(viewTable)) {
      notes.push(`the view's table (${viewTable}) is not one of the tables read; its records are not used`);
    }
    const options: DynamicsAdapterOptions = {
      webAPI: context.webAPI,
      customers: customers.tables as DynamicsAdapterOptions['customers'],
      transactions: transactions.tables as DynamicsAdapterOptions['transactions'],
      interactions: interactions.tables as DynamicsAdapterOptions['interactions'],
      complaintCaseTypes,
      ...(typeof pageSize === 'number' && pageSize > 0 ? { pageSize } : {}),
      ...(useView && selected.includes(viewTable) ? { views: { [viewTable]: this.feed } } : {}),
      retry: { onRetry: (info) => this.say(retryText(info), 'loading') },
    };
    return { options, notes };
  }

  private async read(context: ComponentFramework.Context<IInputs>): Promise<void> {
    const { options, notes } = this.options(context);
    const suffix = notes.length > 0 ? ` · ${notes.join(' · ')}` : '';
    let collected: CollectedDataset;
    try {
      collected = await collectDynamics(options, {
        signal: this.abort.signal,
        onPage: (page) => this.say(progressText(page.progress), 'loading'),
      });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      // AdapterError messages name the call, Dataverse's error code and the status, never record content.
      const message =
        error instanceof Error && error.name === 'AdapterError'
          ? error.message
          : 'the data could not be read';
      this.say(`Dataverse: ${message}${suffix}`, 'error');
      return;
    }
    const data = this.data;
    if (!data) return;
    const { input } = collected;
    if (input.transactions.length === 0) {
      this.say(`No transactions were found in Dataverse: nothing to analyse yet.${suffix}`, 'ready');
      return;
    }
    data.customers = input.customers ?? [];
    data.interactions = input.interactions ?? [];
    data.transactions = input.transactions;
    this.say(`${resultText(collected)}${suffix}`, 'ready');
  }
}
