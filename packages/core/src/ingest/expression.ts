/**
 * Computed fields such as `Quantity * UnitPrice`: + − × ÷, parentheses, numbers and column references.
 * Parsed here into closures (no `eval`/`Function`, so it runs under a strict CSP). Column names that are not
 * plain identifiers are written in backticks or double quotes: `` `Unit Price` * Qty ``.
 */
export interface CompiledExpression {
  /** The source text. */
  readonly source: string;
  /** Referenced column names, in order of first use; `evaluate` takes their values in this order. */
  readonly columns: readonly string[];
  evaluate(values: ArrayLike<number>): number;
}

type Node = (values: ArrayLike<number>) => number;

export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

export function compileExpression(source: string): CompiledExpression {
  const columns: string[] = [];
  let pos = 0;

  const fail = (what: string): never => {
    throw new ExpressionError(`in expression "${source}" at position ${pos + 1}: ${what}`);
  };
  const skip = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const ref = (name: string): Node => {
    let index = columns.indexOf(name);
    if (index < 0) index = columns.push(name) - 1;
    return (values) => values[index]!;
  };

  const factor = (): Node => {
    skip();
    const ch = source[pos];
    if (ch === undefined) return fail('expected a number, a column or "("');
    if (ch === '(') {
      pos++;
      const inner = sum();
      skip();
      if (source[pos] !== ')') fail('expected ")"');
      pos++;
      return inner;
    }
    if (ch === '-' || ch === '+') {
      pos++;
      const inner = factor();
      return ch === '-' ? (v) => -inner(v) : inner;
    }
    if (ch === '`' || ch === '"') {
      const end = source.indexOf(ch, pos + 1);
      if (end < 0) fail(`unclosed ${ch}`);
      const name = source.slice(pos + 1, end);
      pos = end + 1;
      return ref(name);
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(pos));
    if (num) {
      pos += num[0].length;
      const value = Number(num[0]);
      return () => value;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(pos));
    if (ident) {
      pos += ident[0].length;
      return ref(ident[0]);
    }
    return fail(`unexpected "${ch}"`);
  };

  const product = (): Node => {
    let left = factor();
    for (;;) {
      skip();
      const op = source[pos];
      if (op !== '*' && op !== '/' && op !== '×') return left;
      pos++;
      const l = left;
      const r = factor();
      left = op === '/' ? (v) => l(v) / r(v) : (v) => l(v) * r(v);
    }
  };

  const sum = (): Node => {
    let left = product();
    for (;;) {
      skip();
      const op = source[pos];
      if (op !== '+' && op !== '-') return left;
      pos++;
      const l = left;
      const r = product();
      left = op === '-' ? (v) => l(v) - r(v) : (v) => l(v) + r(v);
    }
  };

  const root = sum();
  skip();
  if (pos < source.length) fail(`unexpected "${source[pos]}"`);
  if (columns.length === 0) fail('an expression must reference at least one column');
  return { source, columns, evaluate: root };
}
