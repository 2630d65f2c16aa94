import {
  type CustomerSegments,
  type CustomerSummary,
  currentValue,
  isoDate,
  NO_SEGMENT,
  type SegmentTierInput,
  SILHOUETTE_SAMPLE,
  scoreCustomers,
  segmentCustomers,
  summarizeCustomers,
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
import { int, table } from '../format-table.js';
import type { Io } from '../io.js';
import { lastTransactionDay, loadTransactions } from './load.js';

export const SEGMENTS_HELP = `Usage: crm-lens segments <file> [flags]

Segment the customers of a transactions file by k-means++ on standardised log recency, frequency and monetary
value at an analysis date, with k chosen by silhouette or fixed, and print one row per segment: its suggested
name, customers, share of the customers and of the value, and median recency, frequency and monetary value.

Segmenting:
  --as-of DATE             analysis date (default: the last transaction day); later rows are ignored
  --k K                    auto (default: the best silhouette for k = 2…10) or a number of segments
  --seed N                 seed of the k-means++ draws and the silhouette sample (default 1)
  --value V                the value shared out in "value share": revenue (default: net revenue up to the
                           analysis date) | current (net revenue, or margin with a cost column, over the
                           trailing 12 months) | clv (12-month CLV, fitted as 'crm-lens score' does)
  --tiers                  add each segment's value-pyramid tier mix (fits the models as 'crm-lens score' does)

Output:
  --json                   the segmentation as JSON: profiles, population, k candidates, features
  --customers              with --json: each customer's segment ({ id, segment }; segment null when not clustered)

${INPUT_FLAGS_HELP}
`;

const FLAGS = {
  ...INPUT_FLAGS,
  'as-of': { type: 'string' },
  k: { type: 'string' },
  seed: { type: 'string' },
  value: { type: 'string' },
  tiers: { type: 'boolean' },
  customers: { type: 'boolean' },
} as const;

const VALUES = ['revenue', 'current', 'clv'] as const;
type ValueName = (typeof VALUES)[number];

function parseK(text: string | undefined): number | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  const k = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(k) || k < 1)
    throw new UsageError(`--k takes auto or a whole number ≥ 1, got "${text}"`);
  return k;
}

function parseSeed(text: string | undefined): number {
  if (text === undefined) return 1;
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed))
    throw new UsageError(`--seed takes a whole number ≥ 0, got "${text}"`);
  return seed;
}

const percent = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '—');
/** A median: whole numbers as they are, others to `digits` decimals; `—` for an empty segment. */
const median = (x: number, digits: number) =>
  !Number.isFinite(x) ? '—' : Number.isInteger(x) ? int(x) : x.toFixed(digits);
const money = (x: number) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : '—';

const VALUE_TEXT: Record<ValueName, string> = {
  revenue: 'net revenue up to the analysis date',
  current: 'current value: the trailing 12 months up to the analysis date',
  clv: 'CLV over the next 12 months (BG/NBD + Gamma-Gamma, as crm-lens score)',
};

/** The segmentation as plain JSON values (typed arrays as arrays, NaN as null). */
function segmentsJson(s: CustomerSegments) {
  const dims = s.features.names.length;
  return {
    k: s.k,
    seed: s.seed,
    clustered: s.clustered,
    excluded: s.excluded,
    valueNonFinite: s.valueNonFinite,
    silhouette: s.silhouette,
    silhouetteSampled: s.silhouetteSampled,
    inertia: s.inertia,
    iterations: s.iterations,
    converged: s.converged,
    candidates: s.candidates,
    features: {
      names: s.features.names,
      logged: s.features.logged,
      monetary: s.features.monetary,
      center: Array.from(s.features.center),
      scale: Array.from(s.features.scale),
    },
    centroids: Array.from({ length: s.k }, (_, j) =>
      Array.from(s.centroids.subarray(j * dims, (j + 1) * dims)),
    ),
    population: s.population,
    profiles: s.profiles,
  };
}

