#!/usr/bin/env node
// @ts-check
// Scaffold a new widget: `node packages/elements/scripts/new-element.mjs value-pyramid` writes
//
//   src/value-pyramid/value-pyramid.ts          class LensValuePyramid (data controller, states, i18n, parts)
//   src/value-pyramid/value-pyramid.styles.ts   styles with one public custom property
//   src/value-pyramid/value-pyramid.harness.ts  test harness (extends StatesHarness)
//   src/value-pyramid/value-pyramid.test.ts     a11y, states, data, locale, theme and leak tests
//   src/lens-value-pyramid.ts                   registers <lens-value-pyramid>
//   src/i18n/en/value-pyramid.ts                its English messages (enValuePyramid: a `<noun>.label`)
//
// and adds the element to src/define.ts and src/index.ts, its English group to src/i18n/en.ts, and the
// `<noun>.label` message to src/i18n/zh-cn.ts (translate it). The new element builds and its tests pass as written; then make it yours.
// See src/internal/README.md. Options: --dry-run (print the files instead of writing them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const noun = args.find((arg) => !arg.startsWith('-'));

if (!noun || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(noun)) {
  console.error('usage: node packages/elements/scripts/new-element.mjs <noun> [--dry-run]');
  console.error('  <noun> is lower-case and dash-separated, e.g. value-pyramid (tag <lens-value-pyramid>)');
  process.exit(1);
}

const tag = `lens-${noun}`;
const pascal = noun
  .split('-')
  .map((word) => word[0].toUpperCase() + word.slice(1))
  .join('');
const camel = pascal[0].toLowerCase() + pascal.slice(1);
const className = `Lens${pascal}`;
const title = noun.replaceAll('-', ' ').replace(/^./, (c) => c.toUpperCase());
const labelKey = `${noun}.label`;

if (existsSync(join(src, noun)) || existsSync(join(src, `${tag}.ts`))) {
  console.error(`src/${noun}/ or src/${tag}.ts exists already`);
  process.exit(1);
}

