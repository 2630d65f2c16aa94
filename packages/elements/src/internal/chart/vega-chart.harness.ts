// Test hosts and queries for the chart embedding's browser tests. Not shipped in the public API.
import { css, html, LitElement } from 'lit';
import { chartStyles } from './chart.styles.js';
import { type ChartDatum, VegaChart, type VegaChartOptions } from './vega-chart.js';

/** A minimal element that owns a `VegaChart` drawing into `<div class="chart">`. */
export class ChartTestHost extends LitElement {
  static override styles = [
    chartStyles,
    css`
      :host {
        display: block;
        width: 420px;
      }
      .chart {
        position: relative;
      }
    `,
  ];

  readonly clicks: ChartDatum[] = [];
  readonly errors: unknown[] = [];
  chart!: VegaChart;

  /** The element the chart draws into. */
  get container(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.chart');
  }

  /** The rendered SVG, if any. */
  get svg(): SVGSVGElement | null {
    return this.renderRoot.querySelector('.lens-chart-view > svg');
  }

  /** The tooltip element. */
  get tooltip(): HTMLElement | null {
    return this.renderRoot.querySelector('[part~="tooltip"]');
  }

  /** The SVG elements drawn for the vega mark called `name`. */
  marks(name: string, selector = 'path'): Element[] {
    return [...(this.svg?.querySelectorAll(`.${name} ${selector}`) ?? [])];
  }

  /** How many scenegraph items the vega mark called `name` has (works for canvas too). */
  itemCount(name: string): number {
    interface Node {
      name?: string;
      items: { items?: Node[] }[];
    }
    const count = (node: Node): number =>
      (node.name === name ? node.items.length : 0) +
      node.items.reduce((sum, item) => sum + (item.items ?? []).reduce((s, child) => s + count(child), 0), 0);
    const root = (this.chart.view?.scenegraph() as unknown as { root: Node } | undefined)?.root;
    return root ? count(root) : 0;
  }

  protected override render() {
    return html`<div class="chart"></div>`;
  }
}

let defined = 0;

/**
 * Defines a fresh host element (a new tag each call) whose chart draws `spec` with `options`, and returns
 * its tag name.
 */
export function defineChartHost(
  spec: VegaChartOptions['spec'],
  options: Partial<VegaChartOptions> = {},
): string {
  const tag = `lens-chart-test-host-${++defined}`;
  customElements.define(
    tag,
    class extends ChartTestHost {
      constructor() {
        super();
        this.chart = new VegaChart(this, {
          spec,
          container: () => this.container,
          onClick: (datum) => this.clicks.push(datum),
          onError: (error) => this.errors.push(error),
          ...options,
        });
      }
    },
  );
  return tag;
}

/** Creates a host, gives its chart `data`, attaches it to `parent` (default: body) and waits for the draw. */
export async function mountChartHost(
  tag: string,
  data: Record<string, readonly object[]>,
  parent: Element = document.body,
): Promise<ChartTestHost> {
  const host = document.createElement(tag) as ChartTestHost;
  for (const [name, rows] of Object.entries(data)) host.chart.setData(name, rows);
  parent.append(host);
  await host.updateComplete;
  await host.chart.updateComplete;
  return host;
}
