// @ts-check
// Minifies the lit templates of the elements' sources at build time (the script-tag build: bundle.mjs), an esbuild
// plugin: in the static parts of every css`…` and html`…` (never in the expressions between them):
//
//   css`…`   comments go; a run of whitespace goes next to { } ; , and after : (outside quotes), else becomes one
//            space;
//   html`…`  in text, a run of whitespace holding a newline becomes that newline (a run without one is left
//            alone); inside a tag, between attributes, a run becomes one space, and goes before >;
//
// except that every newline stays (a run that held newlines becomes those newlines). Never touched: attribute
// values in quotes, comments, and the content of <pre>, <textarea>, <script>, <style> and <title>.
//
// Why that is safe: outside `white-space: pre|pre-wrap|break-spaces` (none of the elements' styles has those; the
// chart tooltip's `pre-line` keeps newlines and collapses the rest, which is exactly what survives), a run of
// whitespace in text renders as one space whatever it holds, so the newlines of a run that held some render the same;
// lit finds bindings by the whitespace before an attribute name and by the `=` before an expression, both kept.
// As every newline stays, every line stays where it was and the source maps stay exact. A template whose parts
// do not scan as expected (an unterminated comment or quote at its end) is left as written.
//
// The sources are TypeScript: scanned by hand (no parser is a dependency: the typescript package here is the
// native compiler, without a JavaScript API), which is enough for code formatted by biome — strings, comments,
// regular expressions (told from a division by the token before them) and templates nested in `${…}`.
import { readFile } from 'node:fs/promises';

/** Tags whose templates are minified. */
const TAGS = new Set(['html', 'css']);

/** Keywords after which a `/` starts a regular expression. */
const REGEX_AFTER_WORD = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/**
 * @typedef {{ tag: string, chunks: { start: number, end: number }[] }} Template
 * A tagged template: its tag and the source ranges of its static parts (between the backticks and the `${…}`).
 */

/**
 * The tagged templates of a TypeScript source, outer ones before the templates nested in their expressions.
 * @param {string} source
 * @returns {Template[]}
 */
export function findTemplates(source) {
  /** @type {Template[]} */
  const found = [];
  let i = 0;
  /** The last significant token: 'word:<identifier>', 'value' (a literal, `)`, `]`) or 'punct'. */
  let last = 'punct';

  /**
   * Scan a template literal whose backtick is at `i`; returns the index after its closing backtick.
   * @param {number} at
   * @param {string | undefined} tag
   */
  const template = (at, tag) => {
    /** @type {Template['chunks']} */
    const chunks = [];
    let j = at + 1;
    let start = j;
    for (;;) {
      if (j >= source.length) throw new Error(`unterminated template at ${at}`);
      const c = source[j];
      if (c === '\\') {
        j += 2;
      } else if (c === '`') {
        chunks.push({ start, end: j });
        j++;
        break;
      } else if (c === '$' && source[j + 1] === '{') {
        chunks.push({ start, end: j });
        j = code(j + 2, true);
        start = j;
      } else {
        j++;
      }
    }
    if (tag !== undefined && TAGS.has(tag)) found.push({ tag, chunks });
    return j;
  };

  /**
   * Scan code from `at`: up to the `}` closing a `${` when `inExpression` (returns the index after it), else to
   * the end.
   * @param {number} at
   * @param {boolean} inExpression
   */
  const code = (at, inExpression) => {
    let depth = 0;
    i = at;
    while (i < source.length) {
      const c = /** @type {string} */ (source[i]);
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        const end = source.indexOf('\n', i);
        i = end < 0 ? source.length : end;
      } else if (c === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        if (end < 0) throw new Error(`unterminated comment at ${i}`);
        i = end + 2;
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        while (j < source.length && source[j] !== c) {
          if (source[j] === '\\') j++;
          else if (source[j] === '\n') throw new Error(`unterminated string at ${i}`);
          j++;
        }
        i = j + 1;
        last = 'value';
      } else if (c === '`') {
        const tag = last.startsWith('word:') && /\w/.test(source[i - 1] ?? '') ? last.slice(5) : undefined;
        const saved = last;
        i = template(i, tag);
        last = saved === 'punct' ? 'value' : 'value';
      } else if (c === '/') {
        const word = last.startsWith('word:') ? last.slice(5) : undefined;
        const regex = last === 'punct' || (word !== undefined && REGEX_AFTER_WORD.has(word));
        if (regex) {
          let j = i + 1;
          let inClass = false;
          while (j < source.length) {
            const d = source[j];
            if (d === '\\') j++;
            else if (d === '[') inClass = true;
            else if (d === ']') inClass = false;
            else if (d === '/' && !inClass) break;
            else if (d === '\n') throw new Error(`unterminated regular expression at ${i}`);
            j++;
          }
          j++;
          while (/[a-z]/i.test(source[j] ?? '')) j++;
          i = j;
          last = 'value';
        } else {
          i++;
          last = 'punct';
        }
      } else if (/[A-Za-z_$]/.test(c)) {
        let j = i + 1;
        while (/[\w$]/.test(source[j] ?? '')) j++;
        last = `word:${source.slice(i, j)}`;
        i = j;
      } else if (/[0-9]/.test(c)) {
        let j = i + 1;
        while (/[\w.]/.test(source[j] ?? '')) j++;
        i = j;
        last = 'value';
      } else if (/\s/.test(c)) {
        i++;
      } else {
        if (c === '{') depth++;
        else if (c === '}') {
          if (inExpression && depth === 0) return i + 1;
          depth--;
        }
        // `)` and `]` end a value, and so does TypeScript's non-null `!` right after one (`a! / b`): a `/` after
        // them divides. `}` may end a block: a `/` after it starts a regex.
        const nonNull = c === '!' && /[\w$)\]]/.test(source[i - 1] ?? '');
        last = c === ')' || c === ']' || nonNull ? 'value' : 'punct';
        i++;
      }
    }
    if (inExpression) throw new Error('unterminated ${ in a template');
    return i;
  };

  code(0, false);
  return found;
}