/** @type {Record<string, string>} */
const files = {
  [`${noun}/${noun}.ts`]: `import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { en${pascal} } from '../i18n/en/${noun}.js';
import { addEnglish } from '../i18n/locale.js';
import { DataController } from '../internal/data-controller.js';
import type { DataProvider } from '../internal/data-state.js';
import { LensElement } from '../internal/lens-element.js';
import { StatesController, stateStyles } from '../internal/states.js';
import { ${camel}Styles } from './${noun}.styles.js';

// The English messages of this element (a page carries only those of the elements it has: i18n/en.ts).
addEnglish(en${pascal});

/**
 * @summary TODO: what <${tag}> shows, in one line.
 *
 * @csspart base - The widget's wrapper.
 * @csspart state - The loading, idle, empty and error states (see internal/states.ts for their parts).
 * @cssproperty --${noun}-padding - Padding around the content (default var(--lens-space-m)).
 */
export class ${className} extends LensElement {
  static override styles = [...LensElement.styles, stateStyles, ${camel}Styles];

  /** The data source, given directly (wins over \`source\` and the enclosing \`<lens-data>\`). */
  @property({ attribute: false }) accessor provider: DataProvider | undefined = undefined;
  /** Id of the \`<lens-data>\` to use when the widget is not inside it. */
  @property({ type: String, attribute: 'source' }) accessor source: string | undefined = undefined;
  /** An orders file for this widget alone, when there is no \`<lens-data>\` (it then loads its own data). */
  @property({ type: String, attribute: 'src' }) accessor src: string | undefined = undefined;
  /** Core's preset for \`src\` (\`cdnow-master\`, \`cdnow-sample\`, \`online-retail\`). */
  @property({ type: String, attribute: 'preset' }) accessor preset: string | undefined = undefined;
  /** Currency for money (ISO 4217); default: the data's currency, else USD. */
  @property({ type: String, attribute: 'currency' }) accessor currency: string | undefined = undefined;

  /** The data: provider, status, summary, and the widget's own engine calls (\`run\`). */
  protected readonly data = new DataController(this, { onData: () => void this.fetch() });
  /** The shared loading / idle / empty / error states. */
  protected readonly states = new StatesController(this, this.data);

  protected override get displayCurrency(): string {
    return this.currency?.toUpperCase() || this.data.currency || 'USD';
  }

  /**
   * The widget's own engine calls, started whenever a new result is ready. Many summary widgets need none:
   * \`this.data.summary\` already has the pyramid tiers, the heatmap cells, the churn bands, …
   */
  private async fetch(): Promise<void> {
    // Example:
    // const rows = await this.data.run(({ engine, dataset, request, signal }) =>
    //   engine.customers(dataset, request, ['clv'], undefined, { signal }));
  }

  protected override render() {
    if (this.data.status !== 'ready') return this.states.render(this.i18n);
    const summary = this.data.summary!;
    return html\`<section part="base" class="base" aria-label=\${this.i18n.t('${labelKey}')}>
      <p class="customers">
        \${this.i18n.t('data.ready', {
          customers: summary.customers,
          transactions: this.data.dataset?.transactions ?? 0,
        })}
      </p>
    </section>\`;
  }
}
`,
  [`i18n/en/${noun}.ts`]: `// English messages: one group of the reference catalog (i18n/en.ts explains the groups).
/** \`<${tag}>\` (${noun}/${noun}.ts). */
export const en${pascal} = {
  '${labelKey}': '${title}',
} as const;
`,
  [`${noun}/${noun}.styles.ts`]: `import { css } from 'lit';
import { token } from '../themes/tokens.js';

/** Styles of <${tag}>. Read tokens with token(); never declare --lens-* tokens on :host. */
export const ${camel}Styles = css\`
  :host {
    --${noun}-padding: \${token('space-m')};
  }
  .base {
    padding: var(--${noun}-padding);
    color: \${token('color-text')};
    background: \${token('color-background')};
    border: 1px solid \${token('color-border')};
    border-radius: \${token('radius')};
  }
  .customers {
    margin: 0;
  }
\`;
`,
  [`${noun}/${noun}.harness.ts`]: `import { StatesHarness } from '../internal/states.harness.js';
import type { ${className} } from './${noun}.js';

/** Reads and drives <${tag}> in tests, without shadow-DOM selectors in the tests themselves. */
export class ${pascal}Harness extends StatesHarness<${className}> {
  /** The content wrapper (when the data is ready). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The visible text of the content. */
  get text(): string {
    return this.base?.textContent?.replace(/\\s+/g, ' ').trim() ?? '';
  }
}
`,
  [`${noun}/${noun}.test.ts`]: `import { expect, html, waitUntil } from '@open-wc/testing';
import '../lens-data.js';
import '../${tag}.js';
import type { LensData } from '../data/data.js';
import { badRows, engineOptions, mount, syntheticRows, waitForStatus } from '../testing/fixtures.js';
import { DARK_TOKENS } from '../themes/tokens.js';
import { ${pascal}Harness } from './${noun}.harness.js';
import type { ${className} } from './${noun}.js';

const ROWS = syntheticRows(200);

async function setup(rows: Record<string, unknown>[] = ROWS) {
  const data = await mount<LensData>(
    html\`<lens-data .engineOptions=\${engineOptions()} .transactions=\${rows}>
      <${tag}></${tag}>
    </lens-data>\`,
  );
  const element = data.querySelector('${tag}') as ${className};
  return { data, element, harness: new ${pascal}Harness(element) };
}

describe('<${tag}>', () => {
  it('is accessible and shows the data when ready', async () => {
    const { data, element, harness } = await setup();
    await waitForStatus(data);
    await element.updateComplete;
    expect(harness.state).to.equal(undefined);
    expect(harness.text).to.contain('200 customers');
    await expect(element).to.be.accessible();
  });

  it('shows the idle state without a data source', async () => {
    const element = await mount<${className}>(html\`<${tag}></${tag}>\`);
    expect(new ${pascal}Harness(element).state).to.equal('idle');
    await expect(element).to.be.accessible();
  });

  it('shows the error state with the rejected rows', async () => {
    const { data, element, harness } = await setup(badRows(10));
    await waitForStatus(data, 'error');
    await element.updateComplete;
    expect(harness.state).to.equal('error');
    expect(harness.rejectionCodes).to.deep.equal(['invalid-date']);
    await expect(element).to.be.accessible();
  });

  it('speaks zh-CN', async () => {
    const { data, element, harness } = await setup();
    await waitForStatus(data);
    element.locale = 'zh-CN';
    await element.updateComplete;
    expect(harness.text).to.contain('200 位客户');
  });

  it('follows theme="dark"', async () => {
    const { data, element, harness } = await setup();
    await waitForStatus(data);
    data.theme = 'dark';
    await element.updateComplete;
    const probe = document.createElement('span');
    probe.style.color = DARK_TOKENS['color-background'];
    document.body.append(probe);
    const expected = getComputedStyle(probe).color;
    probe.remove();
    expect(getComputedStyle(harness.base!).backgroundColor).to.equal(expected);
  });

  it('lets go of its data source when removed', async () => {
    const { data, element } = await setup();
    await waitForStatus(data);
    expect(data.subscriberCount).to.equal(1);
    element.remove();
    await waitUntil(() => data.subscriberCount === 0, 'unsubscribed');
  });
});
`,
  [`${tag}.ts`]: `// Registers <${tag}>. Import this file (or define.js) to use the tag; index.js registers nothing.
import { ${className} } from './${noun}/${noun}.js';

export { ${className} };

${className}.define('${tag}');

declare global {
  interface HTMLElementTagNameMap {
    '${tag}': ${className};
  }
}
`,
};

