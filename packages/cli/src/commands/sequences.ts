import {
  mineSequences,
  parseSpadeText,
  type SequenceDatabase,
  type SequenceEventBy,
  type SequencePattern,
  type SequenceRule,
  type SpadeTextReport,
  sequenceLabel,
  sequenceRules,
  sequencesFromTransactions,
  type TransactionSequencesReport,
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

export const SEQUENCES_HELP = `Usage: crm-lens sequences <file> [flags]

Mine frequent sequences — item sets bought one after another by the same customer, written <{A,B},{C}> (A and B
together, later C) — with a SPADE-style miner, and the sequence rules <all elements but the last> ⇒ <the last>,
and print them with their support, confidence and lift. The file is a transactions file with a product per row
(one sequence per customer: its orders in time order, each the set of its products), or with --spade the SPADE
text format, one event per line: sequenceID eventID SIZE item… (e.g. zaki.txt).

Mining:
  --spade                  the file is SPADE text (then only --encoding of the reading flags applies)
  --min-support S          smallest share of the sequences (customers) containing a pattern, in (0, 1]
                           (default 0.05)
  --max-gap N              most time from one element of a pattern to the next, in event times: orders
                           (1 = the next order), days with --event day, the eventIDs with --spade (default: none)
  --max-length N           most elements in a pattern (default: no limit)
  --max-size N             most items in one element (default: no limit)
  --min-confidence C       smallest rule confidence, in [0, 1] (default 0.5)
  --event E                order (default when the file has order ids) | day: what one event of a customer is
  --items F                product (default) | category: the column whose values are the items
  --exclude ITEM[,ITEM…]   leave these items out (repeatable)
  --include-returns        keep rows with a negative amount as purchases (transactions only)

Output:
  --limit N                patterns and rules in the text output (default 20 each)
  --json                   the report, every pattern and every rule as JSON

${INPUT_FLAGS_HELP}
`;

const FLAGS = {
  ...INPUT_FLAGS,
  spade: { type: 'boolean' },
  'min-support': { type: 'string' },
  'max-gap': { type: 'string' },
  'max-length': { type: 'string' },
  'max-size': { type: 'string' },
  'min-confidence': { type: 'string' },
  event: { type: 'string' },
  items: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'include-returns': { type: 'boolean' },
  limit: { type: 'string' },
} as const;

/** The flags that mean nothing for a SPADE text file. */
const TRANSACTION_ONLY_FLAGS = [
  'preset',
  'format',
  'delimiter',
  'no-header',
  'map',
  'amount',
  'date-format',
  'decimal-comma',
  'returns',
  'cancellation-prefix',
  'now',
  'event',
  'items',
  'include-returns',
] as const;

/** Rejected SPADE lines listed in the JSON (all are counted). */
const JSON_REJECTIONS = 20;

type SequenceSource =
  | { kind: 'spade'; report: SpadeTextReport }
  | { kind: 'transactions'; report: TransactionSequencesReport; eventBy: SequenceEventBy };

/**
 * The database without the items whose code is marked in `drop`: events left empty are removed, and so are
 * sequences left without an event (they no longer count in the support denominator).
 */
export function withoutItems(
  db: SequenceDatabase,
  drop: Uint8Array,
): { database: SequenceDatabase; droppedSequences: number; droppedItems: number } {
  const eventStart = new Int32Array(db.sequences + 1);
  const eventTime = new Float64Array(db.eventTime.length);
  const itemStart = new Int32Array(db.eventTime.length + 1);
  const item = new Int32Array(db.item.length);
  const ids: string[] = [];
  let events = 0;
  let items = 0;
  for (let s = 0; s < db.sequences; s++) {
    const first = events;
    for (let e = db.eventStart[s]!; e < db.eventStart[s + 1]!; e++) {
      const from = items;
      for (let q = db.itemStart[e]!; q < db.itemStart[e + 1]!; q++) {
        const code = db.item[q]!;
        if (drop[code] !== 1) item[items++] = code;
      }
      if (items > from) {
        eventTime[events] = db.eventTime[e]!;
        itemStart[++events] = items;
      }
    }
    if (events > first) {
      ids.push(db.ids[s]!);
      eventStart[ids.length] = events;
    }
  }
  return {
    database: {
      sequences: ids.length,
      ids,
      items: db.items,
      eventStart: eventStart.slice(0, ids.length + 1),
      eventTime: eventTime.slice(0, events),
      itemStart: itemStart.slice(0, events + 1),
      item: item.slice(0, items),
    },
    droppedSequences: db.sequences - ids.length,
    droppedItems: db.item.length - items,
  };
}

const patternJson = (p: SequencePattern, items: readonly string[]) => ({
  sequence: sequenceLabel(p.elements, items),
  elements: p.elements.map((element) => element.map((code) => items[code]!)),
  support: p.support,
  count: p.count,
  maximal: p.maximal,
});

const ruleJson = (r: SequenceRule, items: readonly string[]) => ({
  rule: `${sequenceLabel(r.lhs, items)} => ${sequenceLabel(r.rhs, items)}`,
  lhs: r.lhs.map((element) => element.map((code) => items[code]!)),
  rhs: r.rhs.map((element) => element.map((code) => items[code]!)),
  support: r.support,
  count: r.count,
  confidence: r.confidence,
  lift: r.lift,
});

/** A share for people: three decimals, or three significant digits below 0.001. */
const share = (x: number) => (x >= 0.001 ? x.toFixed(3) : x.toPrecision(3));

export async function sequencesCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseFileCommand(args, FLAGS, {
    name: 'sequences',
    help: SEQUENCES_HELP,
    out: (t) => io.out(t),
  });
  if (!parsed) return 0;
  const { values, file } = parsed;
  const minSupport = numberFlag(values, 'min-support', 0.05, (n) => n > 0 && n <= 1, 'a share in (0, 1]');
  const minConfidence = numberFlag(
    values,
    'min-confidence',
    0.5,
    (n) => n >= 0 && n <= 1,
    'a share in [0, 1]',
  );
  const maxGap =
    values['max-gap'] === undefined
      ? undefined
      : numberFlag(values, 'max-gap', 0, (n) => n >= 0, 'a number ≥ 0');
  const maxLength = values['max-length'] === undefined ? undefined : countFlag(values, 'max-length', 0, 1);
  const maxSize = values['max-size'] === undefined ? undefined : countFlag(values, 'max-size', 0, 1);
  const limit = countFlag(values, 'limit', 20, 0);
  const eventText = values.event as string | undefined;
  if (eventText !== undefined && eventText !== 'order' && eventText !== 'day')
    throw new UsageError(`--event takes order or day, got "${eventText}"`);
  const itemField = (values.items as string | undefined) ?? 'product';
  if (itemField !== 'product' && itemField !== 'category')
    throw new UsageError(`--items takes product or category, got "${itemField}"`);

  let database: SequenceDatabase;
  let source: SequenceSource;
  if (values.spade) {
    for (const flag of TRANSACTION_ONLY_FLAGS) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} applies to transactions files, not to --spade`);
    }
    const text = await readTextFile(file, values.encoding as string | undefined);
    const parsedText = parseSpadeText(text);
    const { report } = parsedText;
    if (report.rejected > 0) {
      const reasons = Object.entries(report.rejectedByReason)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ');
      const first = report.rejections[0];
      io.err(
        `crm-lens: ${report.rejected} of ${report.lines} lines rejected (${reasons})${first ? `; first: line ${first.line}, ${first.message}` : ''}\n`,
      );
    }
    database = parsedText.database;
    source = { kind: 'spade', report };
  } else {
    const options = ingestOptionsFromFlags(values as InputFlagValues);
    const transactions = await loadTransactions(file, options, io);
    const itemColumn = itemField === 'category' ? transactions.category : transactions.product;
    if (!itemColumn) {
      throw new Error(
        `sequences needs a ${itemField} per row, and "${file}" has no ${itemField} column: map it (--map ${itemField}=COLUMN), or read the SPADE text format with --spade`,
      );
    }
    const eventBy: SequenceEventBy =
      (eventText as SequenceEventBy | undefined) ?? (transactions.orderId ? 'order' : 'day');
    if (eventBy === 'order' && !transactions.orderId) {
      throw new Error(
        `--event order needs an order id per row, and "${file}" has no orderId column: map it (--map orderId=COLUMN), or use --event day`,
      );
    }
    const built = sequencesFromTransactions(transactions, {
      eventBy,
      itemField,
      includeReturns: values['include-returns'] === true,
    });
    database = built.database;
    source = { kind: 'transactions', report: built.report, eventBy };
  }
  let excluded: { items: string[]; droppedItems: number; droppedSequences: number } | undefined;
  if (values.exclude) {
    const names = new Set((values.exclude as string[]).flatMap((list) => list.split(',')));
    const drop = new Uint8Array(database.items.length);
    database.items.forEach((name, code) => {
      if (names.has(name)) drop[code] = 1;
    });
    const filtered = withoutItems(database, drop);
    database = filtered.database;
    excluded = {
      items: [...names],
      droppedItems: filtered.droppedItems,
      droppedSequences: filtered.droppedSequences,
    };
  }
  if (database.sequences === 0) throw new Error(`no sequences in "${file}"`);

  const mining = mineSequences(database, { minSupport, maxGap, maxLength, maxSize });
  const rules = sequenceRules(mining.patterns, { minConfidence });
  const items = mining.items;
  const byLength: Record<string, number> = {};
  for (const p of mining.patterns) byLength[p.elements.length] = (byLength[p.elements.length] ?? 0) + 1;
  const maximal = mining.patterns.filter((p) => p.maximal).length;

  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          file,
          source: source.kind,
          ...(source.kind === 'transactions' ? { eventBy: source.eventBy, items: itemField } : {}),
          report:
            source.kind === 'spade'
              ? {
                  ...source.report,
                  rejections: source.report.rejections.slice(0, JSON_REJECTIONS),
                  rejectionsTruncated:
                    source.report.rejected > Math.min(JSON_REJECTIONS, source.report.rejections.length),
                }
              : source.report,
          ...(excluded ? { excluded } : {}),
          sequences: mining.sequences,
          options: {
            minSupport,
            maxGap: mining.maxGap ?? null,
            maxLength: mining.maxLength ?? null,
            maxSize: mining.maxSize ?? null,
            minConfidence,
          },
          minCount: mining.minCount,
          patterns: mining.patterns.map((p) => patternJson(p, items)),
          rules: rules.map((r) => ruleJson(r, items)),
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }

  const events = database.eventTime.length;
  const eventWord = source.kind === 'spade' ? 'event' : source.eventBy === 'order' ? 'order' : 'purchase day';
  const reading: [string, string][] =
    source.kind === 'spade'
      ? [
          [
            'read',
            `${count(source.report.lines, 'line')} (${int(source.report.rejected)} rejected${source.report.blankLines ? `, ${int(source.report.blankLines)} blank skipped` : ''})`,
          ],
        ]
      : [
          [
            'rows',
            `${int(source.report.rowsUsed)} of ${int(source.report.rows)} used${[
              source.report.returnRows ? `; ${count(source.report.returnRows, 'return row')} left out` : '',
              source.report.rowsWithoutItem
                ? `; ${count(source.report.rowsWithoutItem, 'row')} without a ${itemField}`
                : '',
              source.report.rowsWithoutOrder
                ? `; ${count(source.report.rowsWithoutOrder, 'row')} without an order id`
                : '',
              source.report.invalidRows ? `; ${count(source.report.invalidRows, 'invalid row')}` : '',
            ].join('')}`,
          ],
        ];
  const lengths = Object.entries(byLength)
    .map(([n, c]) => `${n}: ${int(c)}`)
    .join(', ');
  const lines = [
    `crm-lens sequences ${file}`,
    table([
      ...reading,
      [
        'sequences',
        `${int(database.sequences)}${source.kind === 'transactions' ? ' customers' : ''}, ${count(events, eventWord)}, ${int(database.item.length)} items (${int(new Set(database.item).size)} distinct)`,
      ],
      ...(excluded
        ? [
            [
              'excluded',
              `${excluded.items.join(', ')}: ${count(excluded.droppedItems, 'item')}${excluded.droppedSequences ? `, ${count(excluded.droppedSequences, 'sequence')} left empty` : ''}`,
            ] as [string, string],
          ]
        : []),
      [
        'patterns',
        `${int(mining.patterns.length)} with support ≥ ${minSupport} (in ≥ ${count(mining.minCount, 'sequence')})${mining.maxGap !== undefined ? `, gap ≤ ${mining.maxGap}` : ''}, ${int(maximal)} maximal${lengths ? `; by elements ${lengths}` : ''}`,
      ],
      ['rules', `${int(rules.length)} with confidence ≥ ${minConfidence}`],
    ]),
  ];
  if (mining.patterns.length > 0 && limit > 0) {
    const shown = mining.patterns.slice(0, limit);
    lines.push(
      '',
      `${shown.length === mining.patterns.length ? 'Frequent sequences' : `Top ${shown.length} sequences`} by support`,
      table(
        [
          ['sequence', 'support', 'count', 'maximal'],
          ...shown.map((p) => [
            sequenceLabel(p.elements, items),
            share(p.support),
            int(p.count),
            p.maximal ? 'yes' : 'no',
          ]),
        ],
        '  ',
        [1, 2],
      ),
    );
  }
  if (rules.length > 0 && limit > 0) {
    const shown = rules.slice(0, limit);
    lines.push(
      '',
      `${shown.length === rules.length ? 'Rules' : `Top ${shown.length} rules`} by confidence`,
      table(
        [
          ['rule', 'support', 'confidence', 'lift'],
          ...shown.map((r) => [
            `${sequenceLabel(r.lhs, items)} => ${sequenceLabel(r.rhs, items)}`,
            share(r.support),
            r.confidence.toFixed(3),
            r.lift.toFixed(3),
          ]),
        ],
        '  ',
        [1, 2, 3],
      ),
    );
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