/** The newlines of a run of whitespace (kept, so that every line stays where it was). @param {string} run */
const newlines = (run) => run.replace(/[^\n]/g, '');
/** A run of whitespace as its newlines, or one space when it held none. @param {string} run */
const one = (run) => newlines(run) || ' ';

/**
 * The static parts of a css`…`, minified (undefined: leave the template as written).
 * @param {string[]} parts
 * @returns {string[] | undefined}
 */
export function minifyCss(parts) {
  /** @type {string[]} */
  const out = [];
  for (let p = 0; p < parts.length; p++) {
    const text = /** @type {string} */ (parts[p]);
    let result = '';
    /** A whitespace run waiting for the character after it. */
    let pending = '';
    const first = p === 0;
    const lastPart = p === parts.length - 1;
    /** @param {string} next the character after the run ('' at the end of the part) */
    const flush = (next) => {
      if (pending === '') return;
      const before = result.at(-1);
      const atTemplateEdge = (first && result === '') || (lastPart && next === '');
      const drop =
        atTemplateEdge ||
        (before !== undefined && '{};,:'.includes(before)) ||
        (next !== '' && '{};,'.includes(next));
      // A newline is kept, so that lines stay where they were.
      result += drop ? newlines(pending) : one(pending);
      pending = '';
    };
    let i = 0;
    while (i < text.length) {
      const c = /** @type {string} */ (text[i]);
      if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) return undefined;
        // The comment's newlines stay, as whitespace.
        pending += newlines(text.slice(i, end + 2)) || ' ';
        i = end + 2;
      } else if (/\s/.test(c)) {
        pending += c;
        i++;
      } else if (c === '"' || c === "'") {
        flush(c);
        let j = i + 1;
        while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
        if (j >= text.length) return undefined;
        result += text.slice(i, j + 1);
        i = j + 1;
      } else if (c === '\\') {
        flush(c);
        result += text.slice(i, i + 2);
        i += 2;
      } else {
        flush(c);
        result += c;
        i++;
      }
    }
    flush('');
    out.push(result);
  }
  return out;
}

/** Elements whose content is kept as written. */
const RAW = new Set(['pre', 'textarea', 'script', 'style', 'title']);

/**
 * The static parts of an html`…`, minified (undefined: leave the template as written).
 * @param {string[]} parts
 * @returns {string[] | undefined}
 */