/** Insert `line` into a file after the last line matching `after` (or at the end). */
function addLine(file, line, after) {
  const path = join(src, file);
  const text = readFileSync(path, 'utf8');
  if (text.includes(line)) return text;
  const lines = text.split('\n');
  let at = -1;
  lines.forEach((l, i) => {
    if (after.test(l)) at = i;
  });
  if (at < 0) at = lines.length - (lines.at(-1) === '' ? 2 : 1);
  lines.splice(at + 1, 0, line);
  return lines.join('\n');
}

/** Add the element's English group to the reference catalog (src/i18n/en.ts): its import and its spread. */
function addEnglishGroup() {
  const text = readFileSync(join(src, 'i18n/en.ts'), 'utf8');
  const group = `en${pascal}`;
  if (text.includes(`...${group},`)) return text;
  const lines = text.split('\n');
  const lastImport = lines.findLastIndex((l) => /^import \{ en\w+ \} from '\.\/en\//.test(l));
  lines.splice(lastImport + 1, 0, `import { ${group} } from './en/${noun}.js';`);
  const end = lines.findIndex((l, i) => i > lastImport && l === '} as const;');
  lines.splice(end, 0, `  ...${group},`);
  return lines.join('\n');
}

/** Add a message before the shared words of a catalog. */
function addMessage(file, value) {
  const path = join(src, 'i18n', file);
  const text = readFileSync(path, 'utf8');
  if (text.includes(`'${labelKey}'`)) return text;
  const marker = text.includes('  // Shared words.') ? '  // Shared words.' : "  'common.none'";
  const entry = `  // <${tag}>.\n  '${labelKey}': '${value}',\n\n`;
  return text.replace(marker, `${entry}${marker}`);
}

const edits = {
  'define.ts': addLine('define.ts', `import './${tag}.js';`, /^import '\.\/lens-/),
  'index.ts': addLine(
    'index.ts',
    `export { ${className} } from './${noun}/${noun}.js';`,
    /^export \{ Lens\w+ \}/,
  ),
  'i18n/en.ts': addEnglishGroup(),
  'i18n/zh-cn.ts': addMessage('zh-cn.ts', `${title} (TODO: translate)`),
};

for (const [file, text] of Object.entries({ ...files, ...edits })) {
  const path = join(src, file);
  if (dryRun) {
    console.log(`--- ${relative(process.cwd(), path)}\n${text}`);
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}
if (!dryRun) {
  console.log(`\nNext: translate '${labelKey}' in src/i18n/zh-cn.ts, write the widget, and run
  npx biome check --write packages/elements/src/${noun} packages/elements/src/${tag}.ts packages/elements/src/i18n
  node scripts/test-browser.mjs packages/elements/src/${noun}/${noun}.test.ts`);
}
