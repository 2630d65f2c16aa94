import {
  CHURN_BANDS,
  type CustomerScores,
  isoDate,
  paretoStatement,
  scoreCustomers,
  TIERS,
} from '@crm-lens/core';
import {
  INPUT_FLAGS,
  INPUT_FLAGS_HELP,
  type InputFlagValues,
  ingestOptionsFromFlags,
  parseDate,
  parseFileCommand,
  UsageError,
} from '../args.js';
import { csvCell, int, table } from '../format-table.js';
import type { Io } from '../io.js';
import { parseHorizon, parseUnit } from '../units.js';
import { loadTransactions } from './load.js';

export const SCORE_HELP = `Usage: crm-lens score <file> [flags]

Score every customer of a transactions file at an analysis date: recency, frequency, monetary, R/F/M scores and
segment, ABC class, the BG/NBD inputs (x, t_x, T), P(alive), expected purchases and spend, discounted CLV,
current value and value-pyramid tier, churn score, band, reasons and value at risk.

Scoring:
  --as-of DATE             analysis date (default: the last transaction day); models are fitted up to it
  --horizon SPAN           CLV horizon: 12m (default), 52w, 365d, 1y, or a number of --unit
  --unit U                 day | week (default) | month: time unit of the purchase model
  --discount-rate R        annual discount rate for CLV (default 0.1)
  --model M                bgnbd (default) | paretonbd

Output (default: a summary and the top customers by CLV):
  --csv                    one row per customer, CSV
  --json                   fits, summaries and one object per customer
  --limit N                customers in the default view (default 20)

${INPUT_FLAGS_HELP}
`;

const FLAGS = {
  ...INPUT_FLAGS,
  'as-of': { type: 'string' },
  horizon: { type: 'string' },
  unit: { type: 'string' },
  'discount-rate': { type: 'string' },
  model: { type: 'string' },
  csv: { type: 'boolean' },
  limit: { type: 'string' },
} as const;

/** The per-customer columns of `score`, in output order. */
export const SCORE_COLUMNS = [
  'id',
  'recency',
  'frequency',
  'monetary',
  'r',
  'f',
  'm',
  'segment',
  'abc',
  'x',
  't_x',
  'T',
  'p_alive',
  'expected_purchases',
  'expected_spend',
  'clv',
  'current_value',
  'tier',
  'churn_score',
  'churn_band',
  'reasons',
  'value_at_risk',
] as const;

type Row = Record<(typeof SCORE_COLUMNS)[number], string | number | null>;

const num = (v: number, digits: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : null);

/** One output row per scored customer (customers without a purchase up to the analysis date are left out). */
export function scoreRows(s: CustomerScores): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < s.ids.length; c++) {
    if (!s.scored[c]) continue;
    const segment = s.segments.segment[c]!;
    const band = s.churn.band[c]!;
    rows.push({
      id: s.ids[c]!,
      recency: s.rfm.recencyDays[c]!,
      frequency: s.rfm.frequency[c]!,
      monetary: num(s.rfm.monetary[c]!, 2),
      r: s.rfm.r[c]!,
      f: s.rfm.f[c]!,
      m: s.rfm.m[c]!,
      segment: segment >= 0 ? s.segments.names[segment]! : null,
      abc: s.abc.labels[s.abc.classIndex[c]!] ?? null,
      x: num(s.x[c]!, 0),
      t_x: num(s.tx[c]!, 4),
      T: num(s.T[c]!, 4),
      p_alive: num(s.pAlive[c]!, 4),
      expected_purchases: num(s.expectedPurchases[c]!, 4),
      expected_spend: num(s.expectedSpend[c]!, 2),
      clv: num(s.clv[c]!, 2),
      current_value: num(s.current.value[c]!, 2),
      tier: TIERS[s.pyramid.tier[c]!] ?? null,
      churn_score: num(s.churn.score[c]!, 4),
      churn_band: CHURN_BANDS[band] ?? null,
      reasons: s.churn.reasons[c]!.map((r) => r.text).join('; '),
      value_at_risk: num(s.churn.valueAtRisk[c]!, 2),
    });
  }
  return rows;
}

