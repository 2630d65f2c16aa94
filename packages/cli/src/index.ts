import { IngestError } from '@crm-lens/core';
import { UsageError } from './args.js';
import { FIT_HELP, fitCommand } from './commands/fit.js';
import { INSPECT_HELP, inspectCommand } from './commands/inspect.js';
import { RULES_HELP, rulesCommand } from './commands/rules.js';
import { SCORE_HELP, scoreCommand } from './commands/score.js';
import { SEGMENTS_HELP, segmentsCommand } from './commands/segments.js';
import { SEQUENCES_HELP, sequencesCommand } from './commands/sequences.js';
import type { Io } from './io.js';

export { type Io, processIo } from './io.js';

const COMMANDS: Record<
  string,
  { run: (args: string[], io: Io) => Promise<number>; summary: string; help: string }
> = {
  inspect: {
    run: inspectCommand,
    summary: 'read a file and print its data-quality report',
    help: INSPECT_HELP,
  },
  fit: {
    run: fitCommand,
    summary: 'fit BG/NBD, Pareto/NBD or Gamma-Gamma and print the parameters',
    help: FIT_HELP,
  },
  score: {
    run: scoreCommand,
    summary: 'score every customer: RFM, ABC, CLV, value tier, churn risk',
    help: SCORE_HELP,
  },
  segments: {
    run: segmentsCommand,
    summary: 'segment customers by k-means on recency, frequency and monetary value',
    help: SEGMENTS_HELP,
  },
  rules: {
    run: rulesCommand,
    summary: 'mine association rules from order baskets (FP-growth)',
    help: RULES_HELP,
  },
  sequences: {
    run: sequencesCommand,
    summary: "mine frequent sequences across customers' orders (SPADE) and sequence rules",
    help: SEQUENCES_HELP,
  },
};

export const HELP = `crm-lens — customer-value analytics on the command line

Usage: crm-lens <command> <file> [flags]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Run 'crm-lens <command> --help' for a command's flags.
`;

/**
 * Run the CLI with the given arguments. Exit codes: 0 done, 1 the input could not be processed,
 * 2 the command was called wrongly.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`crm-lens: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`crm-lens ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    if (error instanceof IngestError) {
      io.err(`crm-lens ${name}: ${error.message}\n`);
      return 1;
    }
    io.err(`crm-lens ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
