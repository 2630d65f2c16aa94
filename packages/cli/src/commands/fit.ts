import {
  type FitResult,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  isoDate,
  readSummaryTable,
  summarizeCalibration,
} from '@crm-lens/core';
import {
  INPUT_FLAGS,
  INPUT_FLAGS_HELP,
  type InputFlagValues,
  ingestOptionsFromFlags,
  parseCommandArgs,
  parseDate,
  UsageError,
} from '../args.js';
import { table } from '../format-table.js';
import type { Io } from '../io.js';
import { openFile } from '../read-file.js';
import { parseUnit } from '../units.js';
import { loadTransactions } from './load.js';

export const FIT_HELP = `Usage: crm-lens fit <bgnbd|paretonbd|gammagamma> <file> [flags]

Fit a customer-base model by maximum likelihood and print its parameters, log-likelihood, convergence and
standard errors. The file is a transactions file (summarised per customer at the calibration end), or with
--summary a per-customer summary table: columns x,t_x,T[,zbar] or frequency,recency,T[,monetary_value].

Model:
  --unit U                 day | week (default) | month (= 30.4375 days): the time unit of the rates
  --calibration-end DATE   last day of the calibration period, inclusive (default: the last transaction day)
  --summary                the file is a summary table, not transactions
  --json                   print JSON

${INPUT_FLAGS_HELP}
`;

const FLAGS = {
  ...INPUT_FLAGS,
  unit: { type: 'string' },
  'calibration-end': { type: 'string' },
  summary: { type: 'boolean' },
} as const;

const MODELS = ['bgnbd', 'paretonbd', 'gammagamma'] as const;
type ModelName = (typeof MODELS)[number];
const MODEL_TITLES: Record<ModelName, string> = {
  bgnbd: 'BG/NBD (Fader, Hardie & Lee 2005)',
  paretonbd: 'Pareto/NBD (Schmittlein, Morrison & Colombo 1987)',
  gammagamma: 'Gamma-Gamma spend (Fader & Hardie 2013)',
};

function lastDay(dates: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const d of dates) if (d > max) max = d;
  return Math.floor(max / 86_400_000) * 86_400_000;
}

export async function fitCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, FLAGS);
  if (values.help) {
    io.out(FIT_HELP);
    return 0;
  }
  const [model, file, ...extra] = positionals as [ModelName | undefined, string | undefined, ...string[]];
  if (!model || !MODELS.includes(model)) {
    throw new UsageError(`fit needs a model: ${MODELS.join(', ')}${model ? ` (got "${model}")` : ''}`);
  }
  if (!file) throw new UsageError(`fit ${model} needs a file`);
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const unit = parseUnit(values.unit as string | undefined);
  const options = ingestOptionsFromFlags(values as InputFlagValues);

  let data: { x: Float64Array; tx: Float64Array; T: Float64Array; zbar: Float64Array | undefined };
  let source: Record<string, unknown>;
  if (values.summary) {
    if (values['calibration-end'] !== undefined)
      throw new UsageError('--calibration-end applies to transactions, not to --summary');
    const summary = await readSummaryTable(await openFile(file), {
      ...options,
      mapping: options.mapping ?? {},
    });
    if (summary.report.rejected > 0) {
      io.err(
        `crm-lens: ${summary.report.rejected} of ${summary.report.total} summary rows rejected: ${summary.report.rejections[0]?.message}\n`,
      );
    }
    data = summary;
    source = { kind: 'summary', rows: summary.report.total, accepted: summary.report.accepted };
  } else {
    const transactions = await loadTransactions(file, { ...options, mapping: options.mapping ?? {} }, io);
    const end =
      values['calibration-end'] !== undefined
        ? parseDate(values['calibration-end'] as string, '--calibration-end')
        : lastDay(transactions.date);
    const summary = summarizeCalibration(transactions, { unit, calibrationEnd: end });
    data = summary;
    source = { kind: 'transactions', calibrationEnd: isoDate(end), counts: summary.counts };
  }

  let result: FitResult<object>;
  if (model === 'gammagamma') {
    if (!data.zbar)
      throw new UsageError(
        'gammagamma needs mean repeat spend: a zbar / monetary_value column, or transactions',
      );
    result = fitGammaGamma({ x: data.x, zbar: data.zbar });
  } else result = model === 'bgnbd' ? fitBgNbd(data) : fitParetoNbd(data);

  if (values.json) {
    io.out(
      `${JSON.stringify(
        {
          model,
          file,
          unit: model === 'gammagamma' ? undefined : unit,
          source,
          n: result.n,
          rows: result.rows,
          params: result.params,
          standardErrors: result.standardErrors,
          logLik: result.logLik,
          converged: result.converged,
          iterations: result.iterations,
          gradientNorm: result.gradientNorm,
          starts: result.starts,
          message: result.message,
        },
        null,
        2,
      )}\n`,
    );
    return result.converged ? 0 : 1;
  }
  const params = result.params as Record<string, number>;
  const se = result.standardErrors as Record<string, number>;
  io.out(
    `${[
      `crm-lens fit ${model} ${file}`,
      `  ${MODEL_TITLES[model]}`,
      table([
        [
          'data',
          `${result.n.toLocaleString('en-US')} customers${model === 'gammagamma' ? '' : ` (${result.rows.toLocaleString('en-US')} distinct (x, t_x, T) rows)`}${source.calibrationEnd ? `, calibration ends ${source.calibrationEnd}` : ''}${model === 'gammagamma' ? '' : `, times in ${unit}s`}`,
        ],
        ['log-likelihood', result.logLik.toFixed(3)],
        [
          'converged',
          `${result.converged ? 'yes' : 'NO'} after ${result.iterations} iterations (gradient ${result.gradientNorm.toExponential(1)}, ${result.starts} start${result.starts === 1 ? '' : 's'})`,
        ],
      ]),
      '',
      table([
        ['parameter', 'estimate', 'std. error'],
        ...Object.keys(params).map((k) => [k, params[k]!.toPrecision(5), se[k]!.toPrecision(3)]),
      ]),
    ].join('\n')}\n`,
  );
  if (!result.converged) io.err(`crm-lens: the fit did not converge: ${result.message}\n`);
  return result.converged ? 0 : 1;
}
