import { StatesHarness } from '../internal/states.harness.js';
import type { LensCustomerCard } from './customer-card.js';

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Reads and drives <lens-customer-card> in tests, without shadow-DOM selectors in the tests themselves. */
export class CustomerCardHarness extends StatesHarness<LensCustomerCard> {
  /** The card region (when a customer is shown). */
  get base(): HTMLElement | null {
    return this.root.querySelector('[part~="base"]');
  }

  /** The card's own state part (`choose`, `loading`, `not-found`), or the shared state, or undefined. */
  get view(): string | undefined {
    const el = this.root.querySelector('[part~="state"]');
    if (!el) return undefined;
    return el
      .getAttribute('part')!
      .split(' ')
      .find((p) => p.startsWith('state-'))!
      .slice('state-'.length);
  }

  /** The customer's name (or id) heading. */
  get name(): string {
    return text(this.root.querySelector('[part~="name"]'));
  }

  /** The card's accessible name. */
  get label(): string {
    return this.base?.getAttribute('aria-label') ?? '';
  }

  /** The definition list. */
  get figureList(): HTMLDListElement | null {
    return this.root.querySelector('dl[part~="figures"]');
  }

  /** Every figure as `{ key: value text }` (key: `data-figure`). */
  get figures(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const el of this.root.querySelectorAll<HTMLElement>('[part~="figure"]')) {
      out[el.dataset.figure!] = text(el.querySelector('dd'));
    }
    return out;
  }

  /** Every term (dt) text, in order. */
  get terms(): string[] {
    return [...this.root.querySelectorAll('[part~="figure"] dt')].map((dt) => text(dt));
  }

  /** The churn reasons, one text each. */
  get reasons(): string[] {
    return [...this.root.querySelectorAll('[part~="reasons"] li')].map((li) => text(li));
  }

  /** The suggestion buttons. */
  get suggestionButtons(): HTMLButtonElement[] {
    return [...this.root.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]')];
  }

  /** The suggested items, best first. */
  get suggestedItems(): string[] {
    return this.suggestionButtons.map((b) => b.dataset.item ?? '');
  }

  /** The text of the cross-sell section. */
  get crossSellText(): string {
    return text(this.root.querySelector('[part~="cross-sell"]'));
  }

  /** The state's hint (e.g. the not-found message). */
  get hint(): string {
    return text(this.root.querySelector('[part~="state"] .hint'));
  }

  /** Wait until the card shows something other than its loading state. */
  async settled(timeout = 15_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      await this.element.updateComplete;
      const view = this.view;
      if (view !== 'loading' && (view !== undefined || this.base)) return;
      if (Date.now() - started > timeout) throw new Error('the customer card did not finish loading');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
