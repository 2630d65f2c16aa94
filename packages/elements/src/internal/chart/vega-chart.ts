import type { ChartTheme } from '@crm-lens/charts';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Item, ScenegraphEvent, SignalValue, Spec, View } from 'vega';
import { yieldToPage } from '../yield-to-page.js';
import { ChartTooltip } from './chart-tooltip.js';
import { type ChartSpecs, loadVega, type VegaRuntime } from './load-vega.js';
import { readChartTheme } from './read-chart-theme.js';

/** A clicked mark's datum: the row the element gave (plus fields the spec derived from it). */
export type ChartDatum = Readonly<Record<string, unknown>>;

/** d3-format / d3-time-format locale definitions for vega's `format()` and axis labels. */
export interface ChartLocale {
  number?: object;
  time?: object;
}

export interface VegaChartOptions {
  /**
   * The compiled vega spec to draw: a spec, or a function of the compiled specs of `@crm-lens/charts`, which load
   * with vega on the first draw (`(specs) => specs.pyramid`), so that a page downloads them only with a chart.
   */
  spec: Spec | ((specs: ChartSpecs) => Spec);
  /** The element in the host's shadow root to draw into (looked up after every render of the host). */
  container: () => HTMLElement | null | undefined;
  /** `svg` (default: crisp, accessible) or `canvas` (for tens of thousands of marks, e.g. the quadrant). */
  renderer?: 'svg' | 'canvas';
  /**
   * Follow the container's height as well as its width. Only for a container with a definite height (set by
   * CSS): an auto-height container takes its height from the chart, which would then never settle.
   */
  fitHeight?: boolean;
  /** Called with the datum of a clicked mark (data marks only, not axes, legends or the background). */
  onClick?: (datum: ChartDatum, event: ScenegraphEvent) => void;
  /** Called when the vega runtime cannot be loaded or a spec fails to parse or run. */
  onError?: (error: unknown) => void;
  /** Reads the theme; default: `readChartTheme(host)` (the computed `--lens-*` tokens). */
  theme?: (host: HTMLElement) => ChartTheme;
  /** Number and time format locale for axis labels (default: vega's en-US). */
  locale?: ChartLocale;
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Draws one compiled vega spec inside a lit element's shadow root, CSP-safe and a good guest:
 *
 * - loads vega on the first draw only (`loadVega`), parses with `ast: true` and evaluates with
 *   vega-interpreter, so a page without `'unsafe-eval'` works;
 * - draws in steps, a task each, none in the task of the host's render: loading vega, parsing the spec,
 *   creating and running the view (no long task on the page, even where vega is bundled in and cold);
 * - keeps one view: `setData`/`setSignal` update it in place and re-run it, and only a theme change re-parses
 *   the spec with a new config. The `--lens-*` tokens are read again after every host update, when an attribute
 *   of the host or of any ancestor changes (a `theme` on the enclosing `<lens-data>`, a class on `<html>`, a
 *   token set in a `style`: crossing shadow roots and slots, with one MutationObserver), and when the OS colour
 *   scheme changes. A change that none of these sees (a style sheet edited in place) needs `refreshTheme()`;
 * - follows its container's size (ResizeObserver), shows its own tooltip in the shadow root, and adds
 *   nothing to the document;
 * - finalizes the view when the host disconnects, and draws again if it reconnects.
 */
export class VegaChart implements ReactiveController {
  readonly #host: Host;
  readonly #options: VegaChartOptions;
  readonly #data = new Map<string, object[]>();
  readonly #signals = new Map<string, SignalValue>();
  #description: string | undefined;

  #view: View | undefined;
  /** The container the current view draws into, and what this controller added to it. */
  #container: HTMLElement | undefined;
  #viewElement: HTMLDivElement | undefined;
  #tooltip: ChartTooltip | undefined;
  #resizeObserver: ResizeObserver | undefined;
  #size = { width: 0, height: 0 };
  /** The container and theme (as JSON) of the current or pending view, to notice when either changes. */
  #target: { container: HTMLElement; themeKey: string } | undefined;
  /** Bumped by every build and by finalize, so a build that was overtaken while loading gives up. */
  #generation = 0;
  /** Builds and runs, one after another. */
  #work: Promise<void> = Promise.resolve();
  #runQueued = false;
  #colorScheme: MediaQueryList | undefined;
  /** Watches the attributes of the host and its ancestors (a theme set above the host re-themes the chart). */
  #ancestors: MutationObserver | undefined;

