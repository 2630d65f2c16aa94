import {
  type AssociationRule,
  associationRules,
  type BasketBuildReport,
  type BasketParseReport,
  type Baskets,
  basketsFromTransactions,
  formatRule,
  fpGrowth,
  itemNames,
  parseBasketLines,
} from '@crm-lens/core';
import {
  countFlag,
  INPUT_FLAGS,
  INPUT_FLAGS_HELP,
  type InputFlagValues,
  ingestOptionsFromFlags,
  numberFlag,
  parseFileCommand,
  UsageError,
} from '../args.js';
import { count, int, table } from '../format-table.js';
import type { Io } from '../io.js';
import { readTextFile } from '../read-text.js';
import { loadTransactions } from './load.js';

export const RULES_HELP = `Usage: crm-lens rules <file> [flags]

Mine association rules X ⇒ Y ("baskets with X also hold Y") with FP-growth, and print the basket report, the
itemset and rule counts and the top rules by lift with their support, confidence and lift. The file is a
transactions file with an order id and a product per row (one basket per order, e.g. --preset online-retail:
StockCodes per invoice), or with --baskets a file of one basket per line, items separated by commas (R arules'
"basket" format, e.g. groceries.csv).

Mining:
  --baskets                the file has one basket per line (then only --delimiter and --encoding apply)
  --min-support S          smallest share of baskets holding an itemset, in (0, 1] (default 0.01)
  --min-confidence C       smallest P(Y | X), in [0, 1] (default 0.5)
  --min-lift L             smallest lift (default 0: no lift filter; 1 keeps positive associations only)
  --max-length N           largest itemset, items of X and Y together (default 10)
  --exclude P[,P…]         leave products out of every basket (repeatable; transactions only),
                           e.g. --exclude POST,DOT,M
  --include-returns        keep rows with a negative amount in the baskets (transactions only)

Output:
  --limit N                rules in the text output (default 20)
  --json                   the basket report (the first 20 rejected lines), counts and every rule as JSON

${INPUT_FLAGS_HELP}
`;

const FLAGS = {
  ...INPUT_FLAGS,
  baskets: { type: 'boolean' },
  'min-support': { type: 'string' },
  'min-confidence': { type: 'string' },
  'min-lift': { type: 'string' },
  'max-length': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'include-returns': { type: 'boolean' },
  limit: { type: 'string' },
} as const;

/** The shared input flags that mean nothing for a basket-lines file. */
const TRANSACTION_ONLY_FLAGS = [
  'preset',
  'format',
  'no-header',
  'map',
  'amount',
  'date-format',
  'decimal-comma',
  'returns',
  'cancellation-prefix',
  'now',
  'exclude',
  'include-returns',
] as const;

/** Rejected basket lines listed in the JSON (all are counted). */
const JSON_ERRORS = 20;

type BasketSource =
  | { kind: 'baskets'; report: BasketParseReport }
  | { kind: 'transactions'; report: BasketBuildReport };

function readingLines(source: BasketSource, baskets: Baskets): [string, string][] {
  if (source.kind === 'baskets') {
    const r = source.report;
    return [
      [
        'baskets',
        `${int(r.baskets)} from ${count(r.lines, 'line')} (${int(r.rejected)} rejected${r.blankLines ? `, ${int(r.blankLines)} blank skipped` : ''})`,
      ],
      [
        'items',
        `${int(baskets.dictionary.length)} distinct, ${int(baskets.items.length)} in all baskets${r.duplicateItems ? ` (${int(r.duplicateItems)} repeats within a basket merged)` : ''}`,
      ],
    ];
  }
  const r = source.report;
  const left = [
    r.returnRows ? count(r.returnRows, 'return row') : '',
    r.excludedRows ? `${count(r.excludedRows, 'row')} of excluded products` : '',
    r.rowsWithoutOrder ? `${count(r.rowsWithoutOrder, 'row')} without an order id` : '',
    r.rowsWithoutProduct ? `${count(r.rowsWithoutProduct, 'row')} without a product` : '',
  ].filter(Boolean);
  return [
    [
      'baskets',
      `${count(baskets.length, 'order')} from ${count(r.rows, 'row')}${r.ordersWithoutItems ? ` (${count(r.ordersWithoutItems, 'order')} with no item left, e.g. cancellations)` : ''}`,
    ],
    ['rows', `${int(r.rowsUsed)} used${left.length ? `; left out: ${left.join(', ')}` : ''}`],
    [
      'items',
      `${int(new Set(baskets.items).size)} distinct products, ${int(baskets.items.length)} in all baskets${r.duplicateItems ? ` (${count(r.duplicateItems, 'repeated line')} of a product in one order merged)` : ''}`,
    ],
  ];
}

const ruleJson = (rule: AssociationRule, dictionary: readonly string[]) => ({
  antecedent: itemNames(rule.antecedent, dictionary),
  consequent: itemNames(rule.consequent, dictionary),
  count: rule.count,
  support: rule.support,
  confidence: rule.confidence,
  lift: rule.lift,
  leverage: rule.leverage,
  conviction: Number.isFinite(rule.conviction) ? rule.conviction : null,
});