function summaryText(
  file: string,
  summary: CustomerSummary,
  s: CustomerSegments,
  k: number | 'auto',
  value: { name: ValueName; measure?: string },
  tiers: SegmentTierInput | undefined,
): string {
  const notClustered = s.excluded.noPurchase + s.excluded.notIncluded + s.excluded.nonFinite;
  const candidates = s.candidates.map((c) => `${c.k}: ${c.silhouette.toFixed(3)}`).join(', ');
  const silhouette = `mean silhouette ${s.silhouette.toFixed(3)}${s.silhouetteSampled ? `, on a seeded sample of ${int(SILHOUETTE_SAMPLE)} customers` : ''}`;
  const valueText =
    value.name === 'current' && value.measure === 'margin'
      ? 'current value: margin over the trailing 12 months up to the analysis date'
      : VALUE_TEXT[value.name];
  const lines = [
    `crm-lens segments ${file}`,
    table([
      ['as of', isoDate(summary.asOf)],
      [
        'customers',
        `${int(s.clustered)} clustered${notClustered > 0 ? ` (${int(notClustered)} left out: ${int(s.excluded.noPurchase)} without a purchase by then${s.excluded.nonFinite ? `, ${int(s.excluded.nonFinite)} with a non-finite value` : ''})` : ''}`,
      ],
      ...(summary.stats.rowsAfterAsOf > 0
        ? [
            [
              'rows',
              `${int(summary.stats.rows - summary.stats.rowsAfterAsOf)} up to the analysis date; ${int(summary.stats.rowsAfterAsOf)} after it ignored`,
            ],
          ]
        : []),
      ['k', `${s.k}, ${k === 'auto' ? 'the best of k = 2…10' : 'fixed'} (${silhouette})`],
      ...(k === 'auto' ? [['silhouette by k', candidates]] : []),
      ['value', `${valueText}${s.valueNonFinite ? ` (${int(s.valueNonFinite)} customers without one)` : ''}`],
      ['seed', String(s.seed)],
    ]),
    '',
  ];
  const tierNames = tiers?.names ?? [];
  const header = [
    'segment',
    'name',
    'customers',
    'share',
    'value share',
    'median recency (days)',
    'median frequency',
    'median monetary',
    ...tierNames,
  ];
  const row = (
    label: string,
    name: string,
    p: {
      customers: number;
      medianRecencyDays: number;
      medianFrequency: number;
      medianMonetary: number;
    },
    share: number,
    valueShare: number,
    mix: readonly { share: number }[],
  ) => [
    label,
    name,
    int(p.customers),
    percent(share),
    percent(valueShare),
    median(p.medianRecencyDays, 1),
    median(p.medianFrequency, 1),
    money(p.medianMonetary),
    ...tierNames.map((_, t) => percent(mix[t]?.share ?? Number.NaN)),
  ];
  const right = [2, 3, 4, 5, 6, 7, ...tierNames.map((_, t) => 8 + t)];
  const populationMix = tierNames.map((_, t) => {
    const customers = s.profiles.reduce((n, p) => n + (p.tierMix[t]?.customers ?? 0), 0);
    return { share: s.population.customers > 0 ? customers / s.population.customers : Number.NaN };
  });
  lines.push(
    table(
      [
        header,
        ...s.profiles.map((p) => row(String(p.segment), p.name, p, p.customerShare, p.valueShare, p.tierMix)),
        row('all', 'all clustered customers', s.population, 1, 1, populationMix),
      ],
      '  ',
      right,
    ),
  );
  if (tiers) lines.push('', `  tier columns: share of the segment's customers in each value-pyramid tier`);
  return `${lines.join('\n')}\n`;
}

export async function segmentsCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseFileCommand(args, FLAGS, {
    name: 'segments',
    help: SEGMENTS_HELP,
    out: (t) => io.out(t),
  });
  if (!parsed) return 0;
  const { values, file } = parsed;
  const k = parseK(values.k as string | undefined);
  const seed = parseSeed(values.seed as string | undefined);
  const valueName = (values.value as string | undefined) ?? 'revenue';
  if (!VALUES.includes(valueName as ValueName))
    throw new UsageError(`--value takes ${VALUES.join(', ')}, got "${valueName}"`);
  const value = valueName as ValueName;
  if (values.customers && !values.json)
    throw new UsageError('--customers lists each customer in the --json output; add --json');
  const options = ingestOptionsFromFlags(values as InputFlagValues);
  const asOfFlag =
    values['as-of'] !== undefined ? parseDate(values['as-of'] as string, '--as-of') : undefined;

  const transactions = await loadTransactions(file, options, io);
  const asOf = asOfFlag ?? lastTransactionDay(transactions);
  let summary: CustomerSummary;
  let valueColumn: ArrayLike<number> | undefined;
  let measure: string | undefined;
  let tiers: SegmentTierInput | undefined;
  let scoring: Record<string, unknown> | undefined;
  if (value === 'clv' || values.tiers) {
    const scores = scoreCustomers(transactions, { asOf });
    for (const [name, fit] of [
      ['purchase model', scores.fits.purchase],
      ['spend model', scores.fits.spend],
    ] as const) {
      if (!fit.converged)
        io.err(
          `crm-lens segments: warning: the ${name} did not converge (${fit.message}); CLV and tiers are unreliable\n`,
        );
    }
    summary = scores.summary;
    if (value === 'clv') valueColumn = scores.clv;
    if (value === 'current') {
      valueColumn = scores.current.value;
      measure = scores.current.measure;
    }
    if (values.tiers) tiers = { codes: scores.pyramid.tier, names: TIERS };
    scoring = {
      purchase: {
        model: scores.fits.purchaseModel.kind,
        params: scores.fits.purchase.params,
        converged: scores.fits.purchase.converged,
      },
      spend: { params: scores.fits.spend.params, converged: scores.fits.spend.converged },
      pyramidThresholds: scores.pyramid.thresholds,
    };
  } else {
    summary = summarizeCustomers(transactions, { asOf });
    if (value === 'current') {
      const current = currentValue(transactions, { asOf });
      valueColumn = current.value;
      measure = current.measure;
    }
  }
  const segments = segmentCustomers(summary, {
    k,
    seed,
    ...(valueColumn ? { value: valueColumn } : {}),
    ...(tiers ? { tiers } : {}),
  });

  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          file,
          asOf: isoDate(summary.asOf),
          value,
          ...(measure ? { measure } : {}),
          kRequested: k,
          ...segmentsJson(segments),
          ...(scoring ? { scoring } : {}),
          ...(values.customers
            ? {
                customers: summary.ids.map((id, c) => ({
                  id,
                  segment: segments.segment[c] === NO_SEGMENT ? null : segments.segment[c]!,
                })),
              }
            : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else io.out(summaryText(file, summary, segments, k, { name: value, measure }, tiers));
  return 0;
}
