import { css, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveLocale } from '../i18n/locale.js';
import { type Localizer, localizer } from '../i18n/localizer.js';
import { themeStyles, token } from '../themes/tokens.js';
import { observeLang, unobserveLang } from './lang-observer.js';

/** Styles every element shares: the host box, base typography, focus ring and a visually-hidden helper. */
export const lensBaseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: ${token('font-family')};
    font-size: ${token('font-size')};
    line-height: 1.4;
    color: ${token('color-text')};
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid ${token('color-focus')};
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
`;

/**
 * The base of every `<lens-…>` element: idempotent registration, shared styles and theme switching, and the
 * locale (own `locale` attribute → closest `lang` → browser → English) with a {@link Localizer} for it.
 *
 * Subclasses add `static override styles = [LensElement.styles, myStyles]`.
 */
export class LensElement extends LitElement {
  static override styles = [themeStyles, lensBaseStyles];

  /**
   * Register this class as `tag` (in `registry`, default `customElements`). Defining twice is harmless: when the
   * tag is already taken (by this class, or by another copy of crm-lens on the page), nothing happens. The same
   * class can be registered under several tags (each gets a subclass).
   */
  static define(tag: string, registry: CustomElementRegistry = customElements): void {
    if (registry.get(tag)) return;
    try {
      // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass define() is called on (LensData, …)
      registry.define(tag, this);
    } catch {
      // The constructor is already registered under another tag: register a trivial subclass.
      // biome-ignore lint/complexity/noThisInStatic: as above
      registry.define(tag, class extends this {});
    }
  }

  /** Locale for messages and number formats (BCP 47, e.g. `zh-CN`); default: the closest `lang`, then the browser's. */
  @property({ type: String, attribute: 'locale', reflect: true }) accessor locale: string | undefined =
    undefined;

  /** Colour theme: `light`, `dark` or `auto` (follows the OS); unset inherits the page's tokens. */
  @property({ type: String, attribute: 'theme', reflect: true }) accessor theme:
    | 'light'
    | 'dark'
    | 'auto'
    | undefined = undefined;

  /** The locale in use (resolved at the last render). */
  protected resolvedLocale = 'en';

  override connectedCallback(): void {
    super.connectedCallback();
    observeLang(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    unobserveLang(this);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.resolvedLocale = resolveLocale(this, this.locale);
  }

  /** The currency this element shows money in (subclasses override: attribute, then the data's). */
  protected get displayCurrency(): string {
    return 'USD';
  }

  /** Messages and formats for the element's locale and currency. */
  protected get i18n(): Localizer {
    return localizer(this.resolvedLocale, this.displayCurrency);
  }
}
