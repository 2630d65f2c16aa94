import type { ResolvedField } from '../ingest/mapping.js';
import type { IngestOptions } from '../ingest/options.js';
import type { FieldValue, RowContext } from '../ingest/read-rows.js';
import type { IngestInput } from '../ingest/record-source.js';
import type { IngestReport, ReportBuilder } from '../ingest/report.js';
import { type FinishedTable, runIngestion } from '../ingest/run-ingestion.js';
import type { FieldDef } from '../schema/fields.js';
import { Float64Builder } from '../util/growable.js';
import type { Work } from '../util/work.js';

/** The columns of a customer summary table (BTYD, lifetimes or our own `score --csv` output). */
export const SUMMARY_FIELDS: readonly FieldDef[] = [
  { name: 'id', kind: 'id', required: false, aliases: ['id', 'customerid'], description: 'customer id' },
  { name: 'x', kind: 'number', required: true, aliases: ['x', 'frequency'], description: 'repeat purchases' },
  {
    name: 'tx',
    kind: 'number',
    required: true,
    aliases: ['tx', 'recency'],
    description: 'time of last purchase',
  },
  { name: 'T', kind: 'number', required: true, aliases: ['t'], description: 'time since first purchase' },
  {
    name: 'zbar',
    kind: 'number',
    required: false,
    aliases: ['zbar', 'monetaryvalue'],
    description: 'mean repeat spend',
  },
];

export interface SummaryTable {
  readonly ids: readonly string[] | undefined;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean repeat spend, NaN where x = 0 or not given; undefined when the table has no such column. */
  readonly zbar: Float64Array | undefined;
  readonly report: IngestReport;
}

/**
 * Read a per-customer summary table — columns `x, t_x, T[, zbar]` (BTYD) or `frequency, recency, T[,
 * monetary_value]` (lifetimes) — with the same row-level checks as every ingestion: a row with x < 0, tx > T or
 * tx < 0 is rejected (`invalid-number`), and so is a non-numeric cell. A zbar of 0 on a row with x = 0 (the
 * lifetimes convention) is read as "not given".
 */
export async function readSummaryTable(
  input: IngestInput,
  options: IngestOptions = {},
): Promise<SummaryTable> {
  const { table, report } = await runIngestion(input, options, {
    table: 'summary',
    fields: SUMMARY_FIELDS,
    start: ({ resolved, report: builder }) => summaryRows(resolved, builder),
  });
  return { ...table, report };
}

/** The summary table's row checks and columns. */
function summaryRows(resolved: readonly ResolvedField[], report: ReportBuilder) {
  const hasId = resolved[0]!.kind !== 'none';
  const hasZbar = resolved[4]!.kind !== 'none';
  const ids: string[] = [];
  const x = new Float64Builder();
  const tx = new Float64Builder();
  const T = new Float64Builder();
  const zbar = new Float64Builder();
  const accept = (values: FieldValue[], context: RowContext) => {
    const [id, xv, txv, Tv, zv] = values as [string | undefined, number, number, number, number | undefined];
    const bad = (field: string, value: number, why: string) =>
      context.rejection('invalid-number', field, String(value), `${field} = ${value}: ${why}`);
    if (!Number.isInteger(xv) || xv < 0) return bad('x', xv, 'repeat purchases must be a whole number ≥ 0');
    if (!(Tv >= 0)) return bad('T', Tv, 'T must be ≥ 0');
    if (!(txv >= 0 && txv <= Tv + 1e-9))
      return bad('tx', txv, `the last purchase time must lie in 0…T (T = ${Tv})`);
    if (xv === 0 && txv !== 0) return bad('tx', txv, 'a customer without repeat purchases has tx = 0');
    if (hasId) ids.push(id ?? '');
    x.push(xv);
    tx.push(txv);
    T.push(Tv);
    zbar.push(xv > 0 && zv !== undefined ? zv : Number.NaN);
    report.accept(Number.NaN);
    return undefined;
  };
  function* finish(): Work<FinishedTable<Omit<SummaryTable, 'report'>>> {
    // The work of the columns' final copies (a few per row).
    yield x.length * 4;
    return {
      table: {
        ids: hasId ? ids : undefined,
        x: x.finish(),
        tx: tx.finish(),
        T: T.finish(),
        zbar: hasZbar ? zbar.finish() : undefined,
      },
      customers: x.length,
    };
  }
  return { visitor: { accept }, finish };
}
