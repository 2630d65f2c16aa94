import type { TooltipHandler } from 'vega';
import { formatTooltip } from './format-tooltip.js';

/** Distance in px between the pointer and the tooltip. */
const OFFSET = 12;

/**
 * The chart's own tooltip: a `<div part="tooltip" role="tooltip">` inside the element's shadow root, next to
 * the chart, positioned at the pointer and kept inside the chart's box. Text goes in through `textContent`
 * only, so data can never become markup (hosts may enforce Trusted Types). Its look comes from
 * `chartStyles` and `::part(tooltip)`; only its placement is set inline.
 */
export class ChartTooltip {
  readonly element: HTMLDivElement;
  readonly #container: HTMLElement;

  constructor(container: HTMLElement) {
    this.#container = container;
    const element = container.ownerDocument.createElement('div');
    element.setAttribute('part', 'tooltip');
    element.setAttribute('role', 'tooltip');
    element.hidden = true;
    Object.assign(element.style, {
      position: 'absolute',
      left: '0',
      top: '0',
      pointerEvents: 'none',
      zIndex: '1',
    });
    container.append(element);
    this.element = element;
  }

  /** The handler to give vega (`tooltip` view option): shows the text for a hovered item, hides on leave. */
  readonly handler: TooltipHandler = (_handler, event, _item, value) => {
    const text = formatTooltip(value);
    if (text === '' || !event) this.hide();
    else this.show(text, event.clientX, event.clientY);
  };

  /** Shows `text` near the viewport point (x, y), flipped to the other side where it would overflow. */
  show(text: string, clientX: number, clientY: number): void {
    const { element } = this;
    if (element.textContent !== text) element.textContent = text;
    element.hidden = false;
    const box = this.#container.getBoundingClientRect();
    let x = clientX - box.left + OFFSET;
    let y = clientY - box.top + OFFSET;
    if (x + element.offsetWidth > box.width)
      x = Math.max(0, clientX - box.left - OFFSET - element.offsetWidth);
    if (y + element.offsetHeight > box.height)
      y = Math.max(0, clientY - box.top - OFFSET - element.offsetHeight);
    element.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  hide(): void {
    this.element.hidden = true;
  }

  remove(): void {
    this.element.remove();
  }
}
