import { type ElementPart, noChange } from 'lit';
import { Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

/** CSS declarations for {@link cssProps}: property → value; `undefined`, `null` or `''` removes the property. */
export type CssProps = Readonly<Record<string, string | number | null | undefined>>;

/** `marginTop` → `margin-top`; dash-case names and custom properties (`--x`) are left as they are. */
function cssName(name: string): string {
  return name.startsWith('--') ? name : name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

class CssPropsDirective extends Directive {
  /** The properties this directive set on the element (to remove the ones a later render leaves out). */
  private readonly set = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) {
      throw new Error(
        'cssProps() goes in element position (on the element itself), not in an attribute value',
      );
    }
  }

  render(_props: CssProps): unknown {
    // Never a value to commit: everything happens in update(), through the CSSOM.
    return noChange;
  }

  override update(part: ElementPart, [props]: [CssProps]): unknown {
    const { style } = part.element as HTMLElement | SVGElement;
    const next = new Set<string>();
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === '') continue;
      const name = cssName(key);
      next.add(name);
      const text = String(value);
      if (style.getPropertyValue(name) !== text) style.setProperty(name, text);
    }
    for (const name of this.set) if (!next.has(name)) style.removeProperty(name);
    this.set.clear();
    for (const name of next) this.set.add(name);
    return noChange;
  }
}

/**
 * Dynamic inline styles that a strict Content-Security-Policy allows: `<div ${cssProps({ height: `${h}px` })}>`.
 *
 * Every value is written with `element.style.setProperty()` (the CSSOM), on the first render as on every later
 * one; the `style` attribute is never written as markup. A policy without `'unsafe-inline'` (`style-src-attr`)
 * blocks style *attributes* — and lit's `styleMap` sets one on its first render — but not the CSSOM.
 *
 * Names are CSS property names (`transform`, `margin-top`, `--my-prop`; camelCase is converted). A property
 * left out of a later render, or given `undefined`, `null` or `''`, is removed. Only properties this directive
 * set are ever removed. Use it in element position only (not `style=${…}`).
 */
export const cssProps = directive(CssPropsDirective);