function summaryText(s: CustomerScores, file: string, limit: number): string {
  const scored = s.scored.reduce((a, b) => a + b, 0);
  const purchase = s.fits.purchase;
  const params = Object.entries(purchase.params as unknown as Record<string, number>)
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join(', ');
  const spend = Object.entries(s.fits.spend.params as unknown as Record<string, number>)
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join(', ');
  const lines = [
    `crm-lens score ${file}`,
    table([
      ['as of', isoDate(s.asOf)],
      ['customers', `${int(scored)} scored (${int(s.ids.length - scored)} without a purchase by then)`],
      [
        'purchases',
        `${s.fits.purchaseModel.kind === 'bg-nbd' ? 'BG/NBD' : 'Pareto/NBD'}: ${params} (per ${s.unit}; ${purchase.converged ? 'converged' : 'NOT converged'})`,
      ],
      ['spend', `Gamma-Gamma: ${spend} (${s.fits.spend.converged ? 'converged' : 'NOT converged'})`],
      ['concentration', paretoStatement(s.summary.netRevenue, 0.2).sentence],
    ]),
    '',
    'Value pyramid (current: trailing 12 months; potential: CLV)',
    table([
      ['tier', 'customers', 'share of current', 'share of potential'],
      ...s.pyramid.tiers.map((t) => [
        t.tier,
        t.customers,
        `${(t.currentShare * 100).toFixed(1)}%`,
        `${(t.potentialShare * 100).toFixed(1)}%`,
      ]),
    ]),
    '',
    'RFM segments',
    table(s.segments.totals.filter((t) => t.customers > 0).map((t) => [t.name, t.customers])),
    '',
    `Top ${limit} customers by CLV`,
  ];
  const rows = scoreRows(s)
    .sort((a, b) => (Number(b.clv) || 0) - (Number(a.clv) || 0))
    .slice(0, limit);
  lines.push(
    table([
      ['id', 'segment', 'abc', 'p_alive', 'clv', 'tier', 'churn', 'reasons'],
      ...rows.map((r) => [
        String(r.id),
        String(r.segment),
        String(r.abc),
        String(r.p_alive),
        String(r.clv),
        String(r.tier),
        `${r.churn_band} ${r.churn_score}`,
        String(r.reasons),
      ]),
    ]),
  );
  return `${lines.join('\n')}\n`;
}

export async function scoreCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseFileCommand(args, FLAGS, { name: 'score', help: SCORE_HELP, out: (t) => io.out(t) });
  if (!parsed) return 0;
  const { values, file } = parsed;
  if (values.csv && values.json) throw new UsageError('choose one of --csv and --json');
  const unit = parseUnit(values.unit as string | undefined);
  const horizon = parseHorizon(values.horizon as string | undefined, unit);
  const rateText = values['discount-rate'] as string | undefined;
  const annualDiscountRate = rateText === undefined ? 0.1 : Number(rateText);
  if (!(annualDiscountRate > -1 && annualDiscountRate < 10))
    throw new UsageError(`--discount-rate takes a rate such as 0.1, got "${rateText}"`);
  const modelText = (values.model as string | undefined) ?? 'bgnbd';
  if (modelText !== 'bgnbd' && modelText !== 'paretonbd')
    throw new UsageError(`--model takes bgnbd or paretonbd, got "${modelText}"`);
  const limitText = values.limit as string | undefined;
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0)
    throw new UsageError(`--limit takes a whole number, got "${limitText}"`);
  const options = ingestOptionsFromFlags(values as InputFlagValues);
  const transactions = await loadTransactions(file, options, io);
  const asOf = values['as-of'] !== undefined ? parseDate(values['as-of'] as string, '--as-of') : undefined;
  const scores = scoreCustomers(transactions, {
    ...(asOf !== undefined ? { asOf } : {}),
    unit,
    horizon,
    annualDiscountRate,
    model: modelText === 'bgnbd' ? 'bg-nbd' : 'pareto-nbd',
  });
  for (const [name, fit] of [
    ['purchase model', scores.fits.purchase],
    ['spend model', scores.fits.spend],
  ] as const) {
    if (!fit.converged)
      io.err(
        `crm-lens score: warning: the ${name} did not converge (${fit.message}); predictions are unreliable\n`,
      );
  }
  if (values.csv) {
    const rows = scoreRows(scores);
    io.out(`${SCORE_COLUMNS.join(',')}\n`);
    for (const row of rows) io.out(`${SCORE_COLUMNS.map((k) => csvCell(row[k])).join(',')}\n`);
  } else if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          file,
          asOf: isoDate(scores.asOf),
          unit,
          horizon,
          annualDiscountRate,
          fits: {
            purchase: { model: scores.fits.purchaseModel.kind, ...scores.fits.purchase },
            spend: scores.fits.spend,
          },
          pyramid: { thresholds: scores.pyramid.thresholds, tiers: scores.pyramid.tiers },
          abc: scores.abc.classes,
          segments: scores.segments.totals,
          customers: scoreRows(scores),
        },
        null,
        2,
      )}\n`,
    );
  } else io.out(summaryText(scores, file, limit));
  return 0;
}
