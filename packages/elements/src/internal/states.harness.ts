/**
 * Reads and drives the shared loading / idle / empty / error states of any widget (see states.ts), so that tests
 * do not hard-code shadow-DOM selectors. Widget harnesses extend it.
 */
export class StatesHarness<E extends HTMLElement = HTMLElement> {
  constructor(readonly element: E) {}

  /** The widget's shadow root. */
  get root(): ShadowRoot {
    const root = this.element.shadowRoot;
    if (!root) throw new Error(`<${this.element.localName}> has no shadow root (not defined?)`);
    return root;
  }

  /** Which shared state is shown (`loading`, `idle`, `empty`, `error`), or undefined when the content is. */
  get state(): 'loading' | 'idle' | 'empty' | 'error' | undefined {
    const el = this.root.querySelector('[part~="state"]');
    if (!el) return undefined;
    for (const state of ['loading', 'idle', 'empty', 'error'] as const) {
      if (el.getAttribute('part')?.split(' ').includes(`state-${state}`)) return state;
    }
    return undefined;
  }

  /** The loading state's progress bar. */
  get progressbar(): HTMLElement | null {
    return this.root.querySelector('[role="progressbar"]');
  }

  /** The state's headline text (e.g. the error's). */
  get headline(): string {
    return this.root.querySelector('[part~="state"] .headline')?.textContent?.trim() ?? '';
  }

  /** The error state's message. */
  get message(): string {
    return this.root.querySelector('[part~="state"] .message')?.textContent?.trim() ?? '';
  }

  /** The data-quality summary of the error state. */
  get qualityText(): string {
    return (
      this.root.querySelector('[part~="state"] .quality')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
    );
  }

  /** Rejection codes listed in the error state's summary. */
  get rejectionCodes(): string[] {
    return [...this.root.querySelectorAll<HTMLElement>('.reasons li')].map((li) => li.dataset.code ?? '');
  }

  /** The button that opens the rejected-rows panel. */
  get rejectionsToggle(): HTMLButtonElement | null {
    return this.root.querySelector('[part~="rejections-toggle"]');
  }

  /** The "Try again" button. */
  get retryButton(): HTMLButtonElement | null {
    return this.root.querySelector('[part~="retry"]');
  }

  /** The rejected-rows panel, when open. */
  get rejectionsPanel(): HTMLElement | null {
    return this.root.querySelector('[part~="rejections"]');
  }

  /** The rows of the panel's table, as cell texts. */
  get rejectionRows(): string[][] {
    return [...(this.rejectionsPanel?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    );
  }

  /** The panel's pager buttons ([previous, next]). */
  get pagerButtons(): HTMLButtonElement[] {
    return [...(this.rejectionsPanel?.querySelectorAll<HTMLButtonElement>('.pager button') ?? [])];
  }

  /** The panel's "Rows a–b of n" text. */
  get pagerText(): string {
    return this.rejectionsPanel?.querySelector('.pager [role="status"]')?.textContent?.trim() ?? '';
  }
}
