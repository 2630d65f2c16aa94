import { css, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { pendingCatalog, resolveLocale } from '../i18n/locale.js';
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
  /** The load of the locale's catalog, while it is on its way (the element renders in English meanwhile). */
  #catalogLoading: Promise<void> | undefined;

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
    this.#catalogLoading = pendingCatalog(this.resolvedLocale);
  }

  /**
   * Also waits for the catalog of the element's locale when it is still loading, and for the re-render in that
   * language: after `el.locale = 'zh-CN'; await el.updateComplete` the element speaks Chinese.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (let pending = this.#catalogLoading; pending; pending = this.#catalogLoading) {
      // A failed load leaves the element in English (the next locale change tries again).
      await pending.catch(() => undefined);
      // The catalog's registration re-rendered a connected element (clearing this); a disconnected one did not.
      if (this.#catalogLoading === pending) this.#catalogLoading = undefined;
      complete = await super.getUpdateComplete();
    }
    return complete;
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