export async function rulesCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseFileCommand(args, FLAGS, { name: 'rules', help: RULES_HELP, out: (t) => io.out(t) });
  if (!parsed) return 0;
  const { values, file } = parsed;
  const minSupport = numberFlag(values, 'min-support', 0.01, (n) => n > 0 && n <= 1, 'a share in (0, 1]');
  const minConfidence = numberFlag(
    values,
    'min-confidence',
    0.5,
    (n) => n >= 0 && n <= 1,
    'a share in [0, 1]',
  );
  const minLift = numberFlag(values, 'min-lift', 0, (n) => n >= 0, 'a number ≥ 0');
  const maxLength = countFlag(values, 'max-length', 10, 1);
  const limit = countFlag(values, 'limit', 20, 0);

  let baskets: Baskets;
  let source: BasketSource;
  if (values.baskets) {
    for (const flag of TRANSACTION_ONLY_FLAGS) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} applies to transactions files, not to --baskets`);
    }
    const separator = values.delimiter === '\\t' ? '\t' : ((values.delimiter as string | undefined) ?? ',');
    if ([...separator].length !== 1 || separator === '"')
      throw new UsageError(
        `--delimiter takes one character other than a quote with --baskets, got "${separator}"`,
      );
    const text = await readTextFile(file, values.encoding as string | undefined);
    const { baskets: read, report } = parseBasketLines(text, { separator });
    if (report.rejected > 0) {
      const reasons = Object.entries(report.rejectedByReason)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ');
      const first = report.errors[0];
      io.err(
        `crm-lens: ${report.rejected} of ${report.lines} basket lines rejected (${reasons})${first ? `; first: line ${first.line}, ${first.message}` : ''}\n`,
      );
    }
    baskets = read;
    source = { kind: 'baskets', report };
  } else {
    const options = ingestOptionsFromFlags(values as InputFlagValues);
    const transactions = await loadTransactions(file, options, io);
    if (!transactions.orderId || !transactions.product) {
      const missing = [!transactions.orderId && 'orderId', !transactions.product && 'product'].filter(
        Boolean,
      );
      throw new Error(
        `rules needs an order id and a product per row, and "${file}" has no ${missing.join(' and no ')} column: map them (--map orderId=COLUMN --map product=COLUMN), or read a file of one basket per line with --baskets`,
      );
    }
    const built = basketsFromTransactions(transactions, {
      includeReturns: values['include-returns'] === true,
      ...(values.exclude
        ? { excludeProducts: (values.exclude as string[]).flatMap((list) => list.split(',')) }
        : {}),
    });
    baskets = built.baskets;
    source = { kind: 'transactions', report: built.report };
  }
  if (baskets.length === 0) throw new Error(`no baskets in "${file}"`);

  const frequent = fpGrowth(baskets, { minSupport, maxLength });
  const rules = associationRules(frequent, { minConfidence, minLift });
  const bySize: Record<string, number> = {};
  for (const z of frequent.itemsets) bySize[z.items.length] = (bySize[z.items.length] ?? 0) + 1;

  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          file,
          source: source.kind,
          report:
            source.kind === 'baskets'
              ? {
                  ...source.report,
                  errors: source.report.errors.slice(0, JSON_ERRORS),
                  errorsTruncated:
                    source.report.rejected > Math.min(JSON_ERRORS, source.report.errors.length),
                }
              : source.report,
          baskets: baskets.length,
          items: baskets.dictionary.length,
          options: { minSupport, minConfidence, minLift, maxLength },
          itemsets: { count: frequent.itemsets.length, minCount: frequent.minCount, bySize },
          rules: rules.map((rule) => ruleJson(rule, baskets.dictionary)),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const sizes = Object.entries(bySize)
    .map(([size, n]) => `${size}: ${int(n)}`)
    .join(', ');
  const lines = [
    `crm-lens rules ${file}`,
    table([
      ...readingLines(source, baskets),
      [
        'itemsets',
        `${int(frequent.itemsets.length)} with support ≥ ${minSupport} (in ≥ ${count(frequent.minCount, 'basket')})${sizes ? `; by size ${sizes}` : ''}`,
      ],
      [
        'rules',
        `${int(rules.length)} with confidence ≥ ${minConfidence}${minLift > 0 ? ` and lift ≥ ${minLift}` : ''}`,
      ],
    ]),
  ];
  if (rules.length > 0 && limit > 0) {
    const shown = rules.slice(0, limit);
    lines.push(
      '',
      `Top ${shown.length} rules by lift`,
      table(
        [
          ['rule', 'support', 'confidence', 'lift', 'count'],
          ...shown.map((r) => [
            formatRule(r, baskets.dictionary),
            r.support.toPrecision(4),
            r.confidence.toFixed(4),
            r.lift.toFixed(3),
            int(r.count),
          ]),
        ],
        '  ',
        [1, 2, 3, 4],
      ),
    );
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
