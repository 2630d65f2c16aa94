/**
 * A small subset of ICU MessageFormat, enough for our catalogs:
 *
 * - `{name}`: the value (numbers formatted for the locale, text as is);
 * - `{name, number}`, `{name, integer}`, `{name, decimal}` (one decimal), `{name, percent}`, `{name, currency}`, `{name, compact}`, `{name, date}`,
 *   `{name, days}`: formatted with the locale's Intl formats (see {@link MessageFormats});
 * - `{name, plural, =0 {…} one {…} other {…}}`: a branch by the locale's plural rules (exact `=n` first);
 *   `#` inside a branch is the number;
 * - `{name, select, a {…} other {…}}`: a branch by text value.
 *
 * Messages are parsed once and cached. A malformed message is shown as written rather than throwing.
 */

/** How a message formats its arguments (implemented by the Intl helpers). */
export interface MessageFormats {
  readonly locale: string;
  number(value: number): string;
  integer(value: number): string;
  decimal(value: number): string;
  percent(value: number): string;
  currency(value: number): string;
  compact(value: number): string;
  date(value: number): string;
  days(value: number): string;
}

export type MessageValues = Readonly<Record<string, string | number | undefined>>;

type Part =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'hash' }
  | { readonly kind: 'arg'; readonly name: string; readonly style?: string }
  | {
      readonly kind: 'plural' | 'select';
      readonly name: string;
      readonly branches: ReadonlyMap<string, readonly Part[]>;
    };

const FORMAT_STYLES = new Set([
  'number',
  'integer',
  'decimal',
  'percent',
  'currency',
  'compact',
  'date',
  'days',
]);

class Parser {
  private i = 0;
  constructor(private readonly source: string) {}

  parse(): Part[] {
    const parts = this.parts(false);
    if (this.i < this.source.length) throw new SyntaxError(`unexpected "}" at ${this.i}`);
    return parts;
  }

  /** Text and arguments up to the end, or up to the `}` closing a branch. */
  private parts(inBranch: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.i < this.source.length) {
      const c = this.source[this.i]!;
      if (c === '}') {
        if (!inBranch) throw new SyntaxError(`unexpected "}" at ${this.i}`);
        break;
      }
      if (c === '{') {
        flush();
        parts.push(this.argument());
      } else if (c === '#' && inBranch) {
        flush();
        parts.push({ kind: 'hash' });
        this.i++;
      } else {
        text += c;
        this.i++;
      }
    }
    flush();
    return parts;
  }

  private word(): string {
    this.space();
    const start = this.i;
    while (this.i < this.source.length && !/[\s,{}]/.test(this.source[this.i]!)) this.i++;
    return this.source.slice(start, this.i);
  }

  private space(): void {
    while (this.i < this.source.length && /\s/.test(this.source[this.i]!)) this.i++;
  }

  private expect(char: string): void {
    this.space();
    if (this.source[this.i] !== char) throw new SyntaxError(`expected "${char}" at ${this.i}`);
    this.i++;
  }

  private argument(): Part {
    this.expect('{');
    const name = this.word();
    if (!name) throw new SyntaxError(`missing argument name at ${this.i}`);
    this.space();
    if (this.source[this.i] === '}') {
      this.i++;
      return { kind: 'arg', name };
    }
    this.expect(',');
    const type = this.word();
    this.space();
    if (this.source[this.i] === '}') {
      this.i++;
      if (!FORMAT_STYLES.has(type)) throw new SyntaxError(`unknown format "${type}"`);
      return { kind: 'arg', name, style: type };
    }
    if (type !== 'plural' && type !== 'select') throw new SyntaxError(`unknown argument type "${type}"`);
    this.expect(',');
    const branches = new Map<string, Part[]>();
    for (;;) {
      this.space();
      if (this.source[this.i] === '}') {
        this.i++;
        break;
      }
      const key = this.word();
      if (!key) throw new SyntaxError(`missing branch key at ${this.i}`);
      this.expect('{');
      branches.set(key, this.parts(true));
      this.expect('}');
    }
    if (!branches.has('other')) throw new SyntaxError(`"${name}" has no "other" branch`);
    return { kind: type, name, branches };
  }
}

const cache = new Map<string, readonly Part[] | SyntaxError>();

function parse(message: string): readonly Part[] | SyntaxError {
  let parsed = cache.get(message);
  if (!parsed) {
    try {
      parsed = new Parser(message).parse();
    } catch (error) {
      parsed = error instanceof SyntaxError ? error : new SyntaxError(String(error));
    }
    cache.set(message, parsed);
  }
  return parsed;
}

/** Whether a message parses (tests check every catalog entry with this). */
export function checkMessage(message: string): string | undefined {
  const parsed = parse(message);
  return parsed instanceof SyntaxError ? parsed.message : undefined;
}

/** The argument names a message uses (tests check translations use the same ones). */
export function messageArguments(message: string): Set<string> {
  const names = new Set<string>();
  const visit = (parts: readonly Part[]) => {
    for (const part of parts) {
      if (part.kind === 'arg') names.add(part.name);
      else if (part.kind === 'plural' || part.kind === 'select') {
        names.add(part.name);
        for (const branch of part.branches.values()) visit(branch);
      }
    }
  };
  const parsed = parse(message);
  if (!(parsed instanceof SyntaxError)) visit(parsed);
  return names;
}

function formatValue(value: string | number | undefined, style: string | undefined, f: MessageFormats) {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  switch (style) {
    case 'integer':
      return f.integer(value);
    case 'decimal':
      return f.decimal(value);
    case 'percent':
      return f.percent(value);
    case 'currency':
      return f.currency(value);
    case 'compact':
      return f.compact(value);
    case 'date':
      return f.date(value);
    case 'days':
      return f.days(value);
    default:
      return f.number(value);
  }
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(locale: string, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

function render(
  parts: readonly Part[],
  values: MessageValues,
  f: MessageFormats,
  hash: number | undefined,
): string {
  let out = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        out += part.text;
        break;
      case 'hash':
        out += hash === undefined ? '#' : f.number(hash);
        break;
      case 'arg':
        out += formatValue(values[part.name], part.style, f);
        break;
      case 'plural': {
        const n = Number(values[part.name] ?? 0);
        const branch =
          part.branches.get(`=${n}`) ??
          part.branches.get(pluralCategory(f.locale, n)) ??
          part.branches.get('other')!;
        out += render(branch, values, f, n);
        break;
      }
      case 'select': {
        const key = String(values[part.name] ?? 'other');
        out += render(part.branches.get(key) ?? part.branches.get('other')!, values, f, hash);
        break;
      }
    }
  }
  return out;
}

/** Format a catalog message with its values. */
export function formatMessage(message: string, values: MessageValues, formats: MessageFormats): string {
  const parsed = parse(message);
  if (parsed instanceof SyntaxError) return message;
  return render(parsed, values, formats, undefined);
}