export function minifyHtml(parts) {
  /** @type {'text' | 'tag' | 'quote' | 'comment' | 'raw'} */
  let state = 'text';
  let quote = '';
  /** In a tag: its name (to know a raw element); in raw content: the name that closes it. */
  let tagName = '';
  /** @type {string[]} */
  const out = [];
  for (const text of parts) {
    let result = '';
    let i = 0;
    while (i < text.length) {
      const c = /** @type {string} */ (text[i]);
      if (state === 'quote') {
        const end = text.indexOf(quote, i);
        if (end < 0) {
          result += text.slice(i);
          i = text.length;
        } else {
          result += text.slice(i, end + 1);
          i = end + 1;
          state = 'tag';
        }
      } else if (state === 'comment') {
        const end = text.indexOf('-->', i);
        if (end < 0) {
          result += text.slice(i);
          i = text.length;
        } else {
          result += text.slice(i, end + 3);
          i = end + 3;
          state = 'text';
        }
      } else if (state === 'raw') {
        const close = text.toLowerCase().indexOf(`</${tagName}`, i);
        if (close < 0) {
          result += text.slice(i);
          i = text.length;
        } else {
          result += text.slice(i, close);
          i = close;
          state = 'text';
        }
      } else if (state === 'text') {
        if (c === '<' && text.startsWith('<!--', i)) {
          result += '<!--';
          i += 4;
          state = 'comment';
        } else if (c === '<' && /[a-zA-Z/]/.test(text[i + 1] ?? '')) {
          const name = /^<\/?([a-zA-Z][\w-]*)/.exec(text.slice(i));
          tagName = text[i + 1] === '/' ? '' : (name?.[1]?.toLowerCase() ?? '');
          const length = name ? name[0].length : 1;
          result += text.slice(i, i + length);
          i += length;
          state = 'tag';
        } else if (/\s/.test(c)) {
          let j = i;
          while (j < text.length && /\s/.test(text[j] ?? '')) j++;
          const run = text.slice(i, j);
          result += newlines(run) || run;
          i = j;
        } else {
          result += c;
          i++;
        }
      } else {
        // In a tag.
        if (c === '"' || c === "'") {
          result += c;
          quote = c;
          state = 'quote';
          i++;
        } else if (c === '>') {
          result += c;
          i++;
          state = tagName && RAW.has(tagName) ? 'raw' : 'text';
        } else if (/\s/.test(c)) {
          let j = i;
          while (j < text.length && /\s/.test(text[j] ?? '')) j++;
          const run = text.slice(i, j);
          // Before `>`: nothing (a newline, to keep the line). Before `/>` one space: `a=b/>` would end `b` with `/`.
          if (text[j] === '>') result += newlines(run);
          else result += one(run);
          i = j;
        } else {
          result += c;
          i++;
        }
      }
    }
    out.push(result);
  }
  // A template must end where it began: in text, outside any tag, quote or comment.
  return state === 'text' ? out : undefined;
}

/**
 * A source with its templates minified.
 * @param {string} source
 */
export function minifyTemplateSource(source) {
  const edits = [];
  for (const { tag, chunks } of findTemplates(source)) {
    const parts = chunks.map(({ start, end }) => source.slice(start, end));
    const minified = tag === 'css' ? minifyCss(parts) : minifyHtml(parts);
    if (!minified) continue;
    // Only whitespace (and CSS comments) may have changed, and every newline is still there.
    const strip = (/** @type {string[]} */ p) =>
      p.map((text) => (tag === 'css' ? text.replace(/\/\*[\s\S]*?\*\//g, '') : text).replace(/\s+/g, ''));
    const count = (/** @type {string[]} */ p) => p.join('').split('\n').length;
    if (
      strip(parts).join('\0') !== strip(minified).join('\0') ||
      count(parts) !== count(minified) ||
      minified.length !== parts.length
    ) {
      throw new Error(`a ${tag} template at ${chunks[0]?.start} changed more than its whitespace`);
    }
    chunks.forEach((chunk, k) => {
      edits.push({ ...chunk, text: /** @type {string} */ (minified[k]) });
    });
  }
  edits.sort((a, b) => b.start - a.start);
  let result = source;
  for (const { start, end, text } of edits) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/**
 * The esbuild plugin: the elements' TypeScript sources (packages/elements/src/**), their templates minified.
 * @returns {import('esbuild').Plugin}
 */
export const minifyTemplates = () => ({
  name: 'crm-lens-minify-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]packages[\\/]elements[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      try {
        return { contents: minifyTemplateSource(source), loader: 'ts' };
      } catch (error) {
        return {
          errors: [{ text: `minify-templates: ${/** @type {Error} */ (error).message} in ${args.path}` }],
        };
      }
    });
  },
});