  constructor(host: Host, options: VegaChartOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The live vega view, once drawn (for tests and advanced use; prefer the methods below). */
  get view(): View | undefined {
    return this.#view;
  }

  /** Resolves when every pending draw, data update and resize has been rendered. */
  get updateComplete(): Promise<void> {
    return (async () => {
      let pending: Promise<void>;
      do {
        pending = this.#work;
        await pending;
      } while (pending !== this.#work);
    })();
  }

  /**
   * Replaces the rows of a named dataset. Vega tags each row object with an internal id, so pass fresh row
   * objects prepared for the chart, not objects shared with other code.
   */
  setData(name: string, rows: readonly object[]): void {
    const copy = [...rows];
    this.#data.set(name, copy);
    if (!this.#view) return;
    this.#view.data(name, copy);
    this.#requestRun();
  }

  /** Sets a signal of the spec (localised axis titles, number formats: see `SIGNAL` in @crm-lens/charts). */
  setSignal(name: string, value: SignalValue): void {
    this.#signals.set(name, value);
    if (!this.#view) return;
    this.#view.signal(name, value);
    this.#requestRun();
  }

  /** The chart's accessible name (the `aria-label` of its graphics document). */
  describe(text: string): void {
    this.#description = text;
    this.#view?.description(text);
  }

  /** Re-reads the theme and re-parses the spec if it changed (the host's updates do this already). */
  refreshTheme(): void {
    this.#schedule();
  }

  /** Releases the view, its listeners and its DOM; the chart draws again on the host's next update. */
  finalize(): void {
    this.#generation++;
    this.#target = undefined;
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = undefined;
    this.#view?.finalize();
    this.#view = undefined;
    this.#viewElement?.remove();
    this.#tooltip?.remove();
    this.#viewElement = undefined;
    this.#tooltip = undefined;
    this.#container = undefined;
  }

  hostConnected(): void {
    this.#colorScheme = this.#host.ownerDocument.defaultView?.matchMedia('(prefers-color-scheme: dark)');
    this.#colorScheme?.addEventListener('change', this.#onColorScheme);
    this.#observeAncestors();
    // A reconnected host may not render again: draw now if its container is still there.
    this.#schedule();
  }

  hostUpdated(): void {
    this.#schedule();
  }

  hostDisconnected(): void {
    this.#colorScheme?.removeEventListener('change', this.#onColorScheme);
    this.#colorScheme = undefined;
    this.#ancestors?.disconnect();
    this.#ancestors = undefined;
    this.finalize();
  }

  readonly #onColorScheme = () => this.#schedule();

  /**
   * Re-read the theme whenever an attribute changes on the host or on an element it inherits styles from: up the
   * flat tree (a slotted host inherits from its slot), across shadow roots, to `<html>`. Only attribute changes
   * of those few elements are seen (not their subtrees); the check itself is a getComputedStyle and a compare.
   * The chain is fixed while the host is connected (moving any ancestor disconnects the host).
   */
  #observeAncestors(): void {
    this.#ancestors?.disconnect();
    this.#ancestors = undefined;
    if (typeof MutationObserver === 'undefined') return;
    const observer = new MutationObserver(() => this.#schedule());
    let node: Node | null = this.#host;
    while (node) {
      if (node instanceof Element) observer.observe(node, { attributes: true });
      node =
        (node instanceof Element ? node.assignedSlot : null) ??
        node.parentNode ??
        (node instanceof ShadowRoot ? node.host : null);
    }
    this.#ancestors = observer;
  }

  /** Starts a (re)build when there is no view yet, the container changed or the theme changed. */
  #schedule(): void {
    const container = this.#options.container();
    if (!container || !this.#host.isConnected) return;
    const theme = (this.#options.theme ?? readChartTheme)(this.#host);
    const themeKey = JSON.stringify(theme);
    const target = this.#target;
    if (target && target.container === container && target.themeKey === themeKey) return;
    this.#target = { container, themeKey };
    const generation = ++this.#generation;
    /** Whether this build still stands (no newer build, no finalize, the host still in the page). */
    const current = () => generation === this.#generation && this.#host.isConnected;
    this.#enqueue(async () => {
      try {
        // Not in the task of the host's update that asked for it: that one has rendered the element already.
        await yieldToPage();
        if (!current()) return;
        const runtime = await loadVega();
        if (!current()) return;
        // Where vega is part of the bundle (the Salesforce static resource, an app's single bundle), its modules
        // are evaluated on the first loadVega() — within the same task as their caller; elsewhere import() has
        // loaded them in tasks of their own. Either way the build starts in a task of its own.
        await yieldToPage();
        if (!current()) return;
        await this.#build(runtime, container, theme, current);
      } catch (error) {
        // Let the next host update try again.
        if (generation === this.#generation) this.#target = undefined;
        throw error;
      }
    });
  }

  /**
   * Parses the spec, then (a task later: the page may paint and handle input in between) replaces the view and
   * runs the new one. The old view, if any, stays on screen until then; a build that `current()` no longer
   * allows after the pause gives up.
   */
  async #build(
    runtime: VegaRuntime,
    container: HTMLElement,
    theme: ChartTheme,
    current: () => boolean,
  ): Promise<void> {
    const { locale, spec } = this.#options;
    const source = typeof spec === 'function' ? spec(runtime.specs) : spec;
    const parsed = runtime.parse(source, runtime.chartConfig(theme), { ast: true });
    await yieldToPage();
    if (!current()) return;
    this.#view?.finalize();
    this.#view = undefined;
    const { viewElement, tooltip } = this.#mount(container);
    tooltip.hide();
    const view = new runtime.View(parsed, {
      renderer: this.#options.renderer ?? 'svg',
      container: viewElement,
      tooltip: tooltip.handler,
      expr: runtime.expressionInterpreter,
      // vega-typings declares `locale` as formatter functions; vega-view takes the definitions.
      ...(locale ? { locale: locale as never } : {}),
    });
    for (const [name, rows] of this.#data) view.data(name, rows);
    for (const [name, value] of this.#signals) view.signal(name, value);
    if (this.#description !== undefined) view.description(this.#description);
    view.addEventListener('click', this.#onClick);
    this.#view = view;
    this.#size = { width: 0, height: 0 };
    this.#applySize(contentSize(container));
    await view.runAsync();
  }

  /** The view's own element and the tooltip, inside `container`; created once per container. */
  #mount(container: HTMLElement): { viewElement: HTMLDivElement; tooltip: ChartTooltip } {
    if (this.#container === container && this.#viewElement && this.#tooltip) {
      return { viewElement: this.#viewElement, tooltip: this.#tooltip };
    }
    this.#resizeObserver?.disconnect();
    this.#viewElement?.remove();
    this.#tooltip?.remove();
    // Vega empties the element it is given, so it gets its own; the tooltip is its sibling.
    const viewElement = container.ownerDocument.createElement('div');
    viewElement.className = 'lens-chart-view';
    container.append(viewElement);
    const tooltip = new ChartTooltip(container);
    this.#container = container;
    this.#viewElement = viewElement;
    this.#tooltip = tooltip;
    this.#resizeObserver = new ResizeObserver(() => {
      if (this.#applySize(contentSize(container))) this.#requestRun();
    });
    this.#resizeObserver.observe(container);
    return { viewElement, tooltip };
  }

  /** Sizes the view to the container; whether anything changed. A zero size (hidden) is ignored. */
  #applySize({ width, height }: { width: number; height: number }): boolean {
    const view = this.#view;
    if (!view) return false;
    let changed = false;
    if (width > 0 && width !== this.#size.width) {
      view.width(width);
      changed = true;
    }
    if (this.#options.fitHeight && height > 0 && height !== this.#size.height) {
      view.height(height);
      changed = true;
    }
    this.#size = { width, height };
    return changed;
  }

  readonly #onClick = (event: ScenegraphEvent, item?: Item | null) => {
    // Only data marks: not axes, legends, titles or the plot background.
    if (item?.mark.role !== 'mark' || item.mark.marktype === 'group') return;
    const datum: unknown = item.datum;
    if (typeof datum === 'object' && datum !== null) this.#options.onClick?.(datum as ChartDatum, event);
  };

  #requestRun(): void {
    if (this.#runQueued) return;
    this.#runQueued = true;
    this.#enqueue(async () => {
      this.#runQueued = false;
      await this.#view?.runAsync();
    });
  }

  #enqueue(task: () => Promise<void>): void {
    this.#work = this.#work.then(task).catch((error: unknown) => {
      if (this.#options.onError) this.#options.onError(error);
      else reportError(error);
    });
  }
}

/** The content box of an element, in whole px. */
function contentSize(element: HTMLElement): { width: number; height: number } {
  const style = getComputedStyle(element);
  const px = (value: string) => Number.parseFloat(value) || 0;
  return {
    width: Math.floor(element.clientWidth - px(style.paddingLeft) - px(style.paddingRight)),
    height: Math.floor(element.clientHeight - px(style.paddingTop) - px(style.paddingBottom)),
  };
}
