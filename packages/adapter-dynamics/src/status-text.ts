import type { AdapterProgress, CollectedDataset, RetryInfo } from '@crm-lens/core';
import type { DynamicsTable } from './presets.js';

/** How the tables are named in status lines. */
export const TABLE_LABELS: Readonly<Record<DynamicsTable, string>> = {
  account: 'accounts',
  contact: 'contacts',
  salesorder: 'orders',
  invoice: 'invoices',
  opportunity: 'won opportunities',
  phonecall: 'phone calls',
  email: 'e-mails',
  appointment: 'appointments',
  task: 'tasks',
  incident: 'cases',
};

const label = (object: string) => (TABLE_LABELS as Readonly<Record<string, string>>)[object] ?? object;
const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/**
 * A control's status line while reading: the table, the step and the count so far (`Reading accounts from
 * Dataverse (1/7): 5,000 records…`). Counts and table names only, never record values.
 */
export function progressText(progress: AdapterProgress): string {
  return `Reading ${label(progress.object)} from Dataverse (${progress.step + 1}/${progress.steps}): ${plural(progress.records, 'record')}…`;
}

/** A status line for a retry wait (`Dataverse asked to wait 30 s (service protection limits); retry 1…`). */
export function retryText(info: RetryInfo): string {
  const seconds = Math.max(1, Math.round(info.delayMs / 1000));
  const why = info.status === 429 ? 'service protection limits' : 'a temporary failure';
  return `Dataverse asked to wait ${seconds} s (${why}); retry ${info.attempt}…`;
}

/**
 * The outcome: what was read, and how many records were left out (a required column was empty, the record was not
 * a record). Counts only.
 */
export function resultText(collected: CollectedDataset): string {
  const { input } = collected;
  const skipped = collected.objects.reduce((n, o) => n + o.skipped, 0);
  return (
    `Read ${plural(input.transactions.length, 'transaction')}, ${plural(input.customers?.length ?? 0, 'customer')} and ${plural(input.interactions?.length ?? 0, 'interaction')} from Dataverse` +
    (skipped > 0
      ? ` · ${plural(skipped, 'record')} ${skipped === 1 ? 'was' : 'were'} left out (a required column was empty)`
      : '')
  );
}
