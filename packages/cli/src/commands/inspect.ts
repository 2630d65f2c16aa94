import { writeFile } from 'node:fs/promises';
import {
  type IngestReport,
  ingestTransactions,
  REJECT_DESCRIPTIONS,
  type RejectCode,
  WARNING_DESCRIPTIONS,
  type WarningCode,
} from '@crm-lens/core';
import {
  INPUT_FLAGS,
  INPUT_FLAGS_HELP,
  type InputFlagValues,
  ingestOptionsFromFlags,
  parseFileCommand,
  UsageError,
} from '../args.js';
import { csvCell, int, table } from '../format-table.js';
import type { Io } from '../io.js';
import { openFile } from '../read-file.js';

export const INSPECT_HELP = `Usage: crm-lens inspect <file> [flags]

Read a transactions file (CSV/TSV/whitespace/JSON/Arrow, gzip or not) and print the data-quality report:
every row accepted or rejected (with its reason), warnings by code, customers and the date range.

${INPUT_FLAGS_HELP}

Output:
  --json                   the report as JSON (first rejected rows included)
  --max-rejected N         how many rejected rows to list (default 10; 20 with --json)
  --rejected-out FILE      write every rejected row to FILE as CSV
`;

const FLAGS = {
  ...INPUT_FLAGS,
  'max-rejected': { type: 'string' },
  'rejected-out': { type: 'string' },
} as const;

function describeSource(report: IngestReport): string {
  const s = report.source;
  const parts: string[] = [];
  if (s.format === 'csv') {
    const d = s.delimiter === '\t' ? 'tab' : `"${s.delimiter}"`;
    parts.push(`delimited text (${d}${s.delimiterDetected ? ', detected' : ''})`);
  } else parts.push(s.format === 'whitespace' ? 'whitespace-separated text' : s.format);
  if (s.header !== undefined) parts.push(s.header ? 'header row' : 'no header');
  if (s.gzip) parts.push('gzip');
  if (s.encoding) parts.push(s.encoding);
  return parts.join(', ');
}

/** The human-readable report. */
export function formatReport(file: string, report: IngestReport, maxRejected: number): string {
  const lines: string[] = [];
  const dateFormat = (field: string) => {
    const d = report.dateFormats.find((f) => f.field === field);
    return d ? ` [${d.format}${d.detected ? `, detected from row ${d.fromRow}` : ''}]` : '';
  };
  lines.push(`crm-lens inspect ${file}`);
  lines.push(
    table([
      ['read as', describeSource(report)],
      [
        'mapping',
        Object.entries(report.mapping)
          .map(([field, from]) => `${field} ← ${from}${dateFormat(field)}`)
          .join('; '),
      ],
      ...(report.unmappedColumns.length ? [['not used', report.unmappedColumns.join(', ')]] : []),
      [
        'rows',
        `${int(report.total)} total = ${int(report.accepted)} accepted + ${int(report.rejected)} rejected${report.excludedByPolicy ? ` (of which ${int(report.excludedByPolicy)} excluded by the returns policy)` : ''}`,
      ],
      ['customers', int(report.customers)],
      ['dates', report.dateRange ? `${report.dateRange.first} … ${report.dateRange.last}` : '—'],
      [
        'returns',
        report.policy.returns === 'net'
          ? 'netted against purchases (policy: net)'
          : 'excluded (policy: exclude)',
      ],
      ...(report.blankLines ? [['blank lines', `${int(report.blankLines)} skipped`]] : []),
      ['time', `${int(report.durationMs)} ms`],
    ] as (string | number)[][]),
  );
  for (const note of report.notes) lines.push(`  note: ${note}`);

  lines.push('', 'Rejected rows by reason');
  const reasons = Object.entries(report.rejectedByField) as [RejectCode, Record<string, number>][];
  if (reasons.length === 0) lines.push('  none');
  else {
    lines.push(
      table(
        reasons.flatMap(([code, byField]) =>
          Object.entries(byField).map(([field, n]) => [`${code} (${field})`, n, REJECT_DESCRIPTIONS[code]]),
        ),
      ),
    );
  }
  lines.push('', 'Warnings on accepted rows (a row may carry several)');
  const warnings = Object.entries(report.warnings) as [WarningCode, number][];
  if (warnings.length === 0) lines.push('  none');
  else {
    lines.push(
      table(
        warnings.map(([code, n]) => [
          code,
          n,
          WARNING_DESCRIPTIONS[code],
          `e.g. row ${(report.warningExamples[code] ?? []).join(', ')}`,
        ]),
      ),
    );
  }
  const onRejected = Object.entries(report.warningsOnRejected) as [WarningCode, number][];
  if (onRejected.length > 0) {
    lines.push('', 'The same findings on rejected rows');
    lines.push(table(onRejected.map(([code, n]) => [code, n, WARNING_DESCRIPTIONS[code]])));
  }
  if (report.rejections.length > 0 && maxRejected > 0) {
    lines.push(
      '',
      `First rejected rows (${int(Math.min(maxRejected, report.rejected))} of ${int(report.rejected)})`,
    );
    lines.push(
      table([
        ['row', 'line', 'field', 'value', 'reason', 'message'],
        ...report.rejections
          .slice(0, maxRejected)
          .map((r) => [
            r.row,
            r.line ?? '',
            r.field,
            r.value === '' ? '(empty)' : r.value,
            r.code,
            r.message,
          ]),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

export async function inspectCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseFileCommand(args, FLAGS, {
    name: 'inspect',
    help: INSPECT_HELP,
    out: (t) => io.out(t),
  });
  if (!parsed) return 0;
  const { values, file } = parsed;
  const options = ingestOptionsFromFlags(values as InputFlagValues);
  const json = values.json === true;
  const maxRejectedText = values['max-rejected'] as string | undefined;
  const maxRejected = maxRejectedText === undefined ? (json ? 20 : 10) : Number(maxRejectedText);
  if (!Number.isInteger(maxRejected) || maxRejected < 0) {
    throw new UsageError(`--max-rejected takes a whole number, got "${maxRejectedText}"`);
  }
  const rejectedOut = values['rejected-out'] as string | undefined;
  const { report } = await ingestTransactions(await openFile(file), {
    ...options,
    ...(rejectedOut ? { maxRejections: Number.POSITIVE_INFINITY } : {}),
  });
  if (rejectedOut) {
    const header = 'row,line,field,value,code,message\n';
    const body = report.rejections
      .map((r) => [r.row, r.line, r.field, r.value, r.code, r.message].map(csvCell).join(','))
      .join('\n');
    await writeFile(rejectedOut, header + body + (body ? '\n' : ''));
  }
  if (json) {
    const { rejections, ...rest } = report;
    io.out(`${JSON.stringify({ file, ...rest, rejections: rejections.slice(0, maxRejected) }, null, 2)}\n`);
  } else {
    io.out(formatReport(file, report, maxRejected));
    if (rejectedOut) io.out(`\nAll ${int(report.rejected)} rejected rows written to ${rejectedOut}\n`);
  }
  return 0;
}
