import { type AdapterProgress, type CollectedDataset, collectAdapter } from '@crm-lens/core';
import { type ZohoAdapterOptions, zohoAdapter } from '../zoho-adapter.js';
import type { ZohoGlobal, ZohoPageLoadData } from '../zoho-types.js';

/** The parts of `<lens-data>` the widget page sets (see docs/elements/lens-data.md). */
export interface LensDataTarget extends Element {
  customers: unknown;
  interactions: unknown;
  transactions: unknown;
}

export interface StartZohoWidgetOptions {
  /** The SDK's global `ZOHO` (the real one, or a stand-in). */
  readonly zoho: ZohoGlobal;
  /** The page: `<lens-data id="crm-lens-data">` and a `#crm-lens-status` line are looked up in it. */
  readonly document: Document;
  /** Adapter options besides the SDK (modules, won stages, page size, retries). */
  readonly adapter?: Omit<ZohoAdapterOptions, 'api'>;
  readonly signal?: AbortSignal;
}

export interface ZohoWidgetResult {
  readonly collected: CollectedDataset;
  /** What `PageLoad` said (the record in view), when the host sent it before the data was read. */
  readonly pageLoad?: ZohoPageLoadData;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

function progressText(p: AdapterProgress): string {
  return `Reading ${p.object} from Zoho CRM (${p.step + 1}/${p.steps}): ${plural(p.records, 'record')}…`;
}

/**
 * The widget page's script: waits for the SDK (`ZOHO.embeddedApp.init()`, after a `PageLoad` listener is in place),
 * reads the org through {@link zohoAdapter}, and hands the rows to `<lens-data>` (`.customers`, `.interactions`,
 * `.transactions`). Progress and the outcome go to the status line as plain text: counts and module names only,
 * never record values. Errors are shown there too (the `AdapterError` message names the SDK call and Zoho's code).
 */
export async function startZohoWidget(options: StartZohoWidgetOptions): Promise<ZohoWidgetResult> {
  const { zoho, document } = options;
  const status = document.getElementById('crm-lens-status');
  const data = document.getElementById('crm-lens-data') as LensDataTarget | null;
  const say = (text: string, state: 'loading' | 'ready' | 'error') => {
    if (!status) return;
    status.textContent = text;
    status.dataset.state = state;
  };
  if (!data) throw new Error('the widget page has no <lens-data id="crm-lens-data">');

  let pageLoad: ZohoPageLoadData | undefined;
  zoho.embeddedApp.on('PageLoad', (context: ZohoPageLoadData) => {
    pageLoad = context;
  });
  say('Connecting to Zoho CRM…', 'loading');
  try {
    await zoho.embeddedApp.init();
    const adapter = zohoAdapter({ ...options.adapter, api: zoho.CRM.API });
    const collected = await collectAdapter(adapter, {
      ...(options.signal ? { signal: options.signal } : {}),
      onPage: (page) => say(progressText(page.progress), 'loading'),
    });
    const { input } = collected;
    if (input.transactions.length === 0) {
      say('No won deals (or orders) were found in Zoho CRM: nothing to analyse yet.', 'ready');
      return { collected, ...(pageLoad ? { pageLoad } : {}) };
    }
    data.customers = input.customers ?? [];
    data.interactions = input.interactions ?? [];
    data.transactions = input.transactions;
    const skipped = collected.objects.reduce((n, o) => n + o.skipped, 0);
    say(
      `Read ${plural(input.transactions.length, 'transaction')}, ${plural(input.customers?.length ?? 0, 'customer')} and ${plural(input.interactions?.length ?? 0, 'interaction')} from Zoho CRM` +
        (skipped > 0
          ? ` · ${plural(skipped, 'record')} ${skipped === 1 ? 'was' : 'were'} left out (a required field was empty)`
          : ''),
      'ready',
    );
    return { collected, ...(pageLoad ? { pageLoad } : {}) };
  } catch (error) {
    const message =
      error instanceof Error && error.name === 'AdapterError' ? error.message : 'the data could not be read';
    say(`Zoho CRM: ${message}`, 'error');
    throw error;
  }
}
