/** `pnpm bench [--json] [--scale] [--interim] [--runs N] [--customers N] [--seed N] [--no-retail]`. */
export interface BenchArgs {
  /** Run the pipeline through `@crm-lens/engine` (default) rather than the interim bench worker. */
  readonly engine: boolean;
  readonly json: boolean;
  readonly scale: boolean;
  readonly runs: number;
  readonly customers: number;
  readonly seed: number;
  readonly retail: boolean;
  /** Write a CPU profile of each pipeline worker (DevTools .cpuprofile) into this folder. */
  readonly profile: string | undefined;
  readonly help: boolean;
}

export const USAGE = `pnpm bench [options]

  (default)          synthetic 100k customers (~1M transactions) as columns and as row objects, and the
                     Online Retail file, through the worker in headless Chromium, with the baselines
  --scale            the 10M-transaction case instead (1M customers): progress, cancel test, worker memory
  --json             print the results as JSON on stdout (progress goes to stderr)
  --interim          run the pipeline in the bench's own worker that calls core directly, instead of
                     @crm-lens/engine's createEngine (module worker, the default): isolates the engine's cost
  --runs N           repetitions of each measurement, medians reported (default 3)
  --customers N      synthetic customers (default 100000; --scale: 1000000)
  --seed N           seed of the synthetic data (default 1)
  --no-retail        skip the Online Retail file
  --profile DIR      write a CPU profile of each pipeline run's worker into DIR (open in Chrome DevTools)
  -h, --help         this text`;

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${flag} needs a positive whole number, got "${value ?? ''}"`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  let json = false;
  let engine = true;
  let scale = false;
  let runs = 3;
  let customers: number | undefined;
  let seed = 1;
  let retail = true;
  let help = false;
  let profile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--':
        break;
      case '--json':
        json = true;
        break;
      case '--engine':
        engine = true;
        break;
      case '--interim':
        engine = false;
        break;
      case '--scale':
        scale = true;
        break;
      case '--runs':
        runs = positiveInteger('--runs', value());
        break;
      case '--customers':
        customers = positiveInteger('--customers', value());
        break;
      case '--seed':
        seed = positiveInteger('--seed', value());
        break;
      case '--no-retail':
        retail = false;
        break;
      case '--profile':
        profile = value();
        if (!profile) throw new Error('--profile needs a folder');
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  return {
    engine,
    json,
    scale,
    runs,
    customers: customers ?? (scale ? 1_000_000 : 100_000),
    seed,
    retail,
    profile,
    help,
  };
}
